/**
 * Keep secrets out of error messages, error bodies and logs.
 * @internal
 */

// Keys whose values are credentials, in any JSON body we keep on an error.
const SECRET_KEY = /token|password|secret|api[-_]?key|authorization|cookie/i

/**
 * A copy of a response body fit for an error: a text (an HTML error page) becomes a one-line
 * summary of its visible text; in JSON, credential-like fields are replaced; every known secret
 * (tokens, keys the client holds) and any `Bearer …` is scrubbed from strings.
 */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  const scrub = (text: string) => {
    for (const s of secrets) if (s.length > 5) text = text.replaceAll(s, '[redacted]')
    return text.replace(/Bearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]')
  }
  if (typeof value === 'string') {
    const plain = value.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
    return scrub(plain.length > 200 ? `${plain.slice(0, 200)}…` : plain)
  }
  return value === undefined ? value : JSON.parse(JSON.stringify(value, (key, v: unknown) => (SECRET_KEY.test(key) ? '[redacted]' : typeof v === 'string' ? scrub(v) : v)))
}

/** The credential values (password, token, …) of a request body: an echo of them is scrubbed too. */
export const bodySecrets = (body: unknown): string[] =>
  Object.entries(body ?? {}).flatMap(([key, v]) => (SECRET_KEY.test(key) && typeof v == 'string' ? [v] : []))
