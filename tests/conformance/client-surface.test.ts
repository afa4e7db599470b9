/**
 * Conformance: the public surface the seed names (exports, types reference, token storage
 * adapters, event API details), checked against a real emulator where behaviour is involved.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as sdk from '../../src/index.js'
import {
  BrowserLocalStorageTokenStorage,
  LumenAccountClient,
  LumenApiError,
  MemoryTokenStorage,
  type AcceptInvitationResponse,
  type Address,
  type BillingInterval,
  type CheckLicenseResponse,
  type Invoice,
  type License,
  type LicenseStatus,
  type LicenseSummary,
  type LoginResponse,
  type LumenAccountClientOptions,
  type LumenAccountEvent,
  type LumenAccountEventHandler,
  type MiddlewareCache,
  type Organization,
  type OrganizationRole,
  type OrganizationSummary,
  type PaginatedResult,
  type PasswordResetRequest,
  type PasswordResetResponse,
  type PaymentMethod,
  type PricingModel,
  type Product,
  type ProductStatus,
  type RegisterResponse,
  type ReportUsageResponse,
  type RequireLicenseOptions,
  type Session,
  type SessionListResponse,
  type StoredTokens,
  type Tier,
  type TierSortOrder,
  type TokenStorage,
  type User,
  type VerifyTokenResponse,
} from '../../src/index.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, collect, DEMO, rejection, serviceClient, SERVICE_KEY, userClient } from './support.js'

const emu = useEmulator()

describe('exports named by the seed', () => {
  it.each([
    'LumenAccountClient', 'requiresLicenseExpress', 'requiresLicenseFastify',
    'NoOrganizationIdError', 'NoActiveLicenseError', 'InsufficientTierError', 'UsageLimitExceededError',
    'InMemoryCache', 'cacheKey', 'checkUsageLimit', 'checkLicenseCore', 'enforceMinTier', 'extractOrgId', 'createRequireLicense',
    'MemoryTokenStorage', 'BrowserLocalStorageTokenStorage',
    'LumenApiError', 'ValidationError', 'UnauthorizedError', 'PaywallError', 'NotFoundError', 'ConflictError',
    'LimitExceededError', 'ServerError', 'NetworkError', 'ForbiddenError',
  ])('%s is exported from the package root', (name) => {
    expect((sdk as Record<string, unknown>)[name]).toBeTypeOf('function')
  })

  it.each(['ValidationError', 'UnauthorizedError', 'PaywallError', 'NotFoundError', 'ConflictError', 'LimitExceededError', 'ServerError', 'NetworkError', 'ForbiddenError'])(
    '%s extends LumenApiError',
    (name) => {
      const Class = (sdk as unknown as Record<string, { prototype: unknown }>)[name]!
      expect(Class.prototype).toBeInstanceOf(LumenApiError)
    },
  )

  it('the types reference of the seed resolves (compile-time)', () => {
    expectTypeOf<LoginResponse>().toHaveProperty('accessToken')
    expectTypeOf<LoginResponse>().toHaveProperty('refreshToken')
    expectTypeOf<LoginResponse>().toHaveProperty('user')
    expectTypeOf<CheckLicenseResponse['tier']>().toEqualTypeOf<string | null>()
    expectTypeOf<CheckLicenseResponse['unitCount']>().toEqualTypeOf<number | null>()
    expectTypeOf<CheckLicenseResponse['remainingDays']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<ReportUsageResponse>().toHaveProperty('accepted')
    expectTypeOf<SessionListResponse>().toHaveProperty('sessions')
    expectTypeOf<VerifyTokenResponse>().toHaveProperty('organizations')
    expectTypeOf<MiddlewareCache['get']>().toBeFunction()
    expectTypeOf<TierSortOrder>().toMatchTypeOf<Record<string, number>>()
    expectTypeOf<RequireLicenseOptions>().toHaveProperty('minTier')
    expectTypeOf<LumenAccountEvent>().toMatchTypeOf<string>()
    expectTypeOf<'license:valid'>().toMatchTypeOf<LumenAccountEvent>()
    expectTypeOf<'auth:logout'>().toMatchTypeOf<LumenAccountEvent>()
    type Unused = [RegisterResponse, AcceptInvitationResponse, PasswordResetRequest, PasswordResetResponse, Session,
      OrganizationSummary, LicenseSummary, User, Organization, Product, Tier, License, LicenseStatus, OrganizationRole,
      BillingInterval, PricingModel, ProductStatus, Invoice, PaymentMethod, Address, PaginatedResult<User>,
      LumenAccountClientOptions, LumenAccountEventHandler<'license:valid'>]
    expectTypeOf<Unused>().toBeArray()
  })
})

describe('token storage', () => {
  it('MemoryTokenStorage is the default and a custom TokenStorage receives the tokens of a login', async () => {
    const saved: StoredTokens[] = []
    let current: StoredTokens | null = null
    const storage: TokenStorage = {
      get: () => current,
      set: (t) => {
        current = t
        saved.push(t)
      },
      clear: () => {
        current = null
      },
    }
    const client = new LumenAccountClient({ baseUrl: emu.url, storage })
    const res = await client.auth.login(DEMO.email, DEMO.password)
    expect(saved.at(-1)).toEqual({ accessToken: res.accessToken, refreshToken: res.refreshToken })
    await client.auth.logout()
    expect(current).toBeNull()
    expect(new MemoryTokenStorage()).toBeTruthy()
  })

  it('BrowserLocalStorageTokenStorage persists to a Web Storage (here a stand-in) and restores a session', async () => {
    const map = new Map<string, string>()
    const webStorage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    }
    const first = new LumenAccountClient({ baseUrl: emu.url, storage: new BrowserLocalStorageTokenStorage({ storage: webStorage as Storage }) })
    await first.auth.login(DEMO.email, DEMO.password)
    expect(map.size).toBeGreaterThan(0)
    // A "reload": a new client on the same storage is signed in.
    const second = new LumenAccountClient({ baseUrl: emu.url, storage: new BrowserLocalStorageTokenStorage({ storage: webStorage as Storage }) })
    expect((await second.me.get()).user.email).toBe(DEMO.email)
  })

  it('a storage that throws degrades to memory and never breaks login', async () => {
    const broken: TokenStorage = {
      get: () => {
        throw new Error('privacy mode')
      },
      set: () => {
        throw new Error('quota')
      },
      clear: () => {
        throw new Error('nope')
      },
    }
    const warn = console.warn
    console.warn = () => {}
    try {
      const client = new LumenAccountClient({ baseUrl: emu.url, storage: broken })
      await client.auth.login(DEMO.email, DEMO.password)
      expect((await client.me.get()).user.email).toBe(DEMO.email)
    } finally {
      console.warn = warn
    }
  })
})

describe('events API details', () => {
  it('on() returns an unsubscribe function; off(event, handler) removes one handler', async () => {
    const client = serviceClient(emu)
    const a: unknown[] = []
    const b: unknown[] = []
    const offA = client.on('license:valid', (p) => void a.push(p))
    const handlerB = (p: unknown) => void b.push(p)
    client.on('license:valid', handlerB)
    offA()
    await client.checkLicense(ACME, 'lumen-hr')
    expect(a).toHaveLength(0)
    expect(b).toHaveLength(1)
    client.off('license:valid', handlerB)
    await client.checkLicense(ACME, 'lumen-hr')
    expect(b).toHaveLength(1)
  })

  it('a rejecting async handler is swallowed too', async () => {
    const client = serviceClient(emu)
    client.on('license:valid', async () => {
      throw new Error('async buggy listener')
    })
    await expect(client.checkLicense(ACME, 'lumen-hr')).resolves.toMatchObject({ valid: true })
    await new Promise((r) => setTimeout(r, 20)) // give an unhandled rejection a chance to surface
  })

  it('usage events carry { accepted, warning?, organizationId, productSlug, unitCount } and no key', async () => {
    await emu.reset()
    const client = serviceClient(emu)
    const accepted = collect(client, 'usage:accepted')
    await client.reportUsage(ACME, 'lumen-hr', 15)
    expect(accepted[0]).toMatchObject({ accepted: true, organizationId: ACME, productSlug: 'lumen-hr', unitCount: 15 })
    expect(JSON.stringify(accepted[0])).not.toContain(SERVICE_KEY)
  })

  it('auth events never carry a token', async () => {
    const client = userClient(emu)
    const refreshed = collect(client, 'auth:tokens-refreshed')
    const logout = collect(client, 'auth:logout')
    const { accessToken, refreshToken } = await client.auth.login(DEMO.email, DEMO.password)
    await client.auth.refresh()
    await client.auth.logout()
    const all = JSON.stringify([refreshed, logout])
    expect(refreshed).toHaveLength(1)
    expect(all).not.toContain(accessToken)
    expect(all).not.toContain(refreshToken)
  })
})

describe('error messages (seed: include the HTTP status and the response body)', () => {
  it('a 401 login failure: status, code and the server message are in the message, no password', async () => {
    const err = await rejection(userClient(emu).login(DEMO.email, 'wrong-secret-pw'))
    const serverMessage = (err.body as { error: { message: string } }).error.message
    expect(err.message).toContain('401')
    expect(err.message).toContain('INVALID_CREDENTIALS')
    expect(err.message).toContain(serverMessage)
    expect(JSON.stringify(err)).not.toContain('wrong-secret-pw')
  })
})
