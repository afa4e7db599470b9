/**
 * Turning client errors into store data. Structural (name/code/status), so it works across two
 * copies of the package.
 */
import { BRAND } from '../client/errors.js'
import type { LumenErrorInfo } from './types.js'

type ErrorLike = { [K in keyof LumenErrorInfo]?: LumenErrorInfo[K] }

/**
 * Plain data for the store: no `body`, no `cause`, nothing that could hold a token. The error's
 * brand comes along (not enumerable, never serialized), so `isUnauthorizedError(error.value)` and
 * the other guards answer as for the error itself.
 */
export function toErrorInfo(e: unknown): LumenErrorInfo {
  const { name, message, code, status, requestId } = (e ?? {}) as ErrorLike
  const info = { name: name ?? 'Error', message: message ?? String(e), code: code ?? null, status: status ?? null, requestId: requestId ?? null }
  const brand = (e as Record<symbol, unknown> | null)?.[BRAND]
  return brand ? Object.defineProperty(info, BRAND, { value: brand }) : info
}

/** No answer, or an answer that says "try later": keep the last good license (the client's brand-based rule). */
export { isTransientError } from '../client/guards.js'

/** For `.catch(noop)`: a failure that is already reported elsewhere, or does not matter. */
export const noop = (): void => undefined
