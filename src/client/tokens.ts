/**
 * The client's view of its token storage: never throws, degrades to memory (one warning) when the
 * storage throws or holds junk, and counts changes (`epoch`) so a refresh can tell that a logout
 * or a new login happened while it was in flight. Without a storage, the tokens live here only.
 * @internal
 */
import { DOCS_URL } from './errors.js'
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
  #pending: Promise<unknown> = Promise.resolve()
  #inner: TokenStorage | undefined

  constructor(inner?: TokenStorage) {
    this.#inner = inner
  }

  /** Run `op` on the storage, if any; a throwing storage is dropped for memory, with one warning. */
  async #use<T>(op: (storage: TokenStorage) => T | Promise<T>): Promise<T | undefined> {
    const storage = this.#inner
    try {
      return storage && (await op(storage))
    } catch (error) {
      if (this.#inner) console.warn(`[lumen-account] token storage failed (${(error as Error)?.message ?? error}); tokens kept in memory. See ${DOCS_URL}`)
      this.#inner = undefined
    }
  }

  async get(): Promise<StoredTokens> {
    await this.#pending
    const stored = await this.#use(async (storage) => normalize(await storage.get()))
    return stored ? (this.#mirror = stored) : this.#mirror
  }

  // Writes start synchronously (before the first await) so a caller that does not await
  // `setTokens` still sees the new tokens on its next call (seed compatibility).
  set(tokens: StoredTokens | null): Promise<unknown> {
    this.epoch++
    const next = (this.#mirror = normalize(tokens))
    return (this.#pending = this.#use((storage) => (tokens ? storage.set(next) : storage.clear())))
  }

  clear(): Promise<unknown> {
    return this.set(null)
  }

  /** Every token currently held, for scrubbing messages. */
  secrets(): string[] {
    return [this.#mirror.accessToken ?? '', this.#mirror.refreshToken ?? '']
  }
}
