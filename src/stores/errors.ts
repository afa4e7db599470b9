/**
 * Turning client errors into store data. Structural (name/code/status), so it works across two
 * copies of the package.
 */
import type { LumenErrorInfo } from './types.js'

type ErrorLike = { [K in keyof LumenErrorInfo]?: LumenErrorInfo[K] }

/** Plain data for the store: no `body`, no `cause`, nothing that could hold a token. */
export function toErrorInfo(e: unknown): LumenErrorInfo {
  const { name, message, code, status, requestId } = (e ?? {}) as ErrorLike
  return { name: name ?? 'Error', message: message ?? String(e), code: code ?? null, status: status ?? null, requestId: requestId ?? null }
}

/** No answer, or an answer that says "try later": keep the last good license (the client's brand-based rule). */
export { isTransientError } from '../client/guards.js'

/** For `.catch(noop)`: a failure that is already reported elsewhere, or does not matter. */
export const noop = (): void => undefined
