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

const is = <T extends LumenApiError>(kind: string) => (e: unknown): e is T =>
  !!e && typeof e === 'object' && `${(e as Record<symbol, unknown>)[BRAND]}`.includes(`|${kind}|`)

export const isLumenApiError = is<LumenApiError>('LumenApi')
export const isValidationError = is<ValidationError>('Validation')
export const isUnauthorizedError = is<UnauthorizedError>('Unauthorized')
export const isSessionExpiredError = is<SessionExpiredError>('SessionExpired')
export const isPaywallError = is<PaywallError>('Paywall')
export const isForbiddenError = is<ForbiddenError>('Forbidden')
export const isNotFoundError = is<NotFoundError>('NotFound')
export const isConflictError = is<ConflictError>('Conflict')
export const isLimitExceededError = is<LimitExceededError>('LimitExceeded')
export const isServerError = is<ServerError>('Server')
export const isNetworkError = is<NetworkError>('Network')
export const isTimeoutError = is<TimeoutError>('Timeout')
export const isUnexpectedResponseError = is<UnexpectedResponseError>('UnexpectedResponse')
export const isLumenConfigError = is<LumenConfigError>('LumenConfig')
export const isOriginNotAllowedError = is<OriginNotAllowedError>('OriginNotAllowed')
