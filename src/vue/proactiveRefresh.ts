/**
 * Proactive refresh in the visible tab: renew the access token shortly before it expires, so the
 * user's next click does not pay for a 401 and a refresh. Hidden tabs wait: they refresh when they
 * become visible (or on demand after a 401), so N open tabs do not refresh N times.
 */
import { jwtExpiry } from '../client/refresh.js'
import { noop } from '../stores/errors.js'
import type { LumenClientLike } from '../stores/types.js'

/** Refresh this long before expiry at most (a quarter of the lifetime for short-lived tokens). */
const LEAD_MS = 60_000

export interface ProactiveRefresh {
  /** (Re)arm from the stored access token, or from a known expiry. */
  arm(expiresAt?: number): Promise<void>
  /** The tab became visible: refresh now if it came due while hidden. */
  onVisible(): void
  stop(): void
}

export function createProactiveRefresh(client: LumenClientLike, isVisible: () => boolean): ProactiveRefresh {
  let timer: ReturnType<typeof setTimeout> | undefined
  let due = false
  let generation = 0 // an arm() still reading the token must not schedule after stop()
  const refresh = () => {
    due = !isVisible()
    if (!due) void client.auth.refresh().catch(noop) // `auth:tokens-refreshed` re-arms
  }
  const stop = () => {
    generation++
    clearTimeout(timer)
    due = false
  }
  return {
    async arm(expiresAt) {
      stop()
      const gen = generation
      // The token is read only to learn its expiry; it is not kept.
      const token = expiresAt === undefined ? await client.getAccessToken().catch(noop) : null
      expiresAt ??= token ? jwtExpiry(token) : undefined
      if (gen !== generation || !expiresAt) return
      const left = expiresAt - Date.now()
      timer = setTimeout(refresh, left - Math.min(LEAD_MS, left / 4))
    },
    onVisible: () => due && refresh(),
    stop,
  }
}
