/**
 * Single-flight token refresh. Concurrent 401s share one `POST /auth/refresh`; calls started while
 * it runs wait for it. 400/401 on refresh ends the session (tokens cleared, `auth:logout`
 * `{ reason: 'expired' }`, every waiter rejects with SessionExpiredError); a network error or 5xx
 * keeps it. A logout or new login during the refresh wins over the refresh's result.
 * @internal
 */
import type { RefreshResponse } from '../contract/types.js'
import { SessionExpiredError, UnauthorizedError, ValidationError } from './errors.js'
import { request } from './http.js'
import type { CallOptions, Core } from './http.js'

/** Runs `fn` while holding the named lock (e.g. `navigator.locks.request`), so tabs refresh one at a time. */
export type RefreshLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>

/** The `exp` and `iat` claims (epoch ms) of a JWT, read without verifying; `{}` if it is not one. */
export function jwtTimes(token: string): { exp?: number; iat?: number } {
  try {
    const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>
    const ms = (v: unknown) => (typeof v === 'number' ? v * 1000 : undefined)
    return { exp: ms(claims.exp), iat: ms(claims.iat) }
  } catch {
    return {}
  }
}

/** Expiry (epoch ms) of a JWT, read without verifying; `undefined` if it is not one. */
export const jwtExpiry = (token: string): number | undefined => jwtTimes(token).exp

/** `POST /auth/logout` of a refresh token (best effort: the caller ignores failures). @internal */
export const revoke = (core: Core, refreshToken: string, options?: CallOptions): Promise<void> =>
  request(core, 'POST /auth/logout', { auth: 'none', body: { refreshToken }, check: false, ...options })

export class Refresher {
  #flight: Promise<void> | null = null
  readonly #core: Core
  readonly #lock: RefreshLock | undefined

  constructor(core: Core, lock?: RefreshLock) {
    this.#core = core
    this.#lock = lock
  }

  /** Wait for a running refresh; rethrow only if it ended the session. */
  async settle(): Promise<void> {
    try {
      await this.#flight
    } catch (error) {
      if (error instanceof SessionExpiredError) throw error
    }
  }

  /**
   * Refresh once for everyone waiting. `stale` is the access token that just got a 401 (`null`: none
   * was held); if the stored one already differs, someone else refreshed and this resolves at once.
   * `undefined` forces a refresh.
   */
  refresh(stale?: string | null): Promise<void> {
    if (!this.#flight) {
      const run = () => this.#run(stale)
      const lock = this.#lock
      const flight: Promise<void> = (lock ? lock(`lumen-account:refresh:${this.#core.origin}`, run) : run()).finally(() => {
        if (this.#flight === flight) this.#flight = null
      })
      this.#flight = flight
    }
    return this.#flight
  }

  async #run(stale?: string | null): Promise<void> {
    const core = this.#core
    const { tokens, emitter } = core
    const current = await tokens.get()
    if (stale !== undefined && current.accessToken && current.accessToken !== stale) return
    if (!current.refreshToken) throw new SessionExpiredError({ message: 'No refresh token; sign in again.' })
    // Read at refresh time: another tab may have rotated it.
    const epoch = tokens.epoch
    let next: RefreshResponse
    try {
      next = await request<RefreshResponse>(core, 'POST /auth/refresh', {
        auth: 'none',
        body: { refreshToken: current.refreshToken },
        check: (d) => typeof d.accessToken === 'string' && typeof d.refreshToken === 'string',
      })
    } catch (error) {
      if (!(error instanceof UnauthorizedError || error instanceof ValidationError)) throw error
      if (tokens.epoch === epoch) {
        await tokens.clear()
        emitter.emit('auth:logout', { reason: 'expired' })
      } else if ((await tokens.get()).accessToken) return // signed in anew meanwhile: replay with that
      const { requestId, method, path } = error
      throw new SessionExpiredError({ cause: error, requestId, method, path })
    }
    // What the storage holds now (another tab may have written it); read before the epoch check, so
    // no await stands between that check and our write.
    const latest = (await tokens.get()).refreshToken
    if (tokens.epoch !== epoch) {
      // Logged out (or signed in anew) meanwhile: that wins; don't leave the rotated session alive.
      revoke(core, next.refreshToken).catch(() => {})
      if ((await tokens.get()).accessToken) return
      throw new SessionExpiredError({ message: 'Signed out during the refresh.' })
    }
    // Another tab (same storage) rotated while ours was in flight: its refresh token is at least as
    // new as ours (it answered first, or the grace window gave us the same), so it stays; writing
    // ours back would later present a rotated token (reuse detection ends the session).
    if (latest !== current.refreshToken) {
      if (!latest) {
        revoke(core, next.refreshToken).catch(() => {})
        throw new SessionExpiredError({ message: 'Signed out elsewhere during the refresh.' })
      }
      next = { ...next, refreshToken: latest }
    }
    // Stored before anyone replays: waiters resume only after this resolves.
    await tokens.set(next)
    const expiresAt = jwtExpiry(next.accessToken)
    emitter.emit('auth:tokens-refreshed', expiresAt ? { expiresAt } : {})
  }
}
