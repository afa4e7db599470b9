/** Content types from magic bytes: what a file is, never what the upload claims it is. */

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x)
const ascii = (b: Uint8Array, text: string, at = 0) => startsWith(b, [...text].map((ch) => ch.charCodeAt(0)), at)

export function sniff(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (ascii(bytes, 'RIFF') && ascii(bytes, 'WEBP', 8)) return 'image/webp'
  if (ascii(bytes, 'GIF87a') || ascii(bytes, 'GIF89a')) return 'image/gif'
  if (ascii(bytes, '%PDF-')) return 'application/pdf'
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip'
  if (isSvg(bytes)) return 'image/svg+xml'
  if (isText(bytes)) return 'text/plain; charset=utf-8'
  return 'application/octet-stream'
}

export function isSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase()
  return head.startsWith('<svg') || ((head.startsWith('<?xml') || head.startsWith('<!doctype svg')) && head.includes('<svg'))
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.byteLength === 0) return false
  const sample = bytes.subarray(0, 4096)
  if (sample.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.byteLength < bytes.byteLength ? sample.subarray(0, sample.byteLength - 4) : sample)
    return true
  } catch {
    return false
  }
}

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp']

/** Types served inline; anything else is served as an attachment (no script runs from an asset URL). */
export const INLINE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf', 'text/plain; charset=utf-8']
