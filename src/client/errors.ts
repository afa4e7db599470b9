/**
 * Typed errors of the client. `toLumenError()` is the one place an HTTP response becomes an error.
 * Guards (`isLumenApiError`, `isPaywallError`, …) check a `Symbol.for` brand plus the class name,
 * so they also work when two copies of the package are loaded (where `instanceof` fails).
 */
import type { ErrorDetail, LumenErrorCode } from '../contract/types.js'
import { redact, scrub, summarize } from './redact.js'

const BRAND = Symbol.for('lumen-account.error')

export interface LumenErrorInit {
  status: number
  code: LumenErrorCode
  /** Human-readable reason (the server's `error.message` when there is one). */
  message?: string
  requestId?: string | null
  body?: unknown
  method?: string
  path?: string
  cause?: unknown
}

/** Base class of every error the client throws. */
export class LumenApiError extends Error {
  /** HTTP status; `0` when no response arrived. */
  readonly status: number
  readonly code: LumenErrorCode
  /** `x-request-id` of the response (header, else body), for support tickets. */
  readonly requestId: string | null
  /** The response body, secrets redacted (JSON as parsed, text summarized). */
  readonly body: unknown
  readonly method: string | null
  /** Path of the request (relative to `/api/v1` for API calls), without query. */
  readonly path: string | null
  /** The server's own message, without the `[lumen-account] [METHOD] path` prefix. */
  readonly serverMessage: string | null

  constructor(init: LumenErrorInit) {
    const where = init.method ? `[${init.method}] ${init.path ?? ''}: ` : ''
    const rid = init.requestId ? ` (${init.requestId})` : ''
    const status = init.status ? `${init.status} ` : ''
    const text = init.message ? ` ${init.message}` : ''
    super(`[lumen-account] ${where}${status}${init.code}${rid}${text}`, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'LumenApiError'
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId ?? null
    this.body = init.body
    this.method = init.method ?? null
    this.path = init.path ?? null
    this.serverMessage = init.message ?? null
    Object.defineProperty(this, BRAND, { value: true })
  }

  /** A safe, token-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(this)) out[key] = (this as unknown as Record<string, unknown>)[key]
    return { name: this.name, message: this.message, ...out }
  }
}

/** 400 / 422: the request was invalid; `details` lists the fields. */
export class ValidationError extends LumenApiError {
  readonly details: ErrorDetail[]
  constructor(init: LumenErrorInit, details: ErrorDetail[] = []) {
    super(init)
    this.name = 'ValidationError'
    this.details = details
  }
}

/** 401: missing, invalid or expired credentials. */
export class UnauthorizedError extends LumenApiError {
  constructor(init: LumenErrorInit) {
    super(init)
    this.name = 'UnauthorizedError'
  }
}

/** The session ended for good: the refresh token was rejected (or the user logged out meanwhile). */
export class SessionExpiredError extends UnauthorizedError {
  constructor(init: Partial<LumenErrorInit> = {}) {
    super({ status: 401, code: 'SESSION_EXPIRED', message: 'The session has expired; sign in again.', ...init })
    this.name = 'SessionExpiredError'
  }
}

export interface PaywallInfo {
  product: string | null
  feature: string | null
  requiredTier: string | null
  upgradeUrl: string | null
}

/** 402: the organization's license does not cover this. */
export class PaywallError extends LumenApiError implements PaywallInfo {
  readonly product: string | null
  readonly feature: string | null
  readonly requiredTier: string | null
  readonly upgradeUrl: string | null
  constructor(init: LumenErrorInit, info: Partial<PaywallInfo> = {}) {
    super(init)
    this.name = 'PaywallError'
    this.product = info.product ?? null
    this.feature = info.feature ?? null
    this.requiredTier = info.requiredTier ?? null
    this.upgradeUrl = info.upgradeUrl ?? null
  }
}

/** 403: signed in, but not allowed (e.g. `NOT_A_MEMBER`). */
export class ForbiddenError extends LumenApiError {
  constructor(init: LumenErrorInit) {
    super(init)
    this.name = 'ForbiddenError'
  }
}

/** 404 */
export class NotFoundError extends LumenApiError {
  constructor(init: LumenErrorInit) {
    super(init)
    this.name = 'NotFoundError'
  }
}

/** 409: e.g. `EMAIL_TAKEN`, `INVITATION_USED`. */
export class ConflictError extends LumenApiError {
  constructor(init: LumenErrorInit) {
    super(init)
    this.name = 'ConflictError'
  }
}

/** 429: rate limited; `retryAfter` in seconds (from `Retry-After`), or `null`. */
export class LimitExceededError extends LumenApiError {
  readonly retryAfter: number | null
  constructor(init: LumenErrorInit, retryAfter: number | null = null) {
    super(init)
    this.name = 'LimitExceededError'
    this.retryAfter = retryAfter
  }
}

/** 5xx, including a proxy's HTML error page. `retryAfter` in seconds when the server sent one. */
export class ServerError extends LumenApiError {
  readonly retryAfter: number | null
  constructor(init: LumenErrorInit, retryAfter: number | null = null) {
    super(init)
    this.name = 'ServerError'
    this.retryAfter = retryAfter
  }
}

/** No response: DNS, connection refused or reset, offline. `status` is 0. */
export class NetworkError extends LumenApiError {
  constructor(init: Partial<LumenErrorInit> = {}) {
    super({ status: 0, code: 'NETWORK_ERROR', ...init })
    this.name = 'NetworkError'
  }
}

/** An attempt exceeded the `timeout` option (or the server answered 408). */
export class TimeoutError extends NetworkError {
  constructor(init: Partial<LumenErrorInit> = {}) {
    super({ code: 'TIMEOUT', ...init })
    this.name = 'TimeoutError'
  }
}

/** A 2xx response that is not the JSON the endpoint promises (empty body, HTML, wrong shape). */
export class UnexpectedResponseError extends LumenApiError {
  constructor(init: Partial<LumenErrorInit> & { status: number }) {
    super({ code: 'UNEXPECTED_RESPONSE', message: 'The response is not the expected JSON.', ...init })
    this.name = 'UnexpectedResponseError'
  }
}

/** Misuse of the client (e.g. a service key in a browser). Thrown before anything is sent. */
export class LumenConfigError extends LumenApiError {
  constructor(message: string, code: LumenErrorCode = 'CONFIG_ERROR') {
    super({ status: 0, code, message })
    this.name = 'LumenConfigError'
  }
}

/** `client.fetch()` refused a URL whose origin is not in `allowedOrigins`; nothing was sent. */
export class OriginNotAllowedError extends LumenConfigError {
  readonly origin: string
  constructor(origin: string) {
    super(`${origin} is not in allowedOrigins; the request was not sent.`, 'ORIGIN_NOT_ALLOWED')
    this.name = 'OriginNotAllowedError'
    this.origin = origin
  }
}

interface Envelope {
  error?: { code?: unknown; message?: unknown; details?: unknown; product?: unknown; feature?: unknown; requiredTier?: unknown; upgradeUrl?: unknown }
  requestId?: unknown
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date), or `null`. @internal */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text))
  const date = Date.parse(text)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

const DEFAULT_CODES: Record<number, string> = { 400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 402: 'PAYWALL', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 408: 'TIMEOUT', 409: 'CONFLICT', 422: 'VALIDATION_FAILED', 429: 'RATE_LIMITED' }

/**
 * Map a non-2xx response to its error class (API.md table). Works for any body: the JSON
 * envelope, an HTML page from a proxy, plain text or nothing. `secrets` are scrubbed from text.
 * @internal
 */
export function toLumenError(
  res: { status: number; headers: Headers },
  data: unknown,
  where: { method: string; path: string },
  secrets: readonly string[] = [],
): LumenApiError {
  const { status } = res
  const env: Envelope = data && typeof data === 'object' ? (data as Envelope) : {}
  const e = env.error && typeof env.error === 'object' ? env.error : {}
  const fallback = status >= 500 ? 'INTERNAL_ERROR' : (DEFAULT_CODES[status] ?? `HTTP_${status}`)
  const raw = str(e.message) ?? (typeof data === 'string' ? summarize(data) : undefined)
  const init: LumenErrorInit = {
    status,
    code: str(e.code) ?? fallback,
    message: raw && scrub(raw, secrets),
    requestId: res.headers.get('x-request-id') ?? str(env.requestId) ?? null,
    body: redact(typeof data === 'string' ? summarize(data) : data, secrets),
    ...where,
  }
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'))
  if (status === 400 || status === 422) return new ValidationError(init, Array.isArray(e.details) ? (redact(e.details, secrets) as ErrorDetail[]) : [])
  if (status === 401) return new UnauthorizedError(init)
  if (status === 402) {
    return new PaywallError(init, { product: str(e.product), feature: str(e.feature), requiredTier: str(e.requiredTier), upgradeUrl: str(e.upgradeUrl) })
  }
  if (status === 403) return new ForbiddenError(init)
  if (status === 404) return new NotFoundError(init)
  if (status === 408) return new TimeoutError(init)
  if (status === 409) return new ConflictError(init)
  if (status === 429) return new LimitExceededError(init, retryAfter)
  if (status >= 500) return new ServerError(init, retryAfter)
  return new LumenApiError(init)
}
