/**
 * `LumenAccountClient`: the framework-free client of the Lumen Accounting API. One instance per app
 * (or per SSR request): nothing is shared between instances. The user-mode part lives in
 * `LumenUserClient` (userClient.ts, what `createLumen()` builds); this class adds service mode: the
 * `service` namespace, the deprecated flat methods of the seed and the service-key checks.
 */
import type {
  AcceptInvitationResponse, CheckLicenseResponse, LoginResponse, PasswordResetResponse, RegisterResponse,
  ReportUsageResponse, SessionListResponse, VerifyTokenResponse,
} from '../contract/types.js'
import { LumenConfigError } from './errors.js'
import type { CallOptions, Core } from './http.js'
import { createService } from './namespaces/service.js'
import type { ServiceApi } from './namespaces/service.js'
import { LumenUserClient } from './userClient.js'
import type { LumenCommonOptions, LumenUserModeOptions } from './userClient.js'

export type { LumenUserModeOptions }

/** Service mode: a product backend authenticating with its secret key. */
export interface LumenServiceModeOptions extends LumenCommonOptions {
  serviceApiKey: string
  accessToken?: never
  refreshToken?: never
  /** Allow service mode in a browser. Don't: the key would be readable by anyone. @default false */
  dangerouslyAllowBrowser?: boolean
}

/** Exactly one of `serviceApiKey` or `accessToken` (seed); neither means user mode, signed out. */
export type LumenAccountClientOptions = LumenServiceModeOptions | LumenUserModeOptions

/** Every option, for reading them in one place. */
type AnyOptions = LumenCommonOptions & Omit<LumenServiceModeOptions, keyof LumenCommonOptions | 'accessToken' | 'refreshToken'> & Omit<LumenUserModeOptions, keyof LumenCommonOptions | 'serviceApiKey'>

export type { CallOptions }

export class LumenAccountClient extends LumenUserClient {
  readonly service: ServiceApi

  constructor(options: LumenAccountClientOptions) {
    const { dangerouslyAllowBrowser, serviceApiKey, accessToken } = options as AnyOptions
    const fail = (message: string) => {
      throw new LumenConfigError(message)
    }
    // Checked after baseUrl (the base class refuses a missing one first), before anything is built.
    if (options.baseUrl && serviceApiKey) {
      if (accessToken) fail('Pass serviceApiKey or accessToken, not both.')
      const g = globalThis as { window?: unknown; document?: unknown; importScripts?: unknown }
      // A page, or a Web/Service Worker (they have `importScripts`; server-side edge runtimes don't).
      if (((g.window && g.document) || typeof g.importScripts == 'function') && !dangerouslyAllowBrowser) {
        fail('serviceApiKey must never reach a browser (dangerouslyAllowBrowser: true overrides).')
      }
    }
    // The core stays out of reach: handed to this constructor only, kept in a local, never a property.
    let core!: Core
    super(options as LumenUserModeOptions, (c) => {
      c.serviceKey = serviceApiKey || null
      core = c
    })
    this.service = createService(core)
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
