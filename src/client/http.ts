/**
 * The transport: one API call = headers by the seed's priority, an Idempotency-Key on mutating
 * requests, attempts with retry and timeout (retry.ts) on the platform's `fetch`, the response mapped
 * to data or a typed error, and on a 401 one refresh and one replay (refresh.ts).
 * @internal
 */
import { PaywallError, toLumenError } from './errors.js'
import { bodySecrets } from './redact.js'
import type { Emitter } from './events.js'
import type { Refresher } from './refresh.js'
import { abortable, runAttempts } from './retry.js'
import type { RetryPolicy } from './retry.js'
import type { StoredTokens } from './storage.js'
import type { TokenStore } from './tokens.js'

/** Per-call options every method accepts as its last argument. */
export interface CallOptions {
  /** Cancels the call, including a pending retry wait. */
  signal?: AbortSignal
}

/** Everything a call needs from its client. One per client instance. @internal */
export interface Core {
  origin: string
  apiBase: string
  serviceKey: string | null
  tokens: TokenStore
  emitter: Emitter
  timeout: number
  retry: RetryPolicy | null
  fetch: typeof globalThis.fetch
  org: string | null
  refresher: Refresher
}

/**
 * Which credential a route takes (docs/api.md): `none` for the auth flows (nothing, not even the
 * organization), `bearer` for an explicit token only, `user` for the stored access token (a
 * refresh-token-only session refreshes first); by default the stored token, else the service key.
 */
export type RouteAuth = 'none' | 'bearer' | 'user'

export interface CallSpec extends CallOptions {
  auth?: RouteAuth
  query?: object
  body?: unknown
  /** Explicit token for `bearer` routes (verifyToken). */
  authToken?: string
  /** Shape check of a 2xx JSON object body; `false` for 204 endpoints. @default any JSON object */
  check?: ((data: Record<string, unknown>) => boolean) | false
  /** Never retried: the auth flows (the person retries; a 429 surfaces at once with `retryAfter`). */
  once?: boolean
}

const EMPTY: StoredTokens = { accessToken: null, refreshToken: null }

/** `crypto.randomUUID()`, or a random string where there is none (Node 18, insecure origins). */
export const newIdempotencyKey = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`

/**
 * Run `send` with the stored tokens (`stored`; else none), after any running refresh. A 401 to a
 * call that carried the stored access token, while a refresh token is held, refreshes once and
 * replays. `refreshFirst`: a session holding only a refresh token (a restore) refreshes before.
 * Aborting `signal` stops waiting for a refresh at once (the shared refresh carries on for others).
 */
export async function authorized<R extends Response>(core: Core, stored: boolean, refreshFirst: boolean, send: (tokens: StoredTokens) => Promise<R>, signal?: AbortSignal): Promise<R> {
  let replayed = false
  for (;;) {
    if (stored) await abortable(core.refresher.settle(), signal)
    const tokens = stored ? await core.tokens.get() : EMPTY
    const { accessToken, refreshToken } = tokens
    if (refreshFirst && !replayed && !accessToken && refreshToken) {
      replayed = true
      await abortable(core.refresher.refresh(null), signal)
      continue
    }
    const res = await send(tokens)
    if (res.status !== 401 || replayed || !accessToken || !refreshToken) return res
    replayed = true
    res.body?.cancel().catch(() => {})
    await abortable(core.refresher.refresh(accessToken), signal)
  }
}

/** `?a=1&b=x` from the defined entries of `query` (`null`/`undefined` dropped), or `''`. */
function queryString(query: object | undefined): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) if (value != null) params.append(key, String(value))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The body as JSON when it parses (`__proto__` keys dropped), else its text; `undefined` when empty. */
function parseBody(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value))
  } catch {
    return text
  }
}

/**
 * What a custom `fetch` returned, as a `Response`: a real one as it is; a hand-made double
 * (`{ ok, status, json() }`, or `text()` and `headers`) rebuilt, so the transport reads it the same way.
 */
async function asResponse(r: Response): Promise<Response> {
  if (r instanceof Response) return r
  const like = r as Partial<Response>
  const status = like.status || (like.ok === false ? 500 : 200)
  const text = like.text ? await like.text() : like.json ? JSON.stringify(await like.json()) : undefined
  return new Response(status === 204 || status === 205 || status === 304 ? null : text, { status, headers: like.headers })
}

/** Perform one API call `route` (e.g. `'GET /auth/me'`, path relative to `/api/v1`) and return its JSON body. */
export async function request<T>(core: Core, route: string, spec: CallSpec = {}): Promise<T> {
  const [method, path] = route.split(' ') as [string, string]
  const where = { method, path }
  const { auth, authToken, check } = spec
  const stored = auth !== 'none' && auth !== 'bearer'
  const res = await authorized(core, stored, auth === 'user', (tokens) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    // Every mutating request gets a key: a fresh one per call (and per replay after a refresh), the
    // same one on every retry of it.
    if (method !== 'GET') headers['idempotency-key'] = newIdempotencyKey()
    // Credentials by the seed's priority: explicit token, stored access token, service key. Spelled
    // as the seed spells them (header names are case-insensitive on the wire; a fetch mock's are not).
    const token = authToken ?? tokens.accessToken
    if (token) headers.Authorization = `Bearer ${token}`
    else if (stored && core.serviceKey) headers['X-Service-API-Key'] = core.serviceKey
    if (core.org && auth !== 'none') headers['x-organization-id'] = core.org
    const form = spec.body instanceof FormData
    if (spec.body !== undefined && !form) headers['content-type'] = 'application/json'
    const body = form ? (spec.body as FormData) : spec.body === undefined ? undefined : JSON.stringify(spec.body)
    // The body is read inside the attempt, so a response that stalls mid-body also times out.
    return runAttempts(core, where, spec.signal, !spec.once, async (signal) => {
      // Never follow a redirect: it would carry the key, token or login body to wherever it points.
      // It ends as a LumenApiError (status 3xx, or 0 for a browser's opaque redirect).
      const r = await asResponse(await core.fetch(core.apiBase + path + queryString(spec.query), { method, headers, body, signal, redirect: 'manual' }))
      return Object.assign(r, { _data: parseBody(await r.text()) })
    })
  }, spec.signal)
  const data: unknown = res._data
  if (res.ok && (check === false || (Object.prototype.toString.call(data) === '[object Object]' && (!check || check(data as Record<string, unknown>))))) {
    return (check === false ? undefined : data) as T
  }
  const error = toLumenError(res, data, where, [...core.tokens.secrets(), core.serviceKey ?? '', authToken ?? '', ...bodySecrets(spec.body)])
  if (error instanceof PaywallError) {
    const { product, feature, requiredTier, upgradeUrl, path } = error
    core.emitter.emit('request:paywall', { product, feature, requiredTier, upgradeUrl, path })
  }
  throw error
}
