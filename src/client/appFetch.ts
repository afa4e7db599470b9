/**
 * `client.fetch()`: the app's own API with the client's auth, retry and refresh. Only origins in
 * `allowedOrigins` are ever contacted; anything else throws OriginNotAllowedError before sending.
 * @internal
 */
import { LumenConfigError, OriginNotAllowedError } from './errors.js'
import { authorized } from './http.js'
import type { Core } from './http.js'
import { IDEMPOTENT, runAttempts } from './retry.js'

/** `new URL(url, base)`, or a LumenConfigError naming `what` it was. */
export function toUrl(url: string, base: string | undefined, what: string): URL {
  try {
    return new URL(url, base)
  } catch {
    throw new LumenConfigError(`${what} "${url}" is not an absolute URL.`)
  }
}

/**
 * Sends the stored access token (never the service key) and `x-organization-id`; an explicit
 * `Authorization` header in `init` wins. Retries GET/HEAD/OPTIONS/PUT/DELETE on network errors,
 * 408, 429 and 5xx; POST/PATCH only when you set an `Idempotency-Key` header. A 401 to a request
 * that carried the stored token refreshes once and replays. Redirects are returned, not followed.
 * HTTP errors are returned as the
 * `Response` (like `fetch`); only "no response" throws (NetworkError / TimeoutError).
 * Relative URLs resolve against the page (`location.href`) in a browser, else the first allowed origin.
 */
export async function appFetch(core: Core, allowed: readonly string[], input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const isRequest = input instanceof Request
  const url = toUrl(isRequest ? input.url : `${input}`, (globalThis as { location?: { href?: string } }).location?.href ?? allowed[0], 'client.fetch URL')
  if (!allowed.includes(url.origin)) throw new OriginNotAllowedError(url.origin)
  const base = new Request(isRequest ? input : url, init)
  const { method, headers: given } = base
  const explicit = given.has('authorization')
  const signal = init?.signal ?? (isRequest ? input.signal : undefined)
  return authorized(core, !explicit, false, (tokens) => {
    const headers = new Headers(given)
    if (tokens.accessToken) headers.set('authorization', `Bearer ${tokens.accessToken}`)
    if (core.org && !headers.has('x-organization-id')) headers.set('x-organization-id', core.org)
    return runAttempts(
      core,
      { method, path: url.origin + url.pathname },
      signal,
      IDEMPOTENT.includes(method) || given.has('idempotency-key'),
      // Not followed: a redirect would carry the token and org to wherever it points. It is returned
      // (3xx with Location, or a browser's opaque redirect); `redirect: 'error'` is honoured.
      (signal) => core.fetch(new Request(base.clone(), { headers, signal, redirect: base.redirect == 'error' ? 'error' : 'manual' })),
      true,
    )
  }, signal)
}
