/** @internal Helpers of LumenAvatar: which image URLs may be shown, and the initials of a name. */

// `javascript:` and friends never reach an `<img>`; relative URLs are refused too, because they
// would resolve against the host app, not the Lumen API that issued them.
const SAFE_PROTOCOLS = new Set(['https:', 'http:', 'blob:'])

/** `url` if it is `https:`, `http:`, `blob:` or a `data:image/` URL; `null` otherwise. */
export function safeImageUrl(url: string | null | undefined): string | null {
  const value = url?.trim()
  if (!value) return null
  if (/^data:image\//i.test(value)) return value
  try {
    return SAFE_PROTOCOLS.has(new URL(value).protocol) ? value : null
  } catch {
    return null
  }
}

/** Up to two letters: the first of the first and last word, else of an email's local part. */
export function initialsOf(name: string | null | undefined, locale?: string): string {
  const words = (name ?? '').trim().split(/[\s@._-]+/).filter(Boolean)
  if (name?.includes('@')) words.splice(1)
  const first = (w: string | undefined) => (w ? (Array.from(w)[0] ?? '') : '')
  const letters = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0])
  return letters.toLocaleUpperCase(locale) || '?'
}
