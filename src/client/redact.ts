/**
 * Keep secrets out of error messages, error bodies and logs.
 * @internal
 */

// Keys whose values are credentials, in any JSON body we keep on an error.
const SECRET_KEY = /token|password|secret|api[-_]?key|authorization|cookie/i

/** A deep copy of a JSON value: credential-like fields replaced, known secrets scrubbed from strings. */
export function redact(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return scrub(value, secrets)
  if (depth > 8 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (key !== '__proto__') out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(v, secrets, depth + 1)
  }
  return out
}

/** Replace each known secret (tokens, keys the client holds) found in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('[redacted]')
  return out.replace(/Bearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]')
}

/** A one-line summary of a text body (an HTML error page becomes its visible text, cut short). */
export function summarize(text: string, max = 200): string {
  const plain = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
  return plain.length > max ? `${plain.slice(0, max)}…` : plain
}
