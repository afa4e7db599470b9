/**
 * @internal A failed call as a sentence for the user (its kind from the composables' `errorKind`).
 * Server text is never shown: it is not translated and may name internals.
 */
import { errorKind } from '../composables/errorKind.js'
import type { LumenUi } from './lumenUi.js'

interface ErrorLike {
  name?: unknown
  code?: unknown
  status?: unknown
}

export function errorText(e: unknown, t: LumenUi['t'], byCode: Record<string, Parameters<LumenUi['t']>[0]> = {}): string {
  const { code } = (e ?? {}) as ErrorLike
  const known = typeof code === 'string' ? byCode[code] : undefined
  if (known) return t(known)
  const kind = errorKind(e)
  return t(kind === 'network' ? 'errorNetwork' : kind === 'rate_limited' ? 'errorRateLimited' : 'errorGeneric')
}

/** The `code` of a failed call, if it has one. */
export const errorCode = (e: unknown): string | null => {
  const code = (e as ErrorLike | null)?.code
  return typeof code === 'string' ? code : null
}
