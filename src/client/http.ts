/**
 * The transport: one API call = headers by the seed's priority, an Idempotency-Key on mutating
 * requests, attempts with retry and timeout (retry.ts) through ofetch, the response mapped to data
 * or a typed error, and on a 401 one refresh and one replay (refresh.ts).
 * @internal
 */
import type { $Fetch, FetchResponse } from 'ofetch'
import type { RouteDef } from '../contract/routes.js'
import { PaywallError, UnexpectedResponseError, parseRetryAfter, toLumenError } from './errors.js'
import { isUnauthorizedError } from './guards.js'
import type { Emitter } from './events.js'
import { redact, summarize } from './redact.js'
import type { Refresher } from './refresh.js'
import { runAttempts } from './retry.js'
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
  mode: 'service' | 'user'
  serviceKey: string | null
  tokens: TokenStore
  emitter: Emitter
  timeout: number
  retry: RetryPolicy | null
  fetch: typeof globalThis.fetch
  $fetch: $Fetch
  org: string | null
  refresher: Refresher
}

export interface CallSpec {
  route: RouteDef
  params?: Record<string, string>
  query?: Record<string, string | number | null | undefined>
  body?: unknown
  /** Explicit per-call token: first in the header priority (verifyToken). */
  authToken?: string
  signal?: AbortSignal
  /** `none` for 204 endpoints; otherwise a JSON object is required. @default 'json' */
  expect?: 'json' | 'none'
  /** Extra shape check of a 2xx body. */
  check?: (data: Record<string, unknown>) => boolean
}

const EMPTY: StoredTokens = { accessToken: null, refreshToken: null }

export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => Object.prototype.toString.call(v) === '[object Object]'

function buildPath(spec: CallSpec): string {
  const path = spec.route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(spec.params?.[name] ?? ''))
  const query = new URLSearchParams()
  for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined && v !== null) query.set(k, String(v))
  const qs = query.toString()
  return qs ? `${path}?${qs}` : path
}

/** Credential headers by the seed's priority: explicit token, stored access token, service key. */
export function credentials(core: Core, tokens: StoredTokens, authToken?: string, bearerOnly = false): Record<string, string> {
  const h: Record<string, string> = {}
  if (authToken || bearerOnly) {
    if (authToken) h.authorization = `Bearer ${authToken}`
  } else if (tokens.accessToken) h.authorization = `Bearer ${tokens.accessToken}`
  else if (core.serviceKey) h['x-service-api-key'] = core.serviceKey
  if (core.org) h['x-organization-id'] = core.org
  return h
}

export function secretsOf(core: Core, extra?: string): string[] {
  return [...core.tokens.secrets(), core.serviceKey ?? '', extra ?? '']
}

/** Perform one API call (with retries, refresh and one replay) and return its JSON body. */
export async function request<T>(core: Core, spec: CallSpec): Promise<T> {
  const fullPath = buildPath(spec)
  const where = { method: spec.route.method, path: fullPath.split('?')[0]! }
  const { auth } = spec.route
  const stored = auth !== 'none' && auth !== 'bearer' && !spec.authToken
  let replayed = false
  for (;;) {
    if (stored) await core.refresher.settle()
    const tokens = stored ? await core.tokens.get() : EMPTY
    if (stored && !replayed && auth === 'user' && !tokens.accessToken && tokens.refreshToken) {
      // Restored session (refresh token only): get an access token before the call.
      replayed = true
      await core.refresher.refresh(null)
      continue
    }
    const headers = auth === 'none' ? {} : credentials(core, tokens, spec.authToken, auth === 'bearer')
    try {
      return await send<T>(core, spec, fullPath, where, headers)
    } catch (error) {
      if (isUnauthorizedError(error) && !replayed && stored && tokens.accessToken && tokens.refreshToken) {
        replayed = true
        await core.refresher.refresh(tokens.accessToken)
        continue
      }
      if (error instanceof PaywallError) {
        const { product, feature, requiredTier, upgradeUrl, path } = error
        core.emitter.emit('request:paywall', { product, feature, requiredTier, upgradeUrl, path })
      }
      throw error
    }
  }
}

async function send<T>(core: Core, spec: CallSpec, fullPath: string, where: { method: string; path: string }, auth: Record<string, string>): Promise<T> {
  const { method } = spec.route
  // Every mutating request gets a key: a fresh one per call (and per replay after a refresh), the
  // same one on every retry of it.
  const headers: Record<string, string> = { accept: 'application/json', ...auth }
  if (method !== 'GET') headers['idempotency-key'] = newIdempotencyKey()
  const res = await runAttempts<FetchResponse<unknown>>({
    policy: core.retry,
    repeatable: true,
    timeout: core.timeout,
    signal: spec.signal,
    where,
    send: (signal) => core.$fetch.raw(core.apiBase + fullPath, { method, headers, body: spec.body as BodyInit, signal, retry: false, ignoreResponseError: true }),
    judge: (r) => (r.ok ? null : { status: r.status, retryAfter: parseRetryAfter(r.headers.get('retry-after')) }),
  })
  const data = res._data
  if (!res.ok) throw toLumenError(res, data, where, secretsOf(core, spec.authToken))
  if (spec.expect === 'none') return undefined as T
  if (!isPlainObject(data) || (spec.check && !spec.check(data))) {
    throw new UnexpectedResponseError({
      status: res.status,
      ...where,
      requestId: res.headers.get('x-request-id'),
      body: redact(typeof data === 'string' ? summarize(data) : data, secretsOf(core, spec.authToken)),
    })
  }
  return data as T
}
