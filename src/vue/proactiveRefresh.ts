/**
 * Proactive refresh in the visible tab: renew the access token shortly before it expires, so the
 * user's next click does not pay for a 401 and a refresh. Hidden tabs wait: they refresh when they
 * become visible (or on demand after a 401), so N open tabs do not refresh N times.
 */
import { jwtExpiry } from '../client/refresh.js'
import type { LumenClientLike } from './types.js'

/** Refresh this long before expiry at most (a quarter of the lifetime for short-lived tokens). */
const LEAD_MS = 60_000

export interface ProactiveRefresh {
  /** (Re)arm from the stored access token, or from a known expiry. */
  arm(expiresAt?: number): Promise<void>
  /** The tab became visible: refresh now if the token is about to expire. */
  onVisible(): void
  stop(): void
}

export function createProactiveRefresh(client: LumenClientLike, isVisible: () => boolean): ProactiveRefresh {
  let timer: ReturnType<typeof setTimeout> | null = null
  let expiresAt: number | null = null
  let generation = 0 // an arm() still reading the token must not schedule after stop()
  const stop = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  const due = () => expiresAt !== null && expiresAt - Date.now() <= Math.min(LEAD_MS, (expiresAt - Date.now()) / 4 + 1_000)
  const refresh = () => {
    stop()
    if (isVisible()) void client.auth.refresh().catch(() => undefined) // `auth:tokens-refreshed` re-arms
  }
  const schedule = () => {
    stop()
    if (expiresAt === null) return
    const left = expiresAt - Date.now()
    timer = setTimeout(refresh, Math.max(0, left - Math.min(LEAD_MS, left / 4)))
  }
  return {
    async arm(known) {
      const gen = ++generation
      // The token is read only to learn its expiry; it is not kept.
      const token = known === undefined && client.getAccessToken ? await client.getAccessToken().catch(() => null) : null
      if (gen !== generation) return
      expiresAt = known ?? (token ? (jwtExpiry(token) ?? null) : null)
      schedule()
    },
    onVisible() {
      if (due()) refresh()
    },
    stop() {
      generation++
      stop()
      expiresAt = null
    },
  }
}
