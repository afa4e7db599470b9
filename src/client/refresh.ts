/**
 * Single-flight token refresh. Concurrent 401s share one `POST /auth/refresh`; calls started while
 * it runs wait for it. 400/401 on refresh ends the session (tokens cleared, `auth:logout`
 * `{ reason: 'expired' }`, every waiter rejects with SessionExpiredError); a network error or 5xx
 * keeps it. A logout or new login during the refresh wins over the refresh's result.
 * @internal
 */
import type { RefreshResponse } from '../contract/types.js'
import { SessionExpiredError } from './errors.js'
import type { LumenApiError } from './errors.js'
import type { Emitter } from './events.js'
import { isSessionExpiredError, isUnauthorizedError, isValidationError } from './guards.js'
import type { TokenStore } from './tokens.js'

/** Runs `fn` while holding the named lock (e.g. `navigator.locks.request`), so tabs refresh one at a time. */
export type RefreshLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>

export interface RefreshDeps {
  tokens: TokenStore
  emitter: Emitter
  lockName: string
  lock?: RefreshLock
  /** `POST /auth/refresh` (no credential). */
  post: (refreshToken: string) => Promise<RefreshResponse>
  /** Best-effort `POST /auth/logout` for a refresh token nobody will use. */
  revoke: (refreshToken: string) => Promise<unknown>
}

/** Expiry (epoch ms) of a JWT, read without verifying; `undefined` if it is not one. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const part = token.split('.')[1]
    if (!part) return undefined
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown }
    return typeof json.exp === 'number' ? json.exp * 1000 : undefined
  } catch {
    return undefined
  }
}

export class Refresher {
  #flight: Promise<void> | null = null
  readonly #deps: RefreshDeps

  constructor(deps: RefreshDeps) {
    this.#deps = deps
  }

  /** Wait for a running refresh; rethrow only if it ended the session. */
  async settle(): Promise<void> {
    if (!this.#flight) return
    try {
      await this.#flight
    } catch (error) {
      if (isSessionExpiredError(error)) throw error
    }
  }

  /**
   * Refresh once for everyone waiting. `stale` is the access token that just got a 401 (`null`: none
   * was held); if the stored one already differs, someone else refreshed and this resolves at once.
   * `undefined` forces a refresh.
   */
  refresh(stale?: string | null): Promise<void> {
    if (!this.#flight) {
      const flight: Promise<void> = this.#locked(stale).finally(() => {
        if (this.#flight === flight) this.#flight = null
      })
      this.#flight = flight
    }
    return this.#flight
  }

  #locked(stale?: string | null): Promise<void> {
    const { lock, lockName } = this.#deps
    return lock ? lock(lockName, () => this.#run(stale)) : this.#run(stale)
  }

  async #run(stale?: string | null): Promise<void> {
    const { tokens, emitter } = this.#deps
    const current = await tokens.get()
    if (stale !== undefined && current.accessToken && current.accessToken !== stale) return
    if (!current.refreshToken) throw new SessionExpiredError({ message: 'No refresh token is stored; sign in again.' })
    // Read at refresh time: another tab may have rotated it.
    const epoch = tokens.epoch
    let next: RefreshResponse
    try {
      next = await this.#deps.post(current.refreshToken)
    } catch (error) {
      if (!isUnauthorizedError(error) && !isValidationError(error)) throw error
      const e = error as LumenApiError
      if (tokens.epoch === epoch) {
        await tokens.clear()
        emitter.emit('auth:logout', { reason: 'expired' })
      }
      throw new SessionExpiredError({ cause: e, requestId: e.requestId, method: e.method ?? undefined, path: e.path ?? undefined })
    }
    if (tokens.epoch !== epoch) {
      // Logged out (or signed in anew) meanwhile: that wins; don't leave the rotated session alive.
      this.#deps.revoke(next.refreshToken).catch(() => {})
      if ((await tokens.get()).accessToken) return
      throw new SessionExpiredError({ message: 'Signed out while the session was being refreshed.' })
    }
    // Stored before anyone replays: waiters resume only after this resolves.
    await tokens.set({ accessToken: next.accessToken, refreshToken: next.refreshToken })
    const expiresAt = jwtExpiry(next.accessToken)
    emitter.emit('auth:tokens-refreshed', expiresAt === undefined ? {} : { expiresAt })
  }
}
