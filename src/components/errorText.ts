/**
 * @internal A failed call as a sentence for the user. Brand-based (the client's guards), so it works
 * with any copy of the client. Server text is never shown: it is not translated and may name internals.
 */
import { isLimitExceededError, isNetworkError } from '../client/guards.js'
import type { LumenUi } from './lumenUi.js'

interface ErrorLike {
  name?: unknown
  code?: unknown
  status?: unknown
}

export function errorText(e: unknown, t: LumenUi['t'], byCode: Record<string, Parameters<LumenUi['t']>[0]> = {}): string {
  const { code, status } = (e ?? {}) as ErrorLike
  const known = typeof code === 'string' ? byCode[code] : undefined
  if (known) return t(known)
  if (isNetworkError(e) || e instanceof TypeError) return t('errorNetwork')
  if (isLimitExceededError(e) || status === 429) return t('errorRateLimited')
  return t('errorGeneric')
}

/** The `code` of a failed call, if it has one. */
export const errorCode = (e: unknown): string | null => {
  const code = (e as ErrorLike | null)?.code
  return typeof code === 'string' ? code : null
}
