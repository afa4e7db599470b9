/**
 * Typed errors of the client. `toLumenError()` is the one place an HTTP response becomes an error.
 * Each error carries a `Symbol.for` brand listing its class and parents, so the guards in
 * `guards.ts` also work when two copies of the package are loaded (where `instanceof` fails).
 */
import type { ErrorDetail, LumenErrorCode } from '../contract/types.js'
import { redact, scrub, summarize } from './redact.js'

/** @internal `|Timeout|Network|LumenApi|` for a TimeoutError. */
export const BRAND = Symbol.for('lumen-account.error')

export interface LumenErrorInit {
  status: number
  code: LumenErrorCode
  /** Human-readable reason (the server's `error.message` when there is one). */
  message?: string | undefined
  requestId?: string | null
  body?: unknown
  method?: string | undefined
  path?: string | undefined
  cause?: unknown
}

/** Base class of every error the client throws. */
export class LumenApiError extends Error {
  /** HTTP status; `0` when no response arrived (or nothing was sent). */
  declare readonly status: number
  declare readonly code: LumenErrorCode
  /** `x-request-id` of the response (header, else body), for support tickets. */
  declare readonly requestId: string | null
  /** The response body with secrets redacted (JSON as parsed; text summarized). */
  declare readonly body: unknown
  declare readonly method: string | null
  /** Path of the request (relative to `/api/v1` for API calls), without query. */
  declare readonly path: string | null
  /** The server's own message, without the `[lumen-account] [METHOD] path: …` prefix. */
  declare readonly serverMessage: string | null

  /** @param kind internal: this class and its parents, e.g. `Timeout|Network`. */
  constructor(init: LumenErrorInit, kind = '', extra: object = {}) {
    const { status, code, message, method, path, requestId = null } = init
    super(
      `[lumen-account] ${method ? `[${method}] ${path}: ` : ''}${status ? `${status} ` : ''}${code}${requestId ? ` (${requestId})` : ''}${message ? ` ${message}` : ''}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    )
    const name = `${kind.split('|')[0] || 'LumenApi'}Error`
    Object.assign(this, { name, status, code, requestId, body: init.body, method: method ?? null, path: path ?? null, serverMessage: message ?? null }, extra)
    Object.defineProperty(this, BRAND, { value: `|${kind}|LumenApi|` })
  }

  /** A safe, token-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { message: this.message, ...(this as object) }
  }
}

/** 400 / 422: the request was invalid; `details` lists the fields. */
export class ValidationError extends LumenApiError {
  declare readonly details: ErrorDetail[]
  constructor(init: LumenErrorInit, details: ErrorDetail[] = []) {
    super(init, 'Validation', { details })
  }
}

/** 401: missing, invalid or expired credentials. */
export class UnauthorizedError extends LumenApiError {
  constructor(init: LumenErrorInit, kind = 'Unauthorized') {
    super(init, kind)
  }
}

/** The session ended for good: the refresh token was rejected, or a logout happened meanwhile. */
export class SessionExpiredError extends UnauthorizedError {
  constructor(init: Partial<LumenErrorInit> = {}) {
    super({ status: 401, code: 'SESSION_EXPIRED', message: 'Sign in again.', ...init }, 'SessionExpired|Unauthorized')
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
  declare readonly product: string | null
  declare readonly feature: string | null
  declare readonly requiredTier: string | null
  declare readonly upgradeUrl: string | null
  constructor(init: LumenErrorInit, info: Partial<PaywallInfo> = {}) {
    const { product = null, feature = null, requiredTier = null, upgradeUrl = null } = info
    super(init, 'Paywall', { product, feature, requiredTier, upgradeUrl })
  }
}

/** 403: signed in, but not allowed (e.g. `NOT_A_MEMBER`). */
export class ForbiddenError extends LumenApiError {
  constructor(init: LumenErrorInit) {
    super(init, 'Forbidden')
  }
}

/** 404 */
export class NotFoundError extends LumenApiError {
  constructor(init: LumenErrorInit) {
    super(init, 'NotFound')
  }
}

/** 409: e.g. `EMAIL_TAKEN`, `INVITATION_USED`. */
export class ConflictError extends LumenApiError {
  constructor(init: LumenErrorInit) {
    super(init, 'Conflict')
  }
}

/** 429: rate limited; `retryAfter` in seconds (from `Retry-After`), or `null`. */
export class LimitExceededError extends LumenApiError {
  declare readonly retryAfter: number | null
  constructor(init: LumenErrorInit, retryAfter: number | null = null) {
    super(init, 'LimitExceeded', { retryAfter })
  }
}

/** 5xx, including a proxy's HTML error page. `retryAfter` in seconds when the server sent one. */
export class ServerError extends LumenApiError {
  declare readonly retryAfter: number | null
  constructor(init: LumenErrorInit, retryAfter: number | null = null) {
    super(init, 'Server', { retryAfter })
  }
}

/** No response: DNS, connection refused or reset, offline. `status` is 0. */
export class NetworkError extends LumenApiError {
  constructor(init: Partial<LumenErrorInit> = {}, kind = 'Network') {
    super({ status: 0, code: 'NETWORK_ERROR', ...init }, kind)
  }
}

/** An attempt exceeded the `timeout` option (or the server answered 408). */
export class TimeoutError extends NetworkError {
  constructor(init: Partial<LumenErrorInit> = {}) {
    super({ code: 'TIMEOUT', ...init }, 'Timeout|Network')
  }
}

/** A 2xx response that is not the JSON the endpoint promises (empty body, HTML, wrong shape). */
export class UnexpectedResponseError extends LumenApiError {
  constructor(init: Partial<LumenErrorInit> & { status: number }) {
    super({ code: 'UNEXPECTED_RESPONSE', message: 'Not the expected JSON.', ...init }, 'UnexpectedResponse')
  }
}

/** Misuse of the client (e.g. a service key in a browser). Thrown before anything is sent. */
export class LumenConfigError extends LumenApiError {
  constructor(message: string, code: LumenErrorCode = 'CONFIG_ERROR', kind = 'LumenConfig', extra?: object) {
    super({ status: 0, code, message }, kind, extra)
  }
}

/** `client.fetch()` refused a URL whose origin is not in `allowedOrigins`; nothing was sent. */
export class OriginNotAllowedError extends LumenConfigError {
  declare readonly origin: string
  constructor(origin: string) {
    super(`${origin} is not in allowedOrigins; nothing was sent.`, 'ORIGIN_NOT_ALLOWED', 'OriginNotAllowed|LumenConfig', { origin })
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
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value))
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

const CODES: Record<number, string> = { 400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 402: 'PAYWALL', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 408: 'TIMEOUT', 409: 'CONFLICT', 422: 'VALIDATION_FAILED', 429: 'RATE_LIMITED' }

/**
 * Map a non-2xx response to its error class (API.md table). Works for any body: the JSON
 * envelope, an HTML page from a proxy, plain text or nothing. `secrets` are scrubbed.
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
  const raw = str(e.message) ?? (typeof data === 'string' ? summarize(data) : undefined)
  const init: LumenErrorInit = {
    status,
    code: str(e.code) ?? (status >= 500 ? 'INTERNAL_ERROR' : (CODES[status] ?? `HTTP_${status}`)),
    message: raw && scrub(raw, secrets),
    requestId: res.headers.get('x-request-id') ?? str(env.requestId) ?? null,
    body: redact(typeof data === 'string' ? summarize(data) : data, secrets),
    ...where,
  }
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'))
  if (status === 400 || status === 422) return new ValidationError(init, Array.isArray(e.details) ? (redact(e.details, secrets) as ErrorDetail[]) : [])
  if (status === 402) {
    return new PaywallError(init, { product: str(e.product), feature: str(e.feature), requiredTier: str(e.requiredTier), upgradeUrl: str(e.upgradeUrl) })
  }
  if (status === 429) return new LimitExceededError(init, retryAfter)
  if (status >= 500) return new ServerError(init, retryAfter)
  const Class = ({ 401: UnauthorizedError, 403: ForbiddenError, 404: NotFoundError, 408: TimeoutError, 409: ConflictError } as Record<number, typeof NotFoundError>)[status]
  return Class ? new Class(init) : new LumenApiError(init)
}
