/**
 * Type guards that work across two copies of the package: they check the `Symbol.for` brand set
 * by `LumenApiError` and walk the class names, instead of relying on `instanceof`.
 */
import type {
  ConflictError, ForbiddenError, LimitExceededError, LumenApiError, LumenConfigError, NetworkError, NotFoundError,
  OriginNotAllowedError, PaywallError, ServerError, SessionExpiredError, TimeoutError, UnauthorizedError,
  UnexpectedResponseError, ValidationError,
} from './errors.js'

const BRAND = Symbol.for('lumen-account.error')

// Each class name and its parent: a cross-copy `instanceof`.
const PARENT: Record<string, string> = {
  ValidationError: 'LumenApiError',
  UnauthorizedError: 'LumenApiError',
  SessionExpiredError: 'UnauthorizedError',
  PaywallError: 'LumenApiError',
  ForbiddenError: 'LumenApiError',
  NotFoundError: 'LumenApiError',
  ConflictError: 'LumenApiError',
  LimitExceededError: 'LumenApiError',
  ServerError: 'LumenApiError',
  NetworkError: 'LumenApiError',
  TimeoutError: 'NetworkError',
  UnexpectedResponseError: 'LumenApiError',
  LumenConfigError: 'LumenApiError',
  OriginNotAllowedError: 'LumenConfigError',
}

function is(value: unknown, kind: string): boolean {
  if (!value || typeof value !== 'object' || (value as Record<symbol, unknown>)[BRAND] !== true) return false
  let name: string | undefined = (value as { name?: string }).name
  while (name) {
    if (name === kind) return true
    name = PARENT[name]
  }
  return false
}

export const isLumenApiError = (e: unknown): e is LumenApiError => is(e, 'LumenApiError')
export const isValidationError = (e: unknown): e is ValidationError => is(e, 'ValidationError')
export const isUnauthorizedError = (e: unknown): e is UnauthorizedError => is(e, 'UnauthorizedError')
export const isSessionExpiredError = (e: unknown): e is SessionExpiredError => is(e, 'SessionExpiredError')
export const isPaywallError = (e: unknown): e is PaywallError => is(e, 'PaywallError')
export const isForbiddenError = (e: unknown): e is ForbiddenError => is(e, 'ForbiddenError')
export const isNotFoundError = (e: unknown): e is NotFoundError => is(e, 'NotFoundError')
export const isConflictError = (e: unknown): e is ConflictError => is(e, 'ConflictError')
export const isLimitExceededError = (e: unknown): e is LimitExceededError => is(e, 'LimitExceededError')
export const isServerError = (e: unknown): e is ServerError => is(e, 'ServerError')
export const isNetworkError = (e: unknown): e is NetworkError => is(e, 'NetworkError')
export const isTimeoutError = (e: unknown): e is TimeoutError => is(e, 'TimeoutError')
export const isUnexpectedResponseError = (e: unknown): e is UnexpectedResponseError => is(e, 'UnexpectedResponseError')
export const isLumenConfigError = (e: unknown): e is LumenConfigError => is(e, 'LumenConfigError')
export const isOriginNotAllowedError = (e: unknown): e is OriginNotAllowedError => is(e, 'OriginNotAllowedError')
