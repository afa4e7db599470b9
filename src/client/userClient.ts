/**
 * `LumenUserClient`: the part of the client a signed-in user's app runs (auth, me, assets, licenses,
 * products, tokens, active org, events, `fetch`). `createLumen()` builds this one, so a browser app
 * carries no service namespace, deprecated flat method or service-key check; `LumenAccountClient`
 * (client.ts) extends it with those. Not exported by the package: apps name `LumenAccountClient`.
 */
import { API_PREFIX } from '../contract/routes.js'
import { appFetch, toUrl } from './appFetch.js'
import { LumenConfigError } from './errors.js'
import { Emitter } from './events.js'
import type { LumenAccountEvent, LumenAccountEventHandler } from './events.js'
import type { Core } from './http.js'
import { createAuth } from './namespaces/auth.js'
import type { AuthApi } from './namespaces/auth.js'
import { createAssets } from './namespaces/assets.js'
import type { AssetsApi } from './namespaces/assets.js'
import { createLicenses, createMe, createProducts } from './namespaces/me.js'
import type { LicensesApi, MeApi, ProductsApi } from './namespaces/me.js'
import { Refresher } from './refresh.js'
import type { RefreshLock } from './refresh.js'
import { DEFAULT_RETRY } from './retry.js'
import type { RetryPolicy } from './retry.js'
import type { TokenStorage } from './storage.js'
import { TokenStore } from './tokens.js'

export interface LumenCommonOptions {
  /** Origin of the Lumen API, e.g. `https://api.lumen.example.com` (`/api/v1` is appended; trailing slashes are stripped). */
  baseUrl: string
  /** Abort each attempt after this many ms. @default 10_000 */
  timeout?: number
  /** Where user tokens live. @default new MemoryTokenStorage() */
  storage?: TokenStorage
  /** A custom `fetch` (tests, proxies, edge runtimes). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch
  /** Override the retry policy, or `false` to never retry. @default { retries: 3, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 30000 } */
  retry?: Partial<RetryPolicy> | false
  /** Origins `client.fetch()` may call, e.g. `['https://app.example.com']`. @default [] */
  allowedOrigins?: string[]
  /** Wrap each refresh in a lock shared by tabs, e.g. `(name, fn) => navigator.locks.request(name, fn)`. */
  lock?: RefreshLock
}

/** User mode: a signed-in user's tokens (may start empty and arrive by `auth.login`). */
export interface LumenUserModeOptions extends LumenCommonOptions {
  serviceApiKey?: never
  accessToken?: string
  refreshToken?: string
}

export class LumenUserClient {
  readonly auth: AuthApi
  readonly me: MeApi
  readonly assets: AssetsApi
  readonly licenses: LicensesApi
  readonly products: ProductsApi
  // An ES private field: never an own property, so `JSON.stringify(client)` and `console.log(client)`
  // show no token store.
  readonly #core: Core
  readonly #origins: string[]

  /**
   * @param init internal, for `LumenAccountClient`: called with the new core (before the namespaces
   *   are built) so the subclass can set its service key and keep the core in a local variable.
   *   Never reads `serviceApiKey` from `options`: this client is user mode unless its subclass says so.
   */
  constructor(options: LumenUserModeOptions, init?: (core: Core) => void) {
    const { timeout = 10_000, storage, retry, lock, accessToken, refreshToken } = options
    if (!options.baseUrl) throw new LumenConfigError('baseUrl is required.')
    const origin = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '')
    const fetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    const core: Core = {
      origin,
      apiBase: origin + API_PREFIX,
      serviceKey: null,
      tokens: new TokenStore(storage),
      emitter: new Emitter(),
      timeout,
      retry: retry === false ? null : { ...DEFAULT_RETRY, ...retry },
      fetch,
      org: null,
      refresher: null as unknown as Refresher,
    }
    core.refresher = new Refresher(core, lock)
    init?.(core)
    this.#core = core
    this.#origins = (options.allowedOrigins ?? []).map((o) => toUrl(o, undefined, 'allowedOrigins entry').origin)
    // Tokens passed here win over stored ones; none passed leaves the storage as it is (a restore).
    if (accessToken || refreshToken) void core.tokens.set({ accessToken: accessToken || null, refreshToken: refreshToken || null })
    this.auth = createAuth(core, !core.serviceKey)
    this.me = createMe(core)
    this.assets = createAssets(core)
    this.licenses = createLicenses(core)
    this.products = createProducts(core)
  }

  /** `'service'` with a `serviceApiKey` (a `LumenAccountClient` only), else `'user'`. */
  get mode(): 'service' | 'user' {
    return this.#core.serviceKey ? 'service' : 'user'
  }

  /** The API origin, normalized (no trailing slash, no `/api/v1`). */
  get baseUrl(): string {
    return this.#core.origin
  }

  /** Store tokens (after a login done elsewhere, or a restore). Omitting `refreshToken` keeps the stored one. */
  async setTokens(accessToken: string, refreshToken?: string | null): Promise<void> {
    const { tokens } = this.#core
    await tokens.set({ accessToken, refreshToken: refreshToken === undefined ? (await tokens.get()).refreshToken : refreshToken })
  }

  /** The stored refresh token, e.g. to persist it yourself. */
  async getRefreshToken(): Promise<string | null> {
    return (await this.#core.tokens.get()).refreshToken
  }

  /** The stored access token, or `null`. */
  async getAccessToken(): Promise<string | null> {
    return (await this.#core.tokens.get()).accessToken
  }

  /** Whether any token (access or refresh) is stored: a session may be restorable. */
  async hasTokens(): Promise<boolean> {
    const t = await this.#core.tokens.get()
    return !!(t.accessToken || t.refreshToken)
  }

  /** Forget the tokens locally (no server call, no event; use `auth.logout()` to sign out). */
  async clearTokens(): Promise<void> {
    await this.#core.tokens.clear()
  }

  /** Send `x-organization-id: orgId` on every following request; `null` stops sending it. */
  setActiveOrg(orgId: string | null): void {
    this.#core.org = orgId || null
  }

  getActiveOrg(): string | null {
    return this.#core.org
  }

  /** Listen to an event; returns the unsubscribe function. */
  on<E extends LumenAccountEvent>(event: E, handler: LumenAccountEventHandler<E>): () => void {
    return this.#core.emitter.on(event, handler)
  }

  /** Remove one handler, every handler of `event`, or (no arguments) every handler. */
  off<E extends LumenAccountEvent>(event?: E, handler?: LumenAccountEventHandler<E>): void {
    this.#core.emitter.off(event, handler)
  }

  /** Release the client: removes every event listener. Tokens stay in their storage. */
  dispose(): void {
    this.off()
  }

  /**
   * `fetch` for your own API with this client's token, retry and refresh. Only URLs whose origin is
   * in `allowedOrigins` are sent (else OriginNotAllowedError). Returns the `Response` like `fetch`.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    return appFetch(this.#core, this.#origins, input, init)
  }
}
