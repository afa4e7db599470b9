/**
 * `LumenAccountClient`: the framework-free client of the Lumen Accounting API. One instance per app
 * (or per SSR request): nothing is shared between instances.
 */
import { API_PREFIX } from '../contract/routes.js'
import type {
  AcceptInvitationResponse, CheckLicenseResponse, LoginResponse, PasswordResetResponse, RegisterResponse,
  ReportUsageResponse, SessionListResponse, VerifyTokenResponse,
} from '../contract/types.js'
import { appFetch, toUrl } from './appFetch.js'
import { LumenConfigError } from './errors.js'
import { Emitter } from './events.js'
import type { LumenAccountEvent, LumenAccountEventHandler } from './events.js'
import type { CallOptions, Core } from './http.js'
import { createAuth } from './namespaces/auth.js'
import type { AuthApi } from './namespaces/auth.js'
import { createAssets } from './namespaces/assets.js'
import type { AssetsApi } from './namespaces/assets.js'
import { createLicenses, createMe, createProducts } from './namespaces/me.js'
import type { LicensesApi, MeApi, ProductsApi } from './namespaces/me.js'
import { createService } from './namespaces/service.js'
import type { ServiceApi } from './namespaces/service.js'
import { Refresher } from './refresh.js'
import type { RefreshLock } from './refresh.js'
import { DEFAULT_RETRY } from './retry.js'
import type { RetryPolicy } from './retry.js'
import type { TokenStorage } from './storage.js'
import { TokenStore } from './tokens.js'

interface CommonOptions {
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

/** Service mode: a product backend authenticating with its secret key. */
export interface LumenServiceModeOptions extends CommonOptions {
  serviceApiKey: string
  accessToken?: never
  refreshToken?: never
  /** Allow service mode in a browser. Don't: the key would be readable by anyone. @default false */
  dangerouslyAllowBrowser?: boolean
}

/** User mode: a signed-in user's tokens (may start empty and arrive by `auth.login`). */
export interface LumenUserModeOptions extends CommonOptions {
  serviceApiKey?: never
  accessToken?: string
  refreshToken?: string
}

/** Exactly one of `serviceApiKey` or `accessToken` (seed); neither means user mode, signed out. */
export type LumenAccountClientOptions = LumenServiceModeOptions | LumenUserModeOptions

/** Every option, for reading them in one place. */
type AnyOptions = CommonOptions & Omit<LumenServiceModeOptions, keyof CommonOptions | 'accessToken' | 'refreshToken'> & Omit<LumenUserModeOptions, keyof CommonOptions | 'serviceApiKey'>

export type { CallOptions }

export class LumenAccountClient {
  readonly auth: AuthApi
  readonly me: MeApi
  readonly assets: AssetsApi
  readonly service: ServiceApi
  readonly licenses: LicensesApi
  readonly products: ProductsApi
  readonly #core: Core
  readonly #origins: string[]
  readonly #service: boolean

  constructor(options: LumenAccountClientOptions) {
    const { dangerouslyAllowBrowser, timeout = 10_000, storage, retry, lock, serviceApiKey, accessToken, refreshToken } = options as AnyOptions
    const fail = (message: string) => {
      throw new LumenConfigError(message)
    }
    if (!options.baseUrl) fail('baseUrl is required.')
    if (serviceApiKey && accessToken) fail('Pass serviceApiKey or accessToken, not both.')
    const g = globalThis as { window?: unknown; document?: unknown; importScripts?: unknown }
    // A page, or a Web/Service Worker (they have `importScripts`; server-side edge runtimes don't).
    if (serviceApiKey && ((g.window && g.document) || typeof g.importScripts == 'function') && !dangerouslyAllowBrowser) {
      fail('serviceApiKey must never reach a browser (dangerouslyAllowBrowser: true overrides).')
    }
    const origin = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '')
    const fetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    const core: Core = {
      origin,
      apiBase: origin + API_PREFIX,
      serviceKey: serviceApiKey || null,
      tokens: new TokenStore(storage),
      emitter: new Emitter(),
      timeout,
      retry: retry === false ? null : { ...DEFAULT_RETRY, ...retry },
      fetch,
      org: null,
      refresher: null as unknown as Refresher,
    }
    core.refresher = new Refresher(core, lock)
    this.#core = core
    this.#service = !!serviceApiKey
    this.#origins = (options.allowedOrigins ?? []).map((o) => toUrl(o, undefined, 'allowedOrigins entry').origin)
    // Tokens passed here win over stored ones; none passed leaves the storage as it is (a restore).
    if (accessToken || refreshToken) void core.tokens.set({ accessToken: accessToken || null, refreshToken: refreshToken || null })
    this.auth = createAuth(core, !serviceApiKey)
    this.me = createMe(core)
    this.assets = createAssets(core)
    this.service = createService(core)
    this.licenses = createLicenses(core)
    this.products = createProducts(core)
  }

  /** `'service'` with a `serviceApiKey`, else `'user'`. */
  get mode(): 'service' | 'user' {
    return this.#service ? 'service' : 'user'
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

  // ---------------------------------------------------------------- deprecated flat API (seed)

  /** @deprecated Use `client.auth.login()`. */
  login(email: string, password: string, options?: CallOptions): Promise<LoginResponse> {
    return this.auth.login(email, password, options)
  }

  /** @deprecated Use `client.auth.register({ email, password, firstName, lastName, organizationName })`. */
  register(email: string, password: string, firstName: string, lastName: string, organizationName?: string, options?: CallOptions): Promise<RegisterResponse> {
    return this.auth.register({ email, password, firstName, lastName, ...(organizationName ? { organizationName } : {}) }, options)
  }

  /** @deprecated Use `client.auth.requestPasswordReset()`. */
  requestPasswordReset(email: string, options?: CallOptions): Promise<PasswordResetResponse> {
    return this.auth.requestPasswordReset(email, options)
  }

  /** @deprecated Use `client.auth.resetPassword()`. */
  resetPassword(token: string, newPassword: string, options?: CallOptions): Promise<PasswordResetResponse> {
    return this.auth.resetPassword(token, newPassword, options)
  }

  /** @deprecated Use `client.auth.acceptInvitation({ token, firstName, lastName, password })`. */
  acceptInvitation(token: string, firstName: string, lastName: string, password: string, options?: CallOptions): Promise<AcceptInvitationResponse> {
    return this.auth.acceptInvitation({ token, firstName, lastName, password }, options)
  }

  /** @deprecated Use `client.auth.sessions.list()`. */
  getSessions(options?: CallOptions): Promise<SessionListResponse> {
    return this.auth.sessions.list(options)
  }

  /** @deprecated Use `client.auth.sessions.revoke()`. */
  revokeSession(sessionId: string, options?: CallOptions): Promise<void> {
    return this.auth.sessions.revoke(sessionId, options)
  }

  /** @deprecated Use `client.service.verifyToken()`. */
  verifyToken(token: string, options?: CallOptions): Promise<VerifyTokenResponse> {
    return this.service.verifyToken(token, options)
  }

  /** @deprecated Use `client.service.checkLicense()`. */
  checkLicense(organizationId: string, productSlug: string, options?: CallOptions): Promise<CheckLicenseResponse> {
    return this.service.checkLicense(organizationId, productSlug, options)
  }

  /** @deprecated Use `client.service.reportUsage()`. */
  reportUsage(organizationId: string, productSlug: string, unitCount: number, options?: CallOptions): Promise<ReportUsageResponse> {
    return this.service.reportUsage(organizationId, productSlug, unitCount, options)
  }
}
