/** The pure helpers of the middleware, the error classes and the in-memory cache. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LumenConfigError, NetworkError, ServerError, UnauthorizedError, UnexpectedResponseError } from '../../../src/client/errors.js'
import { cacheKey, InMemoryCache } from '../../../src/middleware/cache.js'
import { checkLicenseCore, createRequireLicense } from '../../../src/middleware/check.js'
import { assertLicense, checkUsageLimit, enforceMinTier, extractOrgId, isLicenseServiceOutage } from '../../../src/middleware/core.js'
import {
  FeatureNotEnabledError, InsufficientTierError, isLicenseMiddlewareError, LicenseCheckFailedError, LicenseMiddlewareError,
  LicenseServiceUnavailableError, NoActiveLicenseError, NoOrganizationIdError, UsageLimitExceededError,
} from '../../../src/middleware/errors.js'
import type { LicenseChecker } from '../../../src/middleware/types.js'
import { INVALID, license } from './fixtures.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('extractOrgId', () => {
  it('reads x-organization-id, case-insensitively, trimmed, first of several', () => {
    expect(extractOrgId({ headers: { 'x-organization-id': 'org_a' } })).toBe('org_a')
    expect(extractOrgId({ headers: { 'X-Organization-Id': ' org_b ' } })).toBe('org_b')
    expect(extractOrgId({ headers: { 'x-organization-id': ['org_c', 'org_d'] } })).toBe('org_c')
  })

  it('falls back to req.user.orgId, the header winning', () => {
    expect(extractOrgId({ headers: {}, user: { orgId: 'org_u' } })).toBe('org_u')
    expect(extractOrgId({ headers: { 'x-organization-id': 'org_h' }, user: { orgId: 'org_u' } })).toBe('org_h')
    expect(extractOrgId({ headers: { 'x-organization-id': '' }, user: { orgId: 'org_u' } })).toBe('org_u')
  })

  it('throws NoOrganizationIdError when neither is usable', () => {
    for (const req of [{}, { headers: {} }, { headers: { 'x-organization-id': '  ' } }, { user: null }, { user: { orgId: 42 } }, { user: 'org' }]) {
      expect(() => extractOrgId(req)).toThrow(NoOrganizationIdError)
    }
  })
})

describe('enforceMinTier', () => {
  const order = { starter: 1, pro: 2, enterprise: 3 }
  it('passes the exact tier with or without a sort order', () => {
    expect(() => enforceMinTier({ tier: 'pro' }, 'p', 'pro')).not.toThrow()
    expect(() => enforceMinTier({ tier: 'pro' }, 'p', 'pro', order)).not.toThrow()
  })

  it('ranks with a sort order', () => {
    expect(() => enforceMinTier({ tier: 'enterprise' }, 'p', 'pro', order)).not.toThrow()
    expect(() => enforceMinTier({ tier: 'starter' }, 'p', 'pro', order)).toThrow(InsufficientTierError)
  })

  it('fails closed: no sort order, unranked tiers, no tier, prototype keys', () => {
    expect(() => enforceMinTier({ tier: 'enterprise' }, 'p', 'pro')).toThrow(InsufficientTierError)
    expect(() => enforceMinTier({ tier: 'gold' }, 'p', 'pro', order)).toThrow(InsufficientTierError)
    expect(() => enforceMinTier({ tier: 'enterprise' }, 'p', 'platinum', order)).toThrow(InsufficientTierError)
    expect(() => enforceMinTier({ tier: null }, 'p', 'pro', order)).toThrow(InsufficientTierError)
    expect(() => enforceMinTier({ tier: 'constructor' }, 'p', 'toString', {})).toThrow(InsufficientTierError)
  })

  it('reports product, required and current tier', () => {
    const err = (() => {
      try {
        enforceMinTier({ tier: 'starter' }, 'lumen-hr', 'pro', order)
      } catch (e) {
        return e as InsufficientTierError
      }
    })()
    expect(err).toMatchObject({ product: 'lumen-hr', requiredTier: 'pro', currentTier: 'starter', statusCode: 403 })
  })
})

describe('checkUsageLimit', () => {
  it('parses string limits and allows usage up to the limit', () => {
    expect(checkUsageLimit({ limits: { api_calls: '50' } }, 'api_calls', 50)).toEqual({ limit: 50, remaining: 0 })
    expect(checkUsageLimit({ limits: { api_calls: 50 } }, 'api_calls', 10)).toEqual({ limit: 50, remaining: 40 })
  })

  it('throws UsageLimitExceededError above the limit', () => {
    expect(() => checkUsageLimit({ limits: { api_calls: '50' } }, 'api_calls', 51)).toThrow(UsageLimitExceededError)
    try {
      checkUsageLimit({ limits: { seats: 5 } }, 'seats', 6)
    } catch (e) {
      expect((e as UsageLimitExceededError).toJSON()).toMatchObject({ usageType: 'seats', currentUsage: 6, limit: 5 })
    }
  })

  it('treats null limits, missing keys and "unlimited" as unlimited', () => {
    expect(checkUsageLimit({ limits: null }, 'x', 1e9)).toEqual({ limit: null, remaining: null })
    expect(checkUsageLimit({ limits: {} }, 'x', 1e9).limit).toBeNull()
    expect(checkUsageLimit({ limits: { x: 'unlimited' } }, 'x', 1e9).limit).toBeNull()
  })

  it('fails closed on an unreadable limit or usage', () => {
    expect(() => checkUsageLimit({ limits: { x: 'lots' } }, 'x', 1)).toThrow(UsageLimitExceededError)
    expect(() => checkUsageLimit({ limits: { x: 10 } }, 'x', Number.NaN)).toThrow(UsageLimitExceededError)
  })
})

describe('assertLicense', () => {
  it('checks valid, then minTier, then feature (metered features count as on)', () => {
    expect(() => assertLicense(INVALID, 'p')).toThrow(NoActiveLicenseError)
    expect(() => assertLicense(license('starter'), 'p', { minTier: 'pro', feature: 'nope' })).toThrow(InsufficientTierError)
    expect(() => assertLicense(license('pro'), 'p', { feature: 'sso' })).toThrow(FeatureNotEnabledError)
    expect(() => assertLicense(license('pro'), 'p', { feature: 'reports' })).not.toThrow()
    expect(() => assertLicense(license('pro'), 'p', { feature: 'api_calls' })).not.toThrow()
  })
})

describe('isLicenseServiceOutage', () => {
  const init = { code: 'X' }
  it('is true for the client\'s network and server errors, 408/429 and unknown failures', () => {
    expect(isLicenseServiceOutage(new NetworkError({ ...init, status: 0 }))).toBe(true)
    expect(isLicenseServiceOutage(new ServerError({ ...init, status: 502 }))).toBe(true)
    expect(isLicenseServiceOutage(new UnexpectedResponseError({ status: 200 }))).toBe(true)
    expect(isLicenseServiceOutage(Object.assign(new Error('x'), { status: 429 }))).toBe(true)
    expect(isLicenseServiceOutage(Object.assign(new Error('x'), { statusCode: 408 }))).toBe(true)
    expect(isLicenseServiceOutage(new TypeError('fetch failed'))).toBe(true)
    expect(isLicenseServiceOutage('boom')).toBe(true)
  })

  it('is false for verdicts, other 4xx and configuration errors', () => {
    expect(isLicenseServiceOutage(new NoActiveLicenseError('p'))).toBe(false)
    expect(isLicenseServiceOutage(new UnauthorizedError({ ...init, status: 401 }))).toBe(false)
    expect(isLicenseServiceOutage(new LumenConfigError('no baseUrl'))).toBe(false)
  })
})

describe('error classes', () => {
  const cases: [LicenseMiddlewareError, number, string, Record<string, unknown>][] = [
    [new NoOrganizationIdError(), 401, 'UNAUTHORIZED', {}],
    [new NoActiveLicenseError('lumen-hr'), 403, 'NO_ACTIVE_LICENSE', { product: 'lumen-hr' }],
    [new InsufficientTierError('lumen-hr', 'pro', null), 403, 'INSUFFICIENT_TIER', { product: 'lumen-hr', requiredTier: 'pro', currentTier: null }],
    [new UsageLimitExceededError('api_calls', 7, 5), 403, 'USAGE_LIMIT_EXCEEDED', { usageType: 'api_calls', currentUsage: 7, limit: 5 }],
    [new FeatureNotEnabledError('lumen-hr', 'sso'), 403, 'FEATURE_NOT_ENABLED', { product: 'lumen-hr', feature: 'sso' }],
    [new LicenseServiceUnavailableError('lumen-hr', { cause: new Error('secret lumen_sk_x') }), 503, 'LICENSE_SERVICE_UNAVAILABLE', { product: 'lumen-hr' }],
    [new LicenseCheckFailedError({ cause: new Error('secret lumen_sk_x') }), 500, 'INTERNAL_ERROR', {}],
  ]

  it.each(cases)('%s: statusCode, error, code, toJSON', (err, statusCode, error, extra) => {
    expect(err).toBeInstanceOf(Error)
    expect(err).toBeInstanceOf(LicenseMiddlewareError)
    expect(isLicenseMiddlewareError(err)).toBe(true)
    expect(err.name).toBe(err.constructor.name)
    expect(err).toMatchObject({ statusCode, error, code: error })
    expect(err.message).toMatch(/^\[lumen-account\] /)
    expect(err.toJSON()).toEqual({ statusCode, error, message: err.message, ...extra })
    expect(JSON.parse(JSON.stringify(err))).toEqual(err.toJSON())
    expect(JSON.stringify(err)).not.toContain('lumen_sk_')
  })

  it('recognises a structurally equal error from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { statusCode: 403, error: 'NO_ACTIVE_LICENSE', toJSON: () => ({}) })
    expect(isLicenseMiddlewareError(foreign)).toBe(true)
    expect(isLicenseMiddlewareError(Object.assign(new Error('x'), { statusCode: 404 }))).toBe(false)
  })
})

describe('InMemoryCache', () => {
  it('expires entries after their TTL (default 60 s)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const cache = new InMemoryCache()
    await cache.set('a', { n: 1 })
    await cache.set('b', 2, 5)
    vi.advanceTimersByTime(4_999)
    expect(await cache.get('b')).toBe(2)
    vi.advanceTimersByTime(1)
    expect(await cache.get('b')).toBeNull()
    expect(await cache.get('a')).toEqual({ n: 1 })
    vi.advanceTimersByTime(55_000)
    expect(await cache.get('a')).toBeNull()
  })

  it('evicts the least recently used entry beyond maxEntries (default 10 000)', async () => {
    const cache = new InMemoryCache({ maxEntries: 3 })
    for (const k of ['a', 'b', 'c']) await cache.set(k, k)
    await cache.get('a')
    await cache.set('d', 'd')
    expect(cache.size).toBe(3)
    expect(await cache.get('b')).toBeNull()
    expect(await cache.get('a')).toBe('a')
    const big = new InMemoryCache()
    for (let i = 0; i < 10_050; i++) await big.set(`k${i}`, i)
    expect(big.size).toBe(10_000)
    expect(await big.get('k49')).toBeNull()
    expect(await big.get('k50')).toBe(50)
  })

  it('stores nothing for a TTL of 0, deletes and clears', async () => {
    const cache = new InMemoryCache()
    await cache.set('a', 1, 0)
    expect(await cache.get('a')).toBeNull()
    await cache.set('a', 1)
    await cache.delete('a')
    expect(await cache.get('a')).toBeNull()
    await cache.set('b', 1)
    await cache.clear()
    expect(cache.size).toBe(0)
    expect(() => new InMemoryCache({ maxEntries: 0 })).toThrow(RangeError)
  })

  it('cacheKey follows the seed', () => {
    expect(cacheKey('org_1', 'lumen-crm')).toBe('middleware:license:org_1:lumen-crm')
  })
})

describe('checkLicenseCore and createRequireLicense', () => {
  const checker = (answers: Record<string, unknown>, calls: string[] = []): LicenseChecker => ({
    async checkLicense(org) {
      calls.push(org)
      const a = answers[org]
      if (a instanceof Error) throw a
      return (a ?? INVALID) as never
    },
  })

  it('checkLicenseCore decides one org without a default cache', async () => {
    const calls: string[] = []
    const client = checker({ org_a: license('pro') }, calls)
    await expect(checkLicenseCore(client, 'org_a', 'p', { minTier: 'pro' })).resolves.toMatchObject({ tier: 'pro', organizationId: 'org_a', productSlug: 'p', stale: false })
    await checkLicenseCore(client, 'org_a', 'p')
    expect(calls).toEqual(['org_a', 'org_a'])
    await expect(checkLicenseCore(client, 'org_b', 'p')).rejects.toBeInstanceOf(NoActiveLicenseError)
    await expect(checkLicenseCore(checker({ org_c: new NetworkError({ code: 'NETWORK_ERROR', status: 0 }) }), 'org_c', 'p'))
      .rejects.toBeInstanceOf(LicenseServiceUnavailableError)
  })

  it('passes a deadline signal to the checker and bounds checkers that ignore it', async () => {
    const signals: (AbortSignal | undefined)[] = []
    const hanging: LicenseChecker = { checkLicense: (_o, _p, options) => { signals.push(options?.signal); return new Promise(() => {}) } }
    const started = Date.now()
    await expect(checkLicenseCore(hanging, 'o', 'p', { checkTimeoutMs: 50 })).rejects.toBeInstanceOf(LicenseServiceUnavailableError)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(signals[0]).toBeInstanceOf(AbortSignal)
    expect(signals[0]!.aborted).toBe(true)
    const calls: string[] = []
    await checkLicenseCore(checker({ o: license('pro') }, calls), 'o', 'p', { checkTimeoutMs: 0 })
    expect(calls).toEqual(['o'])
  })

  it("calls client.checkLicense() (the seed's wrapper, which the real client routes to service.checkLicense), else service.checkLicense", async () => {
    const used: string[] = []
    const client = {
      service: { checkLicense: async () => { used.push('service'); return license('pro') } },
      checkLicense: async () => { used.push('flat'); return license('pro') },
    }
    await checkLicenseCore(client, 'o', 'p')
    expect(used).toEqual(['flat'])
    await checkLicenseCore({ service: client.service }, 'o', 'p')
    expect(used).toEqual(['flat', 'service'])
  })

  it('serves a bare answer a user put in the cache as fresh', async () => {
    const cache = new InMemoryCache()
    await cache.set(cacheKey('org_a', 'p'), license('enterprise'))
    const calls: string[] = []
    const gate = createRequireLicense(checker({}, calls), 'p', { cache })
    await expect(gate({ headers: { 'x-organization-id': 'org_a' } })).resolves.toMatchObject({ tier: 'enterprise' })
    expect(calls).toEqual([])
  })

  it('treats a malformed answer as an outage and wraps unexpected errors as 500', async () => {
    const gate = createRequireLicense(checker({ org_a: { nope: true } as never, org_b: Object.assign(new Error('401'), { status: 401 }) }), 'p')
    await expect(gate({ headers: { 'x-organization-id': 'org_a' } })).rejects.toBeInstanceOf(LicenseServiceUnavailableError)
    const err = await gate({ headers: { 'x-organization-id': 'org_b' } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(LicenseCheckFailedError)
    expect((err as Error).cause).toMatchObject({ status: 401 })
  })

  it('a throwing onError does not change the answer', async () => {
    const gate = createRequireLicense(checker({ org_a: new ServerError({ code: 'X', status: 500 }) }), 'p', { onError: () => { throw new Error('logger down') } })
    await expect(gate({ headers: { 'x-organization-id': 'org_a' } })).rejects.toBeInstanceOf(LicenseServiceUnavailableError)
  })

  it('default TTLs: a valid answer is fresh for 60 s, an invalid one for 10 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const calls: string[] = []
    const gate = createRequireLicense(checker({ org_a: license('pro') }, calls), 'p')
    const req = (id: string) => ({ headers: { 'x-organization-id': id } })
    await gate(req('org_a'))
    await gate(req('org_b')).catch(() => {})
    vi.advanceTimersByTime(9_999)
    await gate(req('org_b')).catch(() => {})
    expect(calls).toEqual(['org_a', 'org_b'])
    vi.advanceTimersByTime(1)
    await gate(req('org_b')).catch(() => {})
    expect(calls).toEqual(['org_a', 'org_b', 'org_b'])
    vi.advanceTimersByTime(49_999)
    await gate(req('org_a'))
    expect(calls.filter((c) => c === 'org_a')).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await gate(req('org_a'))
    expect(calls.filter((c) => c === 'org_a')).toHaveLength(2)
  })

  it('stale-if-error defaults to 300 s past the TTL', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    let down = false
    const flaky: LicenseChecker = {
      async checkLicense() {
        if (down) throw new ServerError({ code: 'X', status: 503 })
        return license('pro')
      },
    }
    const gate = createRequireLicense(flaky, 'p')
    const req = { headers: { 'x-organization-id': 'org_a' } }
    await expect(gate(req)).resolves.toMatchObject({ stale: false })
    down = true
    vi.advanceTimersByTime(60_000 + 299_000)
    await expect(gate(req)).resolves.toMatchObject({ stale: true, tier: 'pro' })
    vi.advanceTimersByTime(1_000)
    await expect(gate(req)).rejects.toBeInstanceOf(LicenseServiceUnavailableError)
  })

  it('the default cache holds 10 000 entries (LRU)', async () => {
    const calls: string[] = []
    const gate = createRequireLicense({ checkLicense: async (o) => { calls.push(o); return license('pro') } }, 'p')
    for (let i = 0; i <= 10_000; i++) await gate({ headers: { 'x-organization-id': `o${i}` } })
    await gate({ headers: { 'x-organization-id': 'o10000' } })
    await gate({ headers: { 'x-organization-id': 'o1' } })
    expect(calls).toHaveLength(10_001)
    await gate({ headers: { 'x-organization-id': 'o0' } })
    expect(calls).toHaveLength(10_002)
  })

  it('the default cache is bounded by maxCacheEntries (LRU)', async () => {
    const calls: string[] = []
    const gate = createRequireLicense(checker({ o1: license('pro'), o2: license('pro'), o3: license('pro') }, calls), 'p', { maxCacheEntries: 2 })
    const req = (id: string) => ({ headers: { 'x-organization-id': id } })
    for (const id of ['o1', 'o2', 'o3', 'o3', 'o2', 'o1']) await gate(req(id))
    expect(calls).toEqual(['o1', 'o2', 'o3', 'o1'])
  })

  it('a synchronously throwing custom cache is a miss too', async () => {
    const phases: string[] = []
    const cache = {
      get: () => { throw new Error('sync get') },
      set: () => { throw new Error('sync set') },
    } as unknown as import('../../../src/middleware/types.js').MiddlewareCache
    const gate = createRequireLicense(checker({ org_a: license('pro') }), 'p', { cache, onError: (_e, c) => phases.push(c.phase) })
    await expect(gate({ headers: { 'x-organization-id': 'org_a' } })).resolves.toMatchObject({ tier: 'pro' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(phases).toEqual(['cache', 'cache'])
  })

  it('validates its arguments eagerly', () => {
    expect(() => createRequireLicense(checker({}), 'p', { cacheTimeoutMs: -1 })).toThrow(RangeError)
    expect(() => createRequireLicense(checker({}), 'p', { checkTimeoutMs: Number.NaN })).toThrow(RangeError)
    expect(() => createRequireLicense(checker({}), '')).toThrow(TypeError)
    expect(() => createRequireLicense({} as never, 'p')).toThrow(TypeError)
    expect(() => createRequireLicense(null as never, 'p')).toThrow(TypeError)
    expect(() => createRequireLicense({ service: {} } as never, 'p')).toThrow(TypeError)
    expect(() => createRequireLicense(checker({}), 'p', { ttlSeconds: -1 })).toThrow(RangeError)
    expect(() => createRequireLicense(checker({}), 'p', { staleIfErrorSeconds: Number.NaN })).toThrow(RangeError)
    expect(() => createRequireLicense(checker({}), 'p', { negativeTtlSeconds: Infinity })).toThrow(RangeError)
    expect(() => createRequireLicense(checker({}), 'p', { ttlSeconds: 0, negativeTtlSeconds: 0, staleIfErrorSeconds: 0 })).not.toThrow()
  })
})

describe('module hygiene', () => {
  it('never imports express, fastify or ioredis at runtime (types only), nor a Vue layer', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const dir = new URL('../../../src/middleware/', import.meta.url)
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThanOrEqual(7)
    for (const file of files) {
      const text = await readFile(new URL(file, dir), 'utf8')
      for (const [, kind, from] of text.matchAll(/^import (type )?[^'"]*from '([^']+)'/gm)) {
        if (/^(express|fastify|ioredis)($|\/)/.test(from!)) expect(kind, `${file} imports ${from}`).toBe('type ')
        expect(from, file).not.toMatch(/^(vue|pinia|@vueuse)|\/(stores|composables|components|vue)\//)
      }
    }
  })
})
