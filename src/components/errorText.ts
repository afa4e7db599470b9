/**
 * @internal A failed call as a sentence for the user (its kind from the composables' `errorKind`).
 * An alert never shows server text: it is not translated and may name internals. (Only a field's
 * 400/422 detail, in an English UI, is the API's own words: see `useLumenForm`.)
 */
import { errorKind } from '../composables/errorKind.js'
import { relativeTime } from './lumenUi.js'
import type { LumenUi } from './lumenUi.js'
import type { errorTexts } from './messages.js'

interface ErrorLike {
  name?: unknown
  code?: unknown
  status?: unknown
  retryAfter?: unknown
}

/** A rate limit says how long to wait ("try again in 4 minutes") when the server said so. */
export function errorText(e: unknown, ui: Pick<LumenUi<keyof typeof errorTexts>, 't' | 'locale'>): string {
  const { retryAfter } = (e ?? {}) as ErrorLike
  const kind = errorKind(e)
  if (kind === 'rate_limited' && typeof retryAfter === 'number' && retryAfter > 0) return ui.t('errorRateLimitedIn', { when: relativeTime(ui, retryAfter) })
  return ui.t(kind === 'network' ? 'errorNetwork' : kind === 'rate_limited' ? 'errorRateLimited' : 'errorGeneric')
}

/** The `code` of a failed call, if it has one. */
export const errorCode = (e: unknown): string | null => {
  const code = (e as ErrorLike | null)?.code
  return typeof code === 'string' ? code : null
}
