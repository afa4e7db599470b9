/**
 * The client's view of its token storage: never throws, degrades to memory (one warning) when the
 * storage throws or holds junk, and counts changes (`epoch`) so a refresh can tell that a logout
 * or a new login happened while it was in flight.
 * @internal
 */
import type { StoredTokens, TokenStorage } from './storage.js'

const EMPTY: StoredTokens = { accessToken: null, refreshToken: null }

const valid = (t: unknown): t is StoredTokens =>
  !!t && typeof t === 'object' &&
  ['accessToken', 'refreshToken'].every((k) => {
    const v = (t as Record<string, unknown>)[k]
    return v === undefined || v === null || typeof v === 'string'
  })

export class TokenStore {
  /** Bumped by every `set` / `clear`. */
  epoch = 0
  #mirror: StoredTokens = EMPTY
  #degraded = false
  #pending: Promise<void> = Promise.resolve()
  readonly #inner: TokenStorage

  constructor(inner: TokenStorage) {
    this.#inner = inner
  }

  #degrade(reason: unknown): void {
    if (this.#degraded) return
    this.#degraded = true
    console.warn(`[lumen-account] token storage failed (${reason instanceof Error ? reason.message : String(reason)}); keeping tokens in memory for this client.`)
  }

  async get(): Promise<StoredTokens> {
    await this.#pending
    if (this.#degraded) return this.#mirror
    try {
      const t = await this.#inner.get()
      if (t === null || t === undefined) return (this.#mirror = EMPTY)
      if (!valid(t)) throw new TypeError('stored tokens are corrupt')
      return (this.#mirror = { accessToken: t.accessToken || null, refreshToken: t.refreshToken || null })
    } catch (error) {
      this.#degrade(error)
      return this.#mirror
    }
  }

  // Writes start synchronously (before the first await) so a caller that does not await
  // `setTokens` still sees the new tokens on its next call (seed compatibility).
  set(tokens: StoredTokens): Promise<void> {
    this.epoch++
    this.#mirror = { accessToken: tokens.accessToken || null, refreshToken: tokens.refreshToken || null }
    const next = this.#mirror
    return (this.#pending = this.#write(() => this.#inner.set(next)))
  }

  clear(): Promise<void> {
    this.epoch++
    this.#mirror = EMPTY
    return (this.#pending = this.#write(() => this.#inner.clear()))
  }

  async #write(op: () => void | Promise<void>): Promise<void> {
    if (this.#degraded) return
    try {
      await op()
    } catch (error) {
      this.#degrade(error)
    }
  }

  /** Every token currently held, for scrubbing messages. */
  secrets(): string[] {
    return [this.#mirror.accessToken, this.#mirror.refreshToken].filter((s): s is string => !!s)
  }
}
