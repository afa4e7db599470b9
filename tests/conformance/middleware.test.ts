/**
 * Conformance: the seed's "requireLicense middleware" section and issue 5, on real Express and
 * Fastify apps on 127.0.0.1 with the real client in service mode against the emulator.
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cacheKey,
  checkLicenseCore,
  checkUsageLimit,
  createRequireLicense,
  enforceMinTier,
  extractOrgId,
  FeatureNotEnabledError,
  InMemoryCache,
  InsufficientTierError,
  LumenAccountClient,
  type MiddlewareCache,
  NoActiveLicenseError,
  NoOrganizationIdError,
  requiresLicenseExpress,
  requiresLicenseFastify,
  type RequireLicenseOptions,
  UsageLimitExceededError,
  type CheckLicenseResponse,
} from '../../src/index.js'
import { bootEmulator, type TestEmulator } from '../helpers/emulator.js'
import { ACME, FAST_RETRY, GLOBEX, rejection, SERVICE_KEY, until } from './support.js'

const TIERS = { starter: 1, pro: 2, enterprise: 3 }

let emu: TestEmulator
let client: LumenAccountClient
let expressUrl: string
let expressServer: Server
let fastify: FastifyInstance
let fastifyUrl: string
/** Counts the license checks that reach the client. */
let checks = 0
const counting = {
  service: {
    checkLicense: (orgId: string, product: string, opts?: { signal?: AbortSignal }) => {
      checks++
      return client.service.checkLicense(orgId, product, opts)
    },
  },
}

/** A MiddlewareCache that records the keys it sees. */
function recordingCache(): MiddlewareCache & { keys: string[]; store: Map<string, unknown> } {
  const store = new Map<string, unknown>()
  const keys: string[] = []
  return {
    keys,
    store,
    async get<T>(key: string) {
      keys.push(key)
      return (store.get(key) as T | undefined) ?? null
    },
    async set(key: string, value: unknown) {
      keys.push(key)
      store.set(key, value)
    },
  }
}
const customCache = recordingCache()

function mountExpressRoutes(app: express.Express, prefix: string, options: Record<string, RequireLicenseOptions | undefined>) {
  for (const [path, opts] of Object.entries(options)) {
    const product = path.startsWith('/crm') ? 'lumen-crm' : 'lumen-hr'
    app.get(`${prefix}${path}`, requiresLicenseExpress(client, product, opts), (req, res) => {
      res.json({ ok: true, tier: (req as unknown as { lumenLicense?: { tier: string | null } }).lumenLicense?.tier ?? null })
    })
  }
}

const ROUTES: Record<string, RequireLicenseOptions | undefined> = {
  '/employees': undefined,
  '/advanced': { minTier: 'pro', tierSortOrder: TIERS },
  '/sso': { minTier: 'enterprise', tierSortOrder: TIERS },
  '/starter-plus': { minTier: 'starter', tierSortOrder: TIERS },
  '/starter-exact': { minTier: 'starter' },
  '/pro-exact': { minTier: 'pro' },
  '/crm': undefined,
  '/feature-sso': { feature: 'sso' },
}

beforeAll(async () => {
  emu = await bootEmulator()
  client = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: FAST_RETRY, timeout: 5_000 })

  const app = express()
  // A stand-in for the app's JWT middleware: sets req.user.orgId from a test header.
  app.use((req, _res, next) => {
    const org = req.headers['x-test-user-org']
    if (typeof org === 'string') (req as unknown as { user: { orgId: string } }).user = { orgId: org }
    next()
  })
  mountExpressRoutes(app, '', ROUTES)
  app.get('/counted', requiresLicenseExpress(counting, 'lumen-hr'), (_req, res) => void res.json({ ok: true }))
  app.get('/custom-cache', requiresLicenseExpress(client, 'lumen-hr', { cache: customCache }), (_req, res) => void res.json({ ok: true }))
  // A handler that checks a usage limit after the gate (the seed's UsageLimitExceededError row: 403).
  app.get('/usage', requiresLicenseExpress(client, 'lumen-hr'), (req, res) => {
    const lic = (req as unknown as { lumenLicense: CheckLicenseResponse }).lumenLicense
    checkUsageLimit(lic, 'api_calls', Number(req.query.count))
    res.json({ ok: true })
  })
  const badKey = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: 'lumen_sk_wrong', retry: false })
  app.get('/bad-key', requiresLicenseExpress(badKey, 'lumen-hr'), (_req, res) => void res.json({ ok: true }))
  expressServer = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  expressUrl = `http://127.0.0.1:${(expressServer.address() as AddressInfo).port}`

  fastify = Fastify()
  // The seed's error handler.
  fastify.setErrorHandler((err, _req, reply) => {
    if (typeof (err as { statusCode?: unknown }).statusCode === 'number') {
      void reply.code((err as { statusCode: number }).statusCode).send(err)
    } else {
      void reply.code(500).send({ error: 'INTERNAL_ERROR' })
    }
  })
  fastify.get('/employees', { preHandler: requiresLicenseFastify(client, 'lumen-hr') }, async () => ({ employees: [] }))
  fastify.get('/advanced', { preHandler: requiresLicenseFastify(client, 'lumen-hr', { minTier: 'pro', tierSortOrder: TIERS }) }, async () => ({ ok: true }))
  fastify.get('/crm', { preHandler: requiresLicenseFastify(client, 'lumen-crm') }, async () => ({ ok: true }))
  fastifyUrl = await fastify.listen({ port: 0, host: '127.0.0.1' })
})

afterAll(async () => {
  await fastify?.close()
  await new Promise<void>((resolve) => (expressServer ? expressServer.close(() => resolve()) : resolve()))
  expressServer?.closeAllConnections?.()
  await emu?.close()
})

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers, signal: AbortSignal.timeout(15_000) })
  const text = await res.text()
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text)
  } catch {
    body = { text }
  }
  return { status: res.status, body, headers: res.headers }
}

describe('requiresLicenseExpress', () => {
  it('lets a licensed org through (x-organization-id)', async () => {
    const r = await get(expressUrl, '/employees', { 'x-organization-id': ACME })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ ok: true, tier: 'pro' })
  })

  it('the header name is case-insensitive', async () => {
    const r = await get(expressUrl, '/employees', { 'X-Organization-ID': ACME })
    expect(r.status).toBe(200)
  })

  it('falls back to req.user.orgId', async () => {
    const r = await get(expressUrl, '/employees', { 'x-test-user-org': GLOBEX })
    expect(r.status).toBe(200)
    expect(r.body.tier).toBe('starter')
  })

  it('the header wins over req.user.orgId', async () => {
    const r = await get(expressUrl, '/crm', { 'x-organization-id': ACME, 'x-test-user-org': GLOBEX })
    expect(r.status).toBe(403)
    const r2 = await get(expressUrl, '/advanced', { 'x-organization-id': ACME, 'x-test-user-org': GLOBEX })
    expect(r2.status).toBe(200)
  })

  it('no organization id → 401 JSON { statusCode, error: UNAUTHORIZED, message }', async () => {
    const r = await get(expressUrl, '/employees')
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED' })
    expect(r.body.message).toBeTypeOf('string')
  })

  it('an empty or blank header counts as no id (then req.user.orgId, else 401)', async () => {
    expect((await get(expressUrl, '/employees', { 'x-organization-id': '' })).status).toBe(401)
    expect((await get(expressUrl, '/employees', { 'x-organization-id': '   ' })).status).toBe(401)
    expect((await get(expressUrl, '/employees', { 'x-organization-id': '', 'x-test-user-org': ACME })).status).toBe(200)
  })

  it('no license for the product → 403 NO_ACTIVE_LICENSE with product', async () => {
    const r = await get(expressUrl, '/crm', { 'x-organization-id': ACME })
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({ statusCode: 403, error: 'NO_ACTIVE_LICENSE', product: 'lumen-crm' })
  })

  it('an unknown org is "no license" (403), not a 500', async () => {
    const r = await get(expressUrl, '/employees', { 'x-organization-id': 'org_unknown' })
    expect(r.status).toBe(403)
    expect(r.body.error).toBe('NO_ACTIVE_LICENSE')
  })

  it('tier too low → 403 INSUFFICIENT_TIER with product, requiredTier, currentTier', async () => {
    const r = await get(expressUrl, '/advanced', { 'x-organization-id': GLOBEX })
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({ statusCode: 403, error: 'INSUFFICIENT_TIER', product: 'lumen-hr', requiredTier: 'pro', currentTier: 'starter' })
  })

  it('minTier with tierSortOrder: a higher tier passes, a lower one does not', async () => {
    expect((await get(expressUrl, '/advanced', { 'x-organization-id': ACME })).status).toBe(200)
    expect((await get(expressUrl, '/starter-plus', { 'x-organization-id': ACME })).status).toBe(200)
    expect((await get(expressUrl, '/sso', { 'x-organization-id': ACME })).status).toBe(403)
  })

  it('minTier without tierSortOrder falls back to slug equality', async () => {
    expect((await get(expressUrl, '/pro-exact', { 'x-organization-id': ACME })).status).toBe(200)
    const r = await get(expressUrl, '/starter-exact', { 'x-organization-id': ACME })
    expect(r.status).toBe(403)
    expect(r.body.error).toBe('INSUFFICIENT_TIER')
  })

  it('feature option: 403 FEATURE_NOT_ENABLED when the license lacks it', async () => {
    const r = await get(expressUrl, '/feature-sso', { 'x-organization-id': ACME })
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({ error: 'FEATURE_NOT_ENABLED', feature: 'sso' })
  })

  it('UsageLimitExceededError thrown after the gate is a 403', async () => {
    expect((await get(expressUrl, '/usage?count=5', { 'x-organization-id': ACME })).status).toBe(200)
    expect((await get(expressUrl, '/usage?count=99999999', { 'x-organization-id': ACME })).status).toBe(403)
  })

  it('anything else → 500 (a rejected service key)', async () => {
    const r = await get(expressUrl, '/bad-key', { 'x-organization-id': ACME })
    expect(r.status).toBe(500)
    expect(JSON.stringify(r.body)).not.toContain('lumen_sk_wrong')
  })

  it('caches results: a second request for the same org makes no license check', async () => {
    checks = 0
    expect((await get(expressUrl, '/counted', { 'x-organization-id': ACME })).status).toBe(200)
    expect((await get(expressUrl, '/counted', { 'x-organization-id': ACME })).status).toBe(200)
    expect(checks).toBe(1)
    expect((await get(expressUrl, '/counted', { 'x-organization-id': GLOBEX })).status).toBe(200)
    expect(checks).toBe(2)
  })

  it('single flight: concurrent requests for one org on a cold cache share one check', async () => {
    const app = express()
    let n = 0
    const checker = { checkLicense: (o: string, p: string) => { n++; return client.checkLicense(o, p) } }
    app.get('/x', requiresLicenseExpress(checker, 'lumen-hr'), (_req, res) => void res.json({ ok: true }))
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s))
    })
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const results = await Promise.all(Array.from({ length: 20 }, () => get(url, '/x', { 'x-organization-id': ACME })))
      expect(results.every((r) => r.status === 200)).toBe(true)
      expect(n).toBe(1)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('a custom cache is used with the key middleware:license:<orgId>:<productSlug>', async () => {
    expect((await get(expressUrl, '/custom-cache', { 'x-organization-id': ACME })).status).toBe(200)
    expect(customCache.keys).toContain('middleware:license:org_acme:lumen-hr')
    expect(customCache.keys).toContain(cacheKey(ACME, 'lumen-hr'))
    expect(customCache.store.has('middleware:license:org_acme:lumen-hr')).toBe(true)
  })
})

describe('requiresLicenseFastify', () => {
  it('lets a licensed org through', async () => {
    const r = await get(fastifyUrl, '/employees', { 'x-organization-id': ACME })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ employees: [] })
  })

  it('re-throws: the seed error handler answers with the error statusCode', async () => {
    expect((await get(fastifyUrl, '/employees')).status).toBe(401)
    expect((await get(fastifyUrl, '/crm', { 'x-organization-id': ACME })).status).toBe(403)
    expect((await get(fastifyUrl, '/advanced', { 'x-organization-id': GLOBEX })).status).toBe(403)
    expect((await get(fastifyUrl, '/advanced', { 'x-organization-id': ACME })).status).toBe(200)
  })

  it('the preHandler re-throws the error classes (a fresh app with a capturing handler)', async () => {
    const app = Fastify()
    const seen: unknown[] = []
    app.setErrorHandler((err, _req, reply) => {
      seen.push(err)
      void reply.code(418).send({ captured: true })
    })
    app.get('/crm', { preHandler: requiresLicenseFastify(client, 'lumen-crm') }, async () => ({ ok: true }))
    app.get('/none', { preHandler: requiresLicenseFastify(client, 'lumen-hr') }, async () => ({ ok: true }))
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      expect((await get(url, '/crm', { 'x-organization-id': ACME })).status).toBe(418)
      expect((await get(url, '/none')).status).toBe(418)
      expect(seen[0]).toBeInstanceOf(NoActiveLicenseError)
      expect(seen[1]).toBeInstanceOf(NoOrganizationIdError)
    } finally {
      await app.close()
    }
  })

  it('with the toJSON() handler the body is { statusCode, error, message, ...extra }', async () => {
    const app = Fastify()
    app.setErrorHandler((err, _req, reply) => {
      const e = err as unknown as { statusCode: number; toJSON(): unknown }
      void reply.code(e.statusCode).send(e.toJSON())
    })
    app.get('/advanced', { preHandler: requiresLicenseFastify(client, 'lumen-hr', { minTier: 'pro', tierSortOrder: TIERS }) }, async () => ({ ok: true }))
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const r = await get(url, '/advanced', { 'x-organization-id': GLOBEX })
      expect(r.status).toBe(403)
      expect(r.body).toMatchObject({ statusCode: 403, error: 'INSUFFICIENT_TIER', product: 'lumen-hr', requiredTier: 'pro', currentTier: 'starter' })
    } finally {
      await app.close()
    }
  })
})

describe('production behaviour (issue 5)', () => {
  async function expressApp(gate: ReturnType<typeof requiresLicenseExpress>) {
    const app = express()
    app.get('/x', gate, (req, res) => void res.json({ stale: (req as unknown as { lumenLicense?: { stale: boolean } }).lumenLicense?.stale }))
    const server = await new Promise<Server>((resolve) => {
      const srv = app.listen(0, '127.0.0.1', () => resolve(srv))
    })
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: async () => {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      },
    }
  }
  const noRetry = () => new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: false, timeout: 2_000 })

  it('Lumen down with nothing cached → 503 LICENSE_SERVICE_UNAVAILABLE with Retry-After, never 403/500', async () => {
    const app = await expressApp(requiresLicenseExpress(noRetry(), 'lumen-hr'))
    await emu.fault({ route: '/api/v1/service/licenses/check', status: 503 })
    try {
      const r = await get(app.url, '/x', { 'x-organization-id': ACME })
      expect(r.status).toBe(503)
      expect(r.body.error).toBe('LICENSE_SERVICE_UNAVAILABLE')
      expect(r.headers.get('retry-after')).toBeTruthy()
    } finally {
      await emu.clearFaults()
      await app.close()
    }
  })

  it('Lumen down with an expired cached result → served stale, marked x-lumen-license: stale', async () => {
    const app = await expressApp(requiresLicenseExpress(noRetry(), 'lumen-hr', { ttlSeconds: 0.05 }))
    try {
      expect((await get(app.url, '/x', { 'x-organization-id': ACME })).status).toBe(200)
      await new Promise((r) => setTimeout(r, 100))
      await emu.fault({ route: '/api/v1/service/licenses/check', dropConnection: true })
      const r = await get(app.url, '/x', { 'x-organization-id': ACME })
      expect(r.status).toBe(200)
      expect(r.headers.get('x-lumen-license')).toBe('stale')
      expect(r.body.stale).toBe(true)
    } finally {
      await emu.clearFaults()
      await app.close()
    }
  })

  it('a JSON-serialising cache (the seed\'s Redis shape) serves the second request without a check', async () => {
    const raw = new Map<string, string>()
    const ttls: unknown[] = []
    const jsonCache: MiddlewareCache = {
      async get<T>(key: string) {
        const v = raw.get(key)
        return v ? (JSON.parse(v) as T) : null
      },
      async set(key: string, value: unknown, ttlSeconds?: number) {
        ttls.push(ttlSeconds)
        raw.set(key, JSON.stringify(value))
      },
    }
    let n = 0
    const checker = { checkLicense: (o: string, p: string) => { n++; return client.checkLicense(o, p) } }
    const app = await expressApp(requiresLicenseExpress(checker, 'lumen-hr', { cache: jsonCache }))
    try {
      expect((await get(app.url, '/x', { 'x-organization-id': ACME })).status).toBe(200)
      await until(() => raw.size > 0)
      expect((await get(app.url, '/x', { 'x-organization-id': ACME })).status).toBe(200)
      expect(n).toBe(1)
      expect(raw.has(cacheKey(ACME, 'lumen-hr'))).toBe(true)
      expect(typeof ttls[0]).toBe('number')
      expect(ttls[0] as number).toBeGreaterThan(0)
    } finally {
      await app.close()
    }
  })

  it('an invalid result is cached only for negativeTtlSeconds', async () => {
    let n = 0
    const checker = { checkLicense: (o: string, p: string) => { n++; return client.checkLicense(o, p) } }
    // 1 s, not less: on a loaded CI machine two requests can be 50 ms apart.
    const app = await expressApp(requiresLicenseExpress(checker, 'lumen-crm', { negativeTtlSeconds: 1 }))
    try {
      expect((await get(app.url, '/x', { 'x-organization-id': ACME })).status).toBe(403)
      expect((await get(app.url, '/x', { 'x-organization-id': ACME })).status).toBe(403)
      expect(n).toBe(1)
      await new Promise((r) => setTimeout(r, 1_200))
      expect((await get(app.url, '/x', { 'x-organization-id': ACME })).status).toBe(403)
      expect(n).toBe(2)
    } finally {
      await app.close()
    }
  })

  it('a checker that throws an unknown error → 500/503, never 403, nothing leaked', async () => {
    // Ambiguity: the seed's table says "anything else → 500"; issue 5 makes "Lumen unreachable" a 503.
    // An error without an HTTP status from a custom checker (e.g. `TypeError: fetch failed`) may be
    // read either way; the implementation reads it as unreachable (503). Accept both readings.
    const checker = { checkLicense: async () => { throw new Error('boom') } }
    const app = await expressApp(requiresLicenseExpress(checker, 'lumen-hr'))
    try {
      const r = await get(app.url, '/x', { 'x-organization-id': ACME })
      expect([500, 503]).toContain(r.status)
      expect(JSON.stringify(r.body)).not.toContain('boom')
    } finally {
      await app.close()
    }
  })

  it('100 concurrent requests for one org on a cold cache → 1 license check', async () => {
    let n = 0
    const checker = { checkLicense: (o: string, p: string) => { n++; return client.checkLicense(o, p) } }
    const app = await expressApp(requiresLicenseExpress(checker, 'lumen-hr'))
    try {
      const all = await Promise.all(Array.from({ length: 100 }, () => get(app.url, '/x', { 'x-organization-id': GLOBEX })))
      expect(all.every((r) => r.status === 200)).toBe(true)
      expect(n).toBe(1)
    } finally {
      await app.close()
    }
  })

  it('Fastify\'s default error handler answers with the error statusCode', async () => {
    const app = Fastify()
    app.get('/x', { preHandler: requiresLicenseFastify(client, 'lumen-crm') }, async () => ({ ok: true }))
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const r = await get(url, '/x', { 'x-organization-id': ACME })
      expect(r.status).toBe(403)
      expect(JSON.stringify(r.body)).toContain('NO_ACTIVE_LICENSE')
      expect((await get(url, '/x')).status).toBe(401)
    } finally {
      await app.close()
    }
  })

  it('Fastify attaches request.lumenLicense for the handler', async () => {
    const app = Fastify()
    app.get('/x', { preHandler: requiresLicenseFastify(client, 'lumen-hr') }, async (request) => ({
      tier: (request as unknown as { lumenLicense?: { tier: string } }).lumenLicense?.tier,
    }))
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      expect((await get(url, '/x', { 'x-organization-id': GLOBEX })).body).toEqual({ tier: 'starter' })
    } finally {
      await app.close()
    }
  })
})

describe('error classes', () => {
  it.each([
    [new NoOrganizationIdError(), 401, 'UNAUTHORIZED', {}],
    [new NoActiveLicenseError('lumen-hr'), 403, 'NO_ACTIVE_LICENSE', { product: 'lumen-hr' }],
    [new InsufficientTierError('lumen-hr', 'pro', 'starter'), 403, 'INSUFFICIENT_TIER', { product: 'lumen-hr', requiredTier: 'pro', currentTier: 'starter' }],
    [new UsageLimitExceededError('api_calls', 501, 500), 403, 'USAGE_LIMIT_EXCEEDED', { usageType: 'api_calls', currentUsage: 501, limit: 500 }],
  ] as const)('%s: statusCode, error, extra fields, toJSON()', (err, statusCode, code, extra) => {
    expect(err).toBeInstanceOf(Error)
    expect(err.statusCode).toBe(statusCode)
    expect(err.error).toBe(code)
    expect(err.message).toBeTypeOf('string')
    expect(err).toMatchObject(extra)
    const json = JSON.parse(JSON.stringify(err))
    expect(json).toMatchObject({ statusCode, error: code, message: err.message, ...extra })
    expect(err.toJSON()).toMatchObject({ statusCode, error: code, ...extra })
    expect(json).not.toHaveProperty('stack')
  })

  it('FeatureNotEnabledError is a 403 FEATURE_NOT_ENABLED', () => {
    const err = new FeatureNotEnabledError('lumen-hr', 'sso')
    expect(err).toMatchObject({ statusCode: 403, error: 'FEATURE_NOT_ENABLED', product: 'lumen-hr', feature: 'sso' })
  })
})

const license = (over: Partial<CheckLicenseResponse> = {}): CheckLicenseResponse => ({
  valid: true, status: 'active', tier: 'pro', features: { advanced_reports: true }, limits: { seats: 50, api_calls: '500' }, unitCount: 25, ...over,
})

describe('checkUsageLimit', () => {
  it('passes under the limit and throws UsageLimitExceededError above it', () => {
    expect(() => checkUsageLimit(license(), 'seats', 10)).not.toThrow()
    const err = (() => {
      try {
        checkUsageLimit(license(), 'seats', 51)
      } catch (e) {
        return e
      }
      return null
    })()
    expect(err).toBeInstanceOf(UsageLimitExceededError)
    expect(err).toMatchObject({ usageType: 'seats', currentUsage: 51, limit: 50, statusCode: 403 })
  })

  it('a usage equal to the limit passes', () => {
    expect(() => checkUsageLimit(license(), 'seats', 50)).not.toThrow()
  })

  it('string limits ("500") are parsed as numbers', () => {
    expect(() => checkUsageLimit(license(), 'api_calls', 499)).not.toThrow()
    expect(() => checkUsageLimit(license(), 'api_calls', 501)).toThrow(UsageLimitExceededError)
    try {
      checkUsageLimit(license(), 'api_calls', 501)
    } catch (e) {
      expect((e as UsageLimitExceededError).limit).toBe(500)
    }
  })

  it('null or missing limits are unlimited', () => {
    expect(() => checkUsageLimit(license({ limits: null }), 'api_calls', 1e9)).not.toThrow()
    expect(() => checkUsageLimit(license(), 'storage', 1e9)).not.toThrow()
    expect(() => checkUsageLimit(license({ limits: { storage: null as unknown as number } }), 'storage', 1e9)).not.toThrow()
  })

  it('works on a real checkLicense answer (api_calls of the pro tier)', async () => {
    const real = await client.checkLicense(ACME, 'lumen-hr')
    expect(() => checkUsageLimit(real, 'api_calls', 1)).not.toThrow()
    expect(() => checkUsageLimit(real, 'api_calls', 10_000_000)).toThrow(UsageLimitExceededError)
  })
})

describe('enforceMinTier, extractOrgId, checkLicenseCore, createRequireLicense', () => {
  it('enforceMinTier(license, product, minTier, tierSortOrder?)', () => {
    expect(() => enforceMinTier(license({ tier: 'pro' }), 'lumen-hr', 'starter', TIERS)).not.toThrow()
    expect(() => enforceMinTier(license({ tier: 'pro' }), 'lumen-hr', 'pro')).not.toThrow()
    expect(() => enforceMinTier(license({ tier: 'pro' }), 'lumen-hr', 'starter')).toThrow(InsufficientTierError)
    expect(() => enforceMinTier(license({ tier: 'starter' }), 'lumen-hr', 'pro', TIERS)).toThrow(InsufficientTierError)
  })

  it('extractOrgId: header (any case) first, then req.user.orgId, else nothing', () => {
    expect(extractOrgId({ headers: { 'x-organization-id': 'org_h' }, user: { orgId: 'org_u' } })).toBe('org_h')
    expect(extractOrgId({ headers: { 'X-Organization-Id': 'org_h' } })).toBe('org_h')
    expect(extractOrgId({ headers: {}, user: { orgId: 'org_u' } })).toBe('org_u')
    // The documents say the middleware throws NoOrganizationIdError without an id; they do not say
    // whether the pure helper returns nothing or throws it. Accept either reading.
    let none: unknown
    try {
      none = extractOrgId({ headers: {} }) ?? null
    } catch (err) {
      none = err
    }
    expect(none === null || none instanceof NoOrganizationIdError).toBe(true)
  })

  it('checkLicenseCore resolves a valid license and throws NoActiveLicenseError otherwise', async () => {
    const ok = await checkLicenseCore(client, ACME, 'lumen-hr', {})
    expect(ok).toMatchObject({ valid: true, tier: 'pro' })
    const err = await rejection(checkLicenseCore(client, ACME, 'lumen-crm', {}))
    expect(err).toBeInstanceOf(NoActiveLicenseError)
    const tier = await rejection(checkLicenseCore(client, GLOBEX, 'lumen-hr', { minTier: 'pro', tierSortOrder: TIERS }))
    expect(tier).toBeInstanceOf(InsufficientTierError)
  })

  it('checkLicenseCore caches in the given cache under cacheKey(orgId, product)', async () => {
    const cache = recordingCache()
    await checkLicenseCore(client, GLOBEX, 'lumen-hr', { cache })
    expect(cache.keys).toContain(cacheKey(GLOBEX, 'lumen-hr'))
  })

  it('createRequireLicense(client, product, options) returns (req) => Promise<license>', async () => {
    const gate = createRequireLicense(client, 'lumen-hr', { minTier: 'starter', tierSortOrder: TIERS })
    const lic = await gate({ headers: { 'x-organization-id': ACME } })
    expect(lic).toMatchObject({ valid: true, tier: 'pro' })
    expect(await rejection(gate({ headers: {} }))).toBeInstanceOf(NoOrganizationIdError)
  })

  it('cacheKey is middleware:license:<orgId>:<productSlug>', () => {
    expect(cacheKey('org_abc123', 'lumen-hr')).toBe('middleware:license:org_abc123:lumen-hr')
  })
})

describe('InMemoryCache', () => {
  it('is bounded (LRU): the least recently used entry goes first', async () => {
    const cache = new InMemoryCache({ maxEntries: 2 })
    await cache.set('a', 1, 60)
    await cache.set('b', 2, 60)
    expect(await cache.get('a')).toBe(1) // a is now the most recently used
    await cache.set('c', 3, 60)
    expect(await cache.get('b')).toBeNull()
    expect(await cache.get('a')).toBe(1)
    expect(await cache.get('c')).toBe(3)
  })

  it('get/set with TTL semantics; a miss is null', async () => {
    const cache = new InMemoryCache()
    expect(await cache.get('nope')).toBeNull()
    await cache.set('k', { a: 1 }, 60)
    expect(await cache.get('k')).toEqual({ a: 1 })
    await cache.set('short', 1, 0.05)
    await new Promise((r) => setTimeout(r, 120))
    expect(await cache.get('short')).toBeNull()
  })
})
