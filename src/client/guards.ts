/**
 * Type guards that work across two copies of the package: they read the `Symbol.for` brand that
 * every client error class carries (its kind and its parents'), instead of relying on `instanceof`.
 */
import type {
  ConflictError, ForbiddenError, LimitExceededError, LumenApiError, LumenConfigError, NetworkError, NotFoundError,
  OriginNotAllowedError, PaywallError, ServerError, SessionExpiredError, TimeoutError, UnauthorizedError,
  UnexpectedResponseError, ValidationError,
} from './errors.js'

const BRAND = Symbol.for('lumen-account.error')

// Each guard is built by a call: `/* @__PURE__ */` lets bundlers drop the ones an app never uses.
const is = <T extends LumenApiError>(kind: string) => (e: unknown): e is T =>
  !!e && typeof e === 'object' && `${(e as Record<symbol, unknown>)[BRAND]}`.includes(`|${kind}|`)

export const isLumenApiError = /* @__PURE__ */ is<LumenApiError>('LumenApi')
export const isValidationError = /* @__PURE__ */ is<ValidationError>('Validation')
export const isUnauthorizedError = /* @__PURE__ */ is<UnauthorizedError>('Unauthorized')
export const isSessionExpiredError = /* @__PURE__ */ is<SessionExpiredError>('SessionExpired')
export const isPaywallError = /* @__PURE__ */ is<PaywallError>('Paywall')
export const isForbiddenError = /* @__PURE__ */ is<ForbiddenError>('Forbidden')
export const isNotFoundError = /* @__PURE__ */ is<NotFoundError>('NotFound')
export const isConflictError = /* @__PURE__ */ is<ConflictError>('Conflict')
export const isLimitExceededError = /* @__PURE__ */ is<LimitExceededError>('LimitExceeded')
export const isServerError = /* @__PURE__ */ is<ServerError>('Server')
export const isNetworkError = /* @__PURE__ */ is<NetworkError>('Network')
export const isTimeoutError = /* @__PURE__ */ is<TimeoutError>('Timeout')
export const isUnexpectedResponseError = /* @__PURE__ */ is<UnexpectedResponseError>('UnexpectedResponse')
export const isLumenConfigError = /* @__PURE__ */ is<LumenConfigError>('LumenConfig')
export const isOriginNotAllowedError = /* @__PURE__ */ is<OriginNotAllowedError>('OriginNotAllowed')

/** @internal Statuses that say "try later": 408, 429 and 5xx (the retry policy's rule too). */
export const isTransientStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500

const statusOf = (e: object): number => {
  const { status, statusCode } = e as { status?: unknown; statusCode?: unknown }
  return typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 0
}

/**
 * No answer, or an answer that says "try later" (network, timeout, 408, 429, 5xx): retry later and
 * keep the last good data. By brand for the client's errors; by status for anyone else's, and
 * fetch's own `TypeError` when something bypassed the client.
 */
export function isTransientError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false
  if (isNetworkError(e) || isServerError(e) || isLimitExceededError(e)) return true
  const status = statusOf(e)
  return status > 0 ? isTransientStatus(status) : !isLumenApiError(e) && e instanceof TypeError
}

/**
 * A failed license check that says nothing about the license: transient, a 2xx that is not a
 * license (a proxy's HTML page), or a failure without any status (aborted, unknown). The client's
 * own misuse errors (no status, `LumenConfigError`) and other 4xx are verdicts or bugs, not outages.
 */
export function isLicenseServiceOutage(e: unknown): boolean {
  if (!e || typeof e !== 'object') return true
  if (isTransientError(e) || isUnexpectedResponseError(e)) return true
  return !isLumenApiError(e) && statusOf(e) === 0
}
