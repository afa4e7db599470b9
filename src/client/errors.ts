/**
 * Typed errors of the client. `toLumenError()` is the one place an HTTP response becomes an error.
 * Each class's prototype carries a `Symbol.for` brand listing its kind and its parents' kinds, so
 * the guards in `guards.ts` also work when two copies of the package are loaded (where
 * `instanceof` fails).
 */
import type { ErrorDetail, LumenErrorCode } from '../contract/types.js'
import { redact } from './redact.js'

/** @internal `|Timeout|Network|LumenApi|` for a TimeoutError. */
export const BRAND = Symbol.for('lumen-account.error')

export interface LumenErrorInit {
  status: number
  code: LumenErrorCode
  /** Human-readable reason (the server's `error.message` when there is one). */
  message?: string | null | undefined
  requestId?: string | null
  body?: unknown
  method?: string | null | undefined
  path?: string | null | undefined
  cause?: unknown
}

/**
 * What an error class is built from: the client's fields, or (your own code) just a message. A
 * missing `status` or `code` is the class's own (`DEFAULTS`: 403 `FORBIDDEN` for `ForbiddenError`, …).
 */
export type LumenErrorInput = Partial<LumenErrorInit> | string

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

  /**
   * @param init the client's fields; a string is a message of your own (status and code then come
   * from the class: 403 `FORBIDDEN` for `ForbiddenError`, …), used as it is.
   * @param extra internal: the subclass's own fields.
   */
  constructor(init: LumenErrorInput, extra?: object) {
    // A message alone, as in the seed's `throw new ForbiddenError('No active license')`.
    const own = typeof init === 'string'
    const fields = own ? { message: init } : init
    const { message = null, method = null, path = null, requestId = null } = fields
    const [defaultStatus, defaultCode] = DEFAULTS[(new.target.prototype as { name: string }).name] ?? [0, 'UNKNOWN_ERROR']
    const status = fields.status ?? defaultStatus
    const code = fields.code ?? defaultCode
    // "[lumen-account] [GET] /auth/me: 404 NOT_FOUND (req_9f2) No such user"; `init.cause` is kept.
    super(own ? (message as string) : `[lumen-account] ${method ? `[${method}] ${path}: ` : ''}${status ? `${status} ` : ''}${code}${requestId ? ` (${requestId})` : ''}${message ? ` ${message}` : ''}`, fields)
    Object.assign(this, { name: this.name, status, code, requestId, body: fields.body, method, path, serverMessage: message }, extra)
  }

  /** A safe, token-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { message: this.message, ...(this as object) }
  }
}

/** 400 / 422: the request was invalid; `details` lists the fields. */
export class ValidationError extends LumenApiError {
  declare readonly details: ErrorDetail[]
  constructor(init: LumenErrorInput, details: ErrorDetail[] = []) {
    super(init, { details })
  }
}

/** 401: missing, invalid or expired credentials. */
export class UnauthorizedError extends LumenApiError {}

/** The session ended for good: the refresh token was rejected, or a logout happened meanwhile. */
export class SessionExpiredError extends UnauthorizedError {
  constructor(init: LumenErrorInput = {}) {
    super(typeof init === 'string' ? init : { message: 'Sign in again.', ...init })
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
  constructor(init: LumenErrorInput, info: Partial<PaywallInfo> = {}) {
    const { product = null, feature = null, requiredTier = null, upgradeUrl = null } = info
    super(init, { product, feature, requiredTier, upgradeUrl })
  }
}

/** 403: signed in, but not allowed (e.g. `NOT_A_MEMBER`). */
export class ForbiddenError extends LumenApiError {}

/** 404 */
export class NotFoundError extends LumenApiError {}

/** 409: e.g. `EMAIL_TAKEN`, `INVITATION_USED`. */
export class ConflictError extends LumenApiError {}

/** 429: rate limited; `retryAfter` in seconds (from `Retry-After`), or `null`. */
export class LimitExceededError extends LumenApiError {
  declare readonly retryAfter: number | null
  constructor(init: LumenErrorInput, retryAfter: number | null = null) {
    super(init, { retryAfter })
  }
}

/** 5xx, including a proxy's HTML error page. `retryAfter` in seconds when the server sent one. */
export class ServerError extends LumenApiError {
  declare readonly retryAfter: number | null
  constructor(init: LumenErrorInput, retryAfter: number | null = null) {
    super(init, { retryAfter })
  }
}

/** No response: DNS, connection refused or reset, offline. `status` is 0. */
export class NetworkError extends LumenApiError {
  constructor(init: LumenErrorInput = {}) {
    super(init)
  }
}

/** An attempt exceeded the `timeout` option (or the server answered 408). */
export class TimeoutError extends NetworkError {}

/** A 2xx response that is not the JSON the endpoint promises (empty body, HTML, wrong shape). */
export class UnexpectedResponseError extends LumenApiError {
  constructor(init: Partial<LumenErrorInit> & { status: number }) {
    super({ code: 'UNEXPECTED_RESPONSE', message: 'Not the expected JSON.', ...init })
  }
}

/** Where the SDK's own messages (misuse, storage warnings) point for help. @internal */
export const DOCS_URL = 'https://www.npmjs.com/package/@vss-software/lumen-account-sdk#api-at-a-glance'

/** Misuse of the client (e.g. a service key in a browser). Thrown before anything is sent. */
export class LumenConfigError extends LumenApiError {
  constructor(message: string, code: LumenErrorCode = 'CONFIG_ERROR', extra?: object) {
    super({ status: 0, code, message: `${message} See ${DOCS_URL}` }, extra)
  }
}

/** `client.fetch()` refused a URL whose origin is not in `allowedOrigins`; nothing was sent. */
export class OriginNotAllowedError extends LumenConfigError {
  declare readonly origin: string
  constructor(origin: string) {
    super(`${origin} is not in allowedOrigins; nothing was sent.`, 'ORIGIN_NOT_ALLOWED', { origin })
  }
}

// Name and brand of each class, parents first: the brand is the class's kind plus its parent's brand.
for (const [Class, kind] of [
  [LumenApiError, 'LumenApi'], [ValidationError, 'Validation'], [UnauthorizedError, 'Unauthorized'],
  [SessionExpiredError, 'SessionExpired'], [PaywallError, 'Paywall'], [ForbiddenError, 'Forbidden'],
  [NotFoundError, 'NotFound'], [ConflictError, 'Conflict'], [LimitExceededError, 'LimitExceeded'],
  [ServerError, 'Server'], [NetworkError, 'Network'], [TimeoutError, 'Timeout'],
  [UnexpectedResponseError, 'UnexpectedResponse'], [LumenConfigError, 'LumenConfig'], [OriginNotAllowedError, 'OriginNotAllowed'],
] as const) {
  const proto = Class.prototype as unknown as Record<string | symbol, unknown>
  proto.name = `${kind}Error`
  proto[BRAND] = `|${kind}${(Object.getPrototypeOf(proto) as Record<symbol, string>)[BRAND] ?? '|'}`
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date), or `null`. @internal */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const seconds = value ? +value : NaN
  const date = value ? Date.parse(value) : NaN
  return seconds >= 0 ? Math.ceil(seconds) : isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

/** Status and code of an error class when its input names none (by the class's name). */
const DEFAULTS: Record<string, [number, string]> = {
  ValidationError: [400, 'VALIDATION_FAILED'], UnauthorizedError: [401, 'UNAUTHORIZED'], SessionExpiredError: [401, 'SESSION_EXPIRED'],
  PaywallError: [402, 'PAYWALL'], ForbiddenError: [403, 'FORBIDDEN'], NotFoundError: [404, 'NOT_FOUND'], ConflictError: [409, 'CONFLICT'],
  LimitExceededError: [429, 'RATE_LIMITED'], ServerError: [500, 'INTERNAL_ERROR'], NetworkError: [0, 'NETWORK_ERROR'], TimeoutError: [0, 'TIMEOUT'],
}

const CODES: Record<number, string> = { 400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 402: 'PAYWALL', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 408: 'TIMEOUT', 409: 'CONFLICT', 422: 'VALIDATION_FAILED', 429: 'RATE_LIMITED' }

type Fields = Record<string, unknown>
const fields = (v: unknown): Fields => (v && typeof v === 'object' ? (v as Fields) : {})

/**
 * Map a response to its error class (docs/api.md table): a non-2xx, or a 2xx whose body is not the
 * expected JSON (UnexpectedResponseError). Works for any body: the JSON envelope, an HTML page from
 * a proxy, plain text or nothing. The body is redacted first (`secrets` and credential fields).
 * @internal
 */
export function toLumenError(
  res: { status: number; ok: boolean; headers: Headers },
  data: unknown,
  where: { method: string; path: string },
  secrets: readonly string[],
): LumenApiError {
  const { status, headers } = res
  const body = redact(data, secrets)
  const env = fields(body)
  const e = fields(env.error)
  const header = (name: string) => headers.get(name)
  const init: LumenErrorInit = { status, code: 'UNEXPECTED_RESPONSE', requestId: header('x-request-id') ?? str(env.requestId) ?? null, body, ...where }
  if (res.ok) return new UnexpectedResponseError(init)
  init.code = str(e.code) ?? (status >= 500 ? 'INTERNAL_ERROR' : (CODES[status] ?? `HTTP_${status}`))
  // The envelope's message, else whatever the body says (`{ error: "…" }`, other JSON, text), redacted.
  init.message = str(e.message) ?? str(env.message) ?? str(env.error) ?? str(body) ?? (body && typeof body == 'object' ? JSON.stringify(body).slice(0, 200) : undefined)
  const retryAfter = parseRetryAfter(header('retry-after'))
  if (status === 400 || status === 422) return new ValidationError(init, Array.isArray(e.details) ? e.details : [])
  if (status === 402) return new PaywallError(init, { product: str(e.product), feature: str(e.feature), requiredTier: str(e.requiredTier), upgradeUrl: str(e.upgradeUrl) })
  if (status === 429) return new LimitExceededError(init, retryAfter)
  if (status >= 500) return new ServerError(init, retryAfter)
  const Class = ({ 401: UnauthorizedError, 403: ForbiddenError, 404: NotFoundError, 408: TimeoutError, 409: ConflictError } as Record<number, typeof NotFoundError>)[status]
  return new (Class ?? LumenApiError)(init)
}
