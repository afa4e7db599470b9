/**
 * Where the client keeps its tokens. Implement `TokenStorage` for anything else (cookies, secure
 * storage, a server-side session). Methods may be sync or async. Nothing here touches `window`
 * at import time.
 */

export interface StoredTokens {
  accessToken: string | null
  refreshToken: string | null
}

/** A place to keep the user's tokens. Throwing or returning junk degrades the client to memory. */
export interface TokenStorage {
  /** The stored tokens, or `null` when there are none. */
  get(): StoredTokens | null | Promise<StoredTokens | null>
  set(tokens: StoredTokens): void | Promise<void>
  clear(): void | Promise<void>
}

/** The default: tokens live in this object only, gone on reload. */
export class MemoryTokenStorage implements TokenStorage {
  #tokens: StoredTokens | null = null
  get(): StoredTokens | null {
    return this.#tokens
  }
  set(tokens: StoredTokens): void {
    this.#tokens = { ...tokens }
  }
  clear(): void {
    this.#tokens = null
  }
}

/** The subset of the Web Storage API the browser storages use. */
export interface WebStorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface BrowserTokenStorageOptions {
  /** Storage key; namespace it per API (e.g. by `baseUrl`) when an origin talks to several. @default 'lumen-account.tokens' */
  key?: string
  /**
   * Persist the access token too. `false` keeps it in memory only (a reload restores the session
   * through the persisted refresh token), which limits what an XSS can read. @default true
   */
  persistAccessToken?: boolean
  /** The Web Storage object to use; resolved lazily from `globalThis` when omitted. */
  storage?: WebStorageLike
}

abstract class WebTokenStorage implements TokenStorage {
  readonly #key: string
  readonly #persistAccess: boolean
  readonly #storage: WebStorageLike | undefined
  #memoryAccess: string | null = null

  protected constructor(options: BrowserTokenStorageOptions) {
    this.#key = options.key ?? 'lumen-account.tokens'
    this.#persistAccess = options.persistAccessToken ?? true
    this.#storage = options.storage
  }

  protected abstract resolve(): WebStorageLike | undefined

  #web(): WebStorageLike {
    const web = this.#storage ?? this.resolve()
    if (!web) throw new Error('[lumen-account] Web Storage is not available here')
    return web
  }

  get(): StoredTokens | null {
    const raw = this.#web().getItem(this.#key)
    if (raw === null) return this.#memoryAccess ? { accessToken: this.#memoryAccess, refreshToken: null } : null
    const data = JSON.parse(raw) as Partial<StoredTokens> | null
    const ok = (v: unknown) => v === undefined || v === null || typeof v === 'string'
    if (!data || typeof data !== 'object' || !ok(data.accessToken) || !ok(data.refreshToken)) {
      throw new TypeError('[lumen-account] stored tokens are corrupt')
    }
    return {
      accessToken: this.#persistAccess ? (data.accessToken ?? null) : this.#memoryAccess,
      refreshToken: data.refreshToken ?? null,
    }
  }

  set(tokens: StoredTokens): void {
    this.#memoryAccess = this.#persistAccess ? null : tokens.accessToken
    const data = this.#persistAccess ? tokens : { refreshToken: tokens.refreshToken }
    this.#web().setItem(this.#key, JSON.stringify(data))
  }

  clear(): void {
    this.#memoryAccess = null
    this.#web().removeItem(this.#key)
  }
}

/** Tokens in `localStorage`: they survive reloads and are shared by every tab of the origin. */
export class BrowserLocalStorageTokenStorage extends WebTokenStorage {
  constructor(options: BrowserTokenStorageOptions = {}) {
    super(options)
  }
  protected resolve(): WebStorageLike | undefined {
    return (globalThis as { localStorage?: WebStorageLike }).localStorage
  }
}

/** Tokens in `sessionStorage`: they survive reloads of this tab only. */
export class BrowserSessionStorageTokenStorage extends WebTokenStorage {
  constructor(options: BrowserTokenStorageOptions = {}) {
    super(options)
  }
  protected resolve(): WebStorageLike | undefined {
    return (globalThis as { sessionStorage?: WebStorageLike }).sessionStorage
  }
}
