/**
 * `client.fetch()`: the app's own API with the client's auth, retry and refresh. Only origins in
 * `allowedOrigins` are ever contacted; anything else throws OriginNotAllowedError before sending.
 * @internal
 */
import { LumenConfigError, OriginNotAllowedError, parseRetryAfter } from './errors.js'
import type { Core } from './http.js'
import { IDEMPOTENT, runAttempts } from './retry.js'

export function normalizeOrigins(origins: readonly string[] = []): string[] {
  return origins.map((o) => {
    try {
      return new URL(o).origin
    } catch {
      throw new LumenConfigError(`allowedOrigins entry "${o}" is not an absolute URL.`)
    }
  })
}

/** Relative URLs resolve against the page (`location.href`) in a browser, else the first allowed origin. */
function resolveUrl(input: string | URL | Request, allowed: readonly string[]): URL {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const base = (globalThis as { location?: { href?: string } }).location?.href ?? allowed[0]
  try {
    return new URL(raw, base)
  } catch {
    throw new LumenConfigError(`client.fetch: cannot resolve "${raw}"; use an absolute URL or set allowedOrigins.`)
  }
}

/**
 * Sends the stored access token (never the service key) and `x-organization-id`; an explicit
 * `Authorization` header in `init` wins. Retries GET/HEAD/OPTIONS/PUT/DELETE on network errors,
 * 408, 429 and 5xx; POST/PATCH only when you set an `Idempotency-Key` header. A 401 to a request
 * that carried the stored token refreshes once and replays. HTTP errors are returned as the
 * `Response` (like `fetch`); only "no response" throws (NetworkError / TimeoutError).
 */
export async function appFetch(core: Core, allowed: readonly string[], input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = resolveUrl(input, allowed)
  if (!allowed.includes(url.origin)) throw new OriginNotAllowedError(url.origin)
  const base = input instanceof Request ? new Request(input, init) : new Request(url, init)
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined
  const where = { method: base.method, path: url.origin + url.pathname }
  const explicit = base.headers.has('authorization')
  const repeatable = IDEMPOTENT.has(base.method) || base.headers.has('idempotency-key')
  let replayed = false
  for (;;) {
    if (!explicit) await core.refresher.settle()
    const tokens = await core.tokens.get()
    const headers = new Headers(base.headers)
    if (!explicit && tokens.accessToken) headers.set('authorization', `Bearer ${tokens.accessToken}`)
    if (core.org && !headers.has('x-organization-id')) headers.set('x-organization-id', core.org)
    const res = await runAttempts<Response>({
      policy: core.retry,
      repeatable,
      timeout: core.timeout,
      signal,
      where,
      keepLinked: true,
      send: (attemptSignal) => core.fetch(new Request(base.clone(), { headers, signal: attemptSignal })),
      judge: (r) => (r.ok ? null : { status: r.status, retryAfter: parseRetryAfter(r.headers.get('retry-after')) }),
      // The body of a response we retry past is never read: release its connection.
      discard: (r) => void r.body?.cancel().catch(() => {}),
    })
    if (res.status === 401 && !replayed && !explicit && tokens.accessToken && tokens.refreshToken) {
      replayed = true
      void res.body?.cancel().catch(() => {})
      await core.refresher.refresh(tokens.accessToken)
      continue
    }
    return res
  }
}
