/**
 * @internal A failed call as a sentence for the user. Structural (name / code / status), like the
 * store's checks, so it works with any copy of the client and with the testing kit. Server text is
 * never shown: it is not translated and may name internals.
 */
import type { LumenUi } from './lumenUi.js'

interface ErrorLike {
  name?: unknown
  code?: unknown
  status?: unknown
}

export function errorText(e: unknown, t: LumenUi['t'], byCode: Record<string, Parameters<LumenUi['t']>[0]> = {}): string {
  const { name, code, status } = (e ?? {}) as ErrorLike
  const known = typeof code === 'string' ? byCode[code] : undefined
  if (known) return t(known)
  if (/^(NetworkError|TimeoutError)$/.test(String(name)) || /^(NETWORK_ERROR|TIMEOUT)$/.test(String(code)) || e instanceof TypeError) return t('errorNetwork')
  if (status === 429 || name === 'LimitExceededError') return t('errorRateLimited')
  return t('errorGeneric')
}

/** The `code` of a failed call, if it has one. */
export const errorCode = (e: unknown): string | null => {
  const code = (e as ErrorLike | null)?.code
  return typeof code === 'string' ? code : null
}
