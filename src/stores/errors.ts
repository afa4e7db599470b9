/**
 * Turning client errors into store data. Structural checks (name/code/status), so they work
 * across two copies of the package and with the testing kit's fake client.
 */
import type { LumenErrorInfo } from './types.js'

type ErrorLike = { [K in keyof LumenErrorInfo]?: LumenErrorInfo[K] }

/** Plain data for the store: no `body`, no `cause`, nothing that could hold a token. */
export function toErrorInfo(e: unknown): LumenErrorInfo {
  const { name, message, code, status, requestId } = (e ?? {}) as ErrorLike
  return { name: name ?? 'Error', message: message ?? String(e), code: code ?? null, status: status ?? null, requestId: requestId ?? null }
}

/** No answer, or an answer that says "try later": keep the last good license. */
export function isTransientError(e: unknown): boolean {
  const { name, code, status } = (e ?? {}) as ErrorLike
  if ([name, code].some((v) => /^(NetworkError|TimeoutError|ServerError|LimitExceededError|NETWORK_ERROR|TIMEOUT)$/.test(String(v)))) return true
  // fetch's own failure (`TypeError: fetch failed`) when something bypasses the client's mapping
  return status != null ? status >= 500 || status === 429 || status === 408 : e instanceof TypeError
}

/** For `.catch(noop)`: a failure that is already reported elsewhere, or does not matter. */
export const noop = (): void => undefined
