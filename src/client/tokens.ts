/**
 * The client's view of its token storage: never throws, degrades to memory (one warning) when the
 * storage throws or holds junk, and counts changes (`epoch`) so a refresh can tell that a logout
 * or a new login happened while it was in flight.
 * @internal
 */
import type { StoredTokens, TokenStorage } from './storage.js'

/** Both tokens as `string | null` (empty strings are none); throws on anything else. */
const normalize = (t: unknown): StoredTokens => {
  const o = (t ?? {}) as Partial<StoredTokens>
  const { accessToken = null, refreshToken = null } = o
  if (typeof o !== 'object' || [accessToken, refreshToken].some((v) => v !== null && typeof v !== 'string')) throw new TypeError('corrupt tokens')
  return { accessToken: accessToken || null, refreshToken: refreshToken || null }
}

export class TokenStore {
  /** Bumped by every `set` / `clear`. */
  epoch = 0
  #mirror = normalize(null)
  #degraded = false
  #pending: Promise<void> = Promise.resolve()
  readonly #inner: TokenStorage

  constructor(inner: TokenStorage) {
    this.#inner = inner
  }

  async get(): Promise<StoredTokens> {
    await this.#pending
    if (!this.#degraded) {
      try {
        this.#mirror = normalize(await this.#inner.get())
      } catch (error) {
        this.#degrade(error)
      }
    }
    return this.#mirror
  }

  // Writes start synchronously (before the first await) so a caller that does not await
  // `setTokens` still sees the new tokens on its next call (seed compatibility).
  set(tokens: StoredTokens | null): Promise<void> {
    this.epoch++
    const next = (this.#mirror = normalize(tokens))
    return (this.#pending = this.#write(() => (tokens ? this.#inner.set(next) : this.#inner.clear())))
  }

  clear(): Promise<void> {
    return this.set(null)
  }

  async #write(op: () => void | Promise<void>): Promise<void> {
    try {
      if (!this.#degraded) await op()
    } catch (error) {
      this.#degrade(error)
    }
  }

  #degrade(reason: unknown): void {
    if (!this.#degraded) console.warn(`[lumen-account] token storage failed (${(reason as Error)?.message ?? reason}); keeping tokens in memory for this client.`)
    this.#degraded = true
  }

  /** Every token currently held, for scrubbing messages. */
  secrets(): string[] {
    return [this.#mirror.accessToken ?? '', this.#mirror.refreshToken ?? '']
  }
}
