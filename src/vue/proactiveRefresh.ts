/**
 * Proactive refresh in the visible tab: renew the access token shortly before it expires, so the
 * user's next click does not pay for a 401 and a refresh. Hidden tabs wait: they refresh when they
 * become visible (or on demand after a 401), so N open tabs do not refresh N times.
 *
 * Scheduled from the token's own lifetime (`exp - iat`) counted from when this tab got it, never
 * from `exp - Date.now()`: the server's `exp` against a skewed local clock gives a negative delay
 * (a refresh storm) when the clock runs ahead, and a refresh after expiry when it runs behind.
 */
import { jwtTimes } from '../client/refresh.js'
import { noop } from '../stores/errors.js'
import type { LumenClientLike } from '../stores/types.js'

/** Refresh this long before expiry at most (a quarter of the lifetime for short-lived tokens). */
const LEAD_MS = 60_000
/** Never sooner than this after a token arrived (half the lifetime for tokens shorter than 10 s). */
const FLOOR_MS = 5_000

export interface ProactiveRefresh {
  /** (Re)arm from the stored access token: it has just been received. */
  arm(): Promise<void>
  /** The tab became visible, came online or got focus: refresh now if the deadline passed meanwhile (hidden, asleep). */
  onWake(): void
  stop(): void
}

/** When to refresh a token that lives `lifetime` ms, counted from its arrival. */
const refreshDelay = (lifetime: number): number => Math.max(lifetime - Math.min(LEAD_MS, lifetime / 4), Math.min(FLOOR_MS, lifetime / 2))

export function createProactiveRefresh(client: LumenClientLike, isVisible: () => boolean): ProactiveRefresh {
  let timer: ReturnType<typeof setTimeout> | undefined
  // Wall-clock deadline: timers freeze while a laptop sleeps, `Date.now()` does not.
  let deadline = Infinity
  let generation = 0 // an arm() still reading the token must not schedule after stop()
  const refresh = () => {
    if (!isVisible()) return // a hidden tab refreshes on becoming visible (onWake), or on a 401
    deadline = Infinity // once: `auth:tokens-refreshed` re-arms
    void client.auth.refresh().catch(noop)
  }
  const stop = () => {
    generation++
    clearTimeout(timer)
    deadline = Infinity
  }
  return {
    async arm() {
      stop()
      const gen = generation
      const received = Date.now()
      // The token is read only to learn its lifetime; it is not kept.
      const token = await client.getAccessToken().catch(noop)
      const { exp, iat } = token ? jwtTimes(token) : {}
      // No `iat`: the local clock is all there is (bounded below, so a skewed clock can't loop).
      const lifetime = exp === undefined ? 0 : iat === undefined ? exp - received : exp - iat
      if (gen !== generation || !(lifetime > 0)) return
      const delay = refreshDelay(lifetime)
      deadline = received + delay
      timer = setTimeout(refresh, delay)
    },
    onWake: () => Date.now() >= deadline && refresh(),
    stop,
  }
}
