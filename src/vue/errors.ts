/**
 * Turning client errors into store data. Structural checks (name/code/status), so they work
 * across two copies of the package and with the testing kit's fake client.
 */
import type { LumenErrorInfo } from './types.js'

interface ErrorLike {
  name?: unknown
  message?: unknown
  code?: unknown
  status?: unknown
  requestId?: unknown
}

const asErrorLike = (e: unknown): ErrorLike => (typeof e === 'object' && e !== null ? (e as ErrorLike) : {})

/** Plain data for the store: no `body`, no `cause`, nothing that could hold a token. */
export function toErrorInfo(e: unknown): LumenErrorInfo {
  const err = asErrorLike(e)
  return {
    name: typeof err.name === 'string' ? err.name : 'Error',
    message: typeof err.message === 'string' ? err.message : String(e),
    code: typeof err.code === 'string' ? err.code : null,
    status: typeof err.status === 'number' ? err.status : null,
    requestId: typeof err.requestId === 'string' ? err.requestId : null,
  }
}

/** No answer, or an answer that says "try later": keep the last good license. */
export function isTransientError(e: unknown): boolean {
  const { name, code, status } = asErrorLike(e)
  if (name === 'NetworkError' || name === 'TimeoutError' || name === 'ServerError' || name === 'LimitExceededError') return true
  if (code === 'NETWORK_ERROR' || code === 'TIMEOUT') return true
  if (typeof status === 'number') return status >= 500 || status === 429 || status === 408
  // fetch's own failure (`TypeError: fetch failed`) when something bypasses the client's mapping
  return e instanceof TypeError
}

export function isAbortError(e: unknown): boolean {
  const { name } = asErrorLike(e)
  return name === 'AbortError'
}
