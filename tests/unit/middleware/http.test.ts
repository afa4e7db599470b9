/**
 * The middleware mounted on real Express 5 and Fastify 5 apps, called over HTTP, with the real
 * client in service mode against a scripted Lumen license endpoint.
 */
import Fastify from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cacheKey, InMemoryCache } from '../../../src/middleware/cache.js'
import { requiresLicenseFastify } from '../../../src/middleware/fastify.js'
import type { MiddlewareCache, RequireLicenseOptions } from '../../../src/middleware/types.js'
import {
  type Framework, get, httpChecker, license, serviceClient, type LicenseStub, PRODUCT, sleep, startApp, startLicenseStub, type TestApp,
} from './fixtures.js'

let stub: LicenseStub
beforeAll(async () => {
  stub = await startLicenseStub()
})
afterAll(async () => {
  await stub.close()
})

describe.each<Framework>(['express', 'fastify'])('%s', (framework) => {
  let app: TestApp | undefined
  const open = async (options: RequireLicenseOptions = {}) => {
    app = await startApp(framework, serviceClient(stub.url), options)
    return app
  }
  const org = (id: string) => ({ 'x-organization-id': id })

  beforeEach(() => {
    stub.reset()
    stub.licenses.set('org_pro', license('pro'))
    stub.licenses.set('org_starter', license('starter'))
    stub.licenses.set('org_enterprise', license('enterprise'))
  })
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('lets a licensed org through and attaches lumenLicense', async () => {
    const { url } = await open()
    const res = await get(`${url}/gated`, org('org_pro'))
    expect(res.status).toBe(200)
    expect(res.body.license).toMatchObject({ valid: true, tier: 'pro', organizationId: 'org_pro', productSlug: PRODUCT, stale: false })
    expect(res.headers.get('x-lumen-license')).toBeNull()
  })

  it('reads the org header case-insensitively', async () => {
    const { url } = await open()
    expect((await get(`${url}/gated`, { 'X-Organization-ID': 'org_pro' })).status).toBe(200)
  })

  it('answers 401 UNAUTHORIZED without an org id, without calling Lumen', async () => {
    const { url } = await open()
    const res = await get(`${url}/gated`)
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED' })
    expect(stub.calls).toBe(0)
  })

  it('falls back to req.user.orgId', async () => {
    const { url } = await open()
    const res = await get(`${url}/gated`, { 'x-test-user-org': 'org_pro' })
    expect(res.status).toBe(200)
    expect(res.body.license).toMatchObject({ organizationId: 'org_pro' })
  })

  it('prefers the header over req.user.orgId', async () => {
    const { url } = await open()
    const res = await get(`${url}/gated`, { 'x-test-user-org': 'org_pro', 'x-organization-id': 'org_none' })
    expect(res.status).toBe(403)
    expect(stub.callsFor('org_none')).toBe(1)
  })

  it('answers 403 NO_ACTIVE_LICENSE for an org without a license', async () => {
    const { url } = await open()
    const res = await get(`${url}/gated`, org('org_none'))
    expect(res.status).toBe(403)
    expect(res.body).toEqual({ statusCode: 403, error: 'NO_ACTIVE_LICENSE', message: expect.stringContaining('[lumen-account]'), product: PRODUCT })
  })

  it('enforces minTier with a sort order', async () => {
    const { url } = await open({ minTier: 'pro', tierSortOrder: { starter: 1, pro: 2, enterprise: 3 } })
    const low = await get(`${url}/gated`, org('org_starter'))
    expect(low.status).toBe(403)
    expect(low.body).toMatchObject({ error: 'INSUFFICIENT_TIER', product: PRODUCT, requiredTier: 'pro', currentTier: 'starter' })
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
    expect((await get(`${url}/gated`, org('org_enterprise'))).status).toBe(200)
  })

  it('enforces minTier by exact slug without a sort order', async () => {
    const { url } = await open({ minTier: 'pro' })
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
    const higher = await get(`${url}/gated`, org('org_enterprise'))
    expect(higher.status).toBe(403)
    expect(higher.body).toMatchObject({ error: 'INSUFFICIENT_TIER', currentTier: 'enterprise' })
  })

  it('answers 403 FEATURE_NOT_ENABLED when the feature option is off in the license', async () => {
    const off = await open({ feature: 'sso' })
    const res = await get(`${off.url}/gated`, org('org_pro'))
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ statusCode: 403, error: 'FEATURE_NOT_ENABLED', product: PRODUCT, feature: 'sso' })
    await off.close()
    const on = await open({ feature: 'reports' })
    expect((await get(`${on.url}/gated`, org('org_pro'))).status).toBe(200)
  })

  it('answers 403 USAGE_LIMIT_EXCEEDED from checkUsageLimit in the handler', async () => {
    const { url } = await open()
    expect((await get(`${url}/usage?count=100`, org('org_pro'))).status).toBe(200)
    const over = await get(`${url}/usage?count=101`, org('org_pro'))
    expect(over.status).toBe(403)
    expect(over.body).toMatchObject({ error: 'USAGE_LIMIT_EXCEEDED', usageType: 'api_calls', currentUsage: 101, limit: 100 })
  })

  it('serves a cache hit without calling Lumen', async () => {
    const { url } = await open()
    await get(`${url}/gated`, org('org_pro'))
    await get(`${url}/gated`, org('org_pro'))
    await get(`${url}/gated`, { 'x-test-user-org': 'org_pro' })
    expect(stub.callsFor('org_pro')).toBe(1)
  })

  it('uses a custom cache with the seed key and TTL + staleIfError', async () => {
    const inner = new InMemoryCache()
    const log: string[] = []
    const cache: MiddlewareCache = {
      get: async (key) => {
        log.push(`get ${key}`)
        return inner.get(key)
      },
      set: async (key, value, ttl) => {
        log.push(`set ${key} ${ttl}`)
        return inner.set(key, value, ttl)
      },
    }
    const { url } = await open({ cache })
    await get(`${url}/gated`, org('org_pro'))
    await get(`${url}/gated`, org('org_none'))
    await get(`${url}/gated`, org('org_pro'))
    const key = cacheKey('org_pro', PRODUCT)
    expect(key).toBe('middleware:license:org_pro:lumen-hr')
    expect(log).toEqual([
      `get ${key}`, `set ${key} 360`,
      'get middleware:license:org_none:lumen-hr', 'set middleware:license:org_none:lumen-hr 310',
      `get ${key}`,
    ])
    expect(stub.calls).toBe(2)
  })

  it('single flight: 100 concurrent requests on a cold cache make 1 license check', async () => {
    const { url } = await open()
    stub.delayMs = 100
    const all = await Promise.all(Array.from({ length: 100 }, () => get(`${url}/gated`, org('org_pro'))))
    expect(all.every((r) => r.status === 200)).toBe(true)
    expect(stub.callsFor('org_pro')).toBe(1)
  })

  it('single flight shares a failure too: 20 concurrent requests during an outage, 1 check, all 503', async () => {
    const { url } = await open()
    stub.mode = 'fail503'
    stub.delayMs = 50
    const all = await Promise.all(Array.from({ length: 20 }, () => get(`${url}/gated`, org('org_pro'))))
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(503))
    expect(stub.calls).toBe(1)
  })

  it('stale-if-error: serves the cached result marked stale while Lumen fails, then 503', async () => {
    const errors: string[] = []
    // Generous windows so a loaded CI machine cannot make it flaky: fresh 0.2 s, stale until 1.7 s.
    const { url } = await open({ ttlSeconds: 0.2, staleIfErrorSeconds: 1.5, onError: (_e, ctx) => errors.push(ctx.phase) })
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
    stub.mode = 'fail503'
    await sleep(300)
    const stale = await get(`${url}/gated`, org('org_pro'))
    expect(stale.status).toBe(200)
    expect(stale.headers.get('x-lumen-license')).toBe('stale')
    expect(stale.body.license).toMatchObject({ tier: 'pro', stale: true })
    stub.mode = 'drop'
    expect((await get(`${url}/gated`, org('org_pro'))).headers.get('x-lumen-license')).toBe('stale')
    expect(errors).toEqual(['check', 'check'])
    await sleep(1_500)
    const gone = await get(`${url}/gated`, org('org_pro'))
    expect(gone.status).toBe(503)
    expect(gone.body).toMatchObject({ statusCode: 503, error: 'LICENSE_SERVICE_UNAVAILABLE', product: PRODUCT })
  })

  it('a recovered Lumen replaces the stale result', async () => {
    const { url } = await open({ ttlSeconds: 0.1 })
    await get(`${url}/gated`, org('org_pro'))
    stub.mode = 'fail503'
    await sleep(150)
    expect((await get(`${url}/gated`, org('org_pro'))).body.license).toMatchObject({ stale: true })
    stub.mode = 'ok'
    const fresh = await get(`${url}/gated`, org('org_pro'))
    expect(fresh.headers.get('x-lumen-license')).toBeNull()
    expect(fresh.body.license).toMatchObject({ stale: false })
  })

  it.each(['fail503', 'drop'] as const)('answers 503 (never 403 or 500) when Lumen is down (%s) and nothing is cached', async (mode) => {
    const { url } = await open()
    stub.mode = mode
    const res = await get(`${url}/gated`, org('org_pro'))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(res.body).toEqual({
      statusCode: 503, error: 'LICENSE_SERVICE_UNAVAILABLE', message: expect.stringContaining('[lumen-account]'), product: PRODUCT,
    })
  })

  it('caches an invalid result for negativeTtlSeconds only, so a purchase shows up quickly', async () => {
    const { url } = await open({ negativeTtlSeconds: 1 })
    expect((await get(`${url}/gated`, org('org_new'))).status).toBe(403)
    stub.licenses.set('org_new', license('starter'))
    expect((await get(`${url}/gated`, org('org_new'))).status).toBe(403)
    expect(stub.callsFor('org_new')).toBe(1)
    await sleep(1_050)
    expect((await get(`${url}/gated`, org('org_new'))).status).toBe(200)
    expect(stub.callsFor('org_new')).toBe(2)
  })

  it('answers 500 INTERNAL_ERROR, not Lumen\'s 401, when Lumen rejects the service key', async () => {
    const errors: unknown[] = []
    const { url } = await open({ onError: (e) => errors.push(e) })
    stub.mode = 'reject401'
    const res = await get(`${url}/gated`, org('org_pro'))
    expect(res.status).toBe(500)
    expect(res.body).toMatchObject({ statusCode: 500, error: 'INTERNAL_ERROR' })
    expect(JSON.stringify(res.body)).not.toContain('service key')
    expect(errors).toHaveLength(1)
  })

  it('answers 403, not 500, when Lumen does not know the org (404), and caches it negatively', async () => {
    const { url } = await open()
    stub.mode = 'unknownOrg404'
    const res = await get(`${url}/gated`, org('org_garbage'))
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ error: 'NO_ACTIVE_LICENSE' })
    expect((await get(`${url}/gated`, org('org_garbage'))).status).toBe(403)
    expect(stub.calls).toBe(1)
  })

  it('treats a failing cache as a miss and reports it', async () => {
    const phases: string[] = []
    const cache: MiddlewareCache = {
      get: async () => { throw new Error('redis down') },
      set: async () => { throw new Error('redis down') },
    }
    const { url } = await open({ cache, onError: (_e, ctx) => phases.push(ctx.phase) })
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
    expect(phases).toEqual(['cache', 'cache'])
  })

  it('accepts any structural checker, not only LumenAccountClient', async () => {
    app = await startApp(framework, httpChecker(stub.url))
    expect((await get(`${app.url}/gated`, org('org_pro'))).status).toBe(200)
    expect((await get(`${app.url}/gated`, org('org_none'))).status).toBe(403)
    stub.mode = 'fail503'
    expect((await get(`${app.url}/gated`, org('org_x'))).status).toBe(503)
  })

  it('leaves an ungated route alone', async () => {
    const { url } = await open()
    expect((await get(`${url}/bare`)).status).toBe(200)
    expect(stub.calls).toBe(0)
  })
})

describe('fastify default error handler', () => {
  it('keeps the status and exposes the error code', async () => {
    stub.reset()
    const app = Fastify({ forceCloseConnections: true })
    app.get('/x', { preHandler: requiresLicenseFastify(serviceClient(stub.url), PRODUCT) }, async () => ({ ok: true }))
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const { port } = app.server.address() as import('node:net').AddressInfo
      const res = await get(`http://127.0.0.1:${port}/x`, { 'x-organization-id': 'org_none' })
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ statusCode: 403, code: 'NO_ACTIVE_LICENSE' })
      stub.mode = 'fail503'
      const down = await get(`http://127.0.0.1:${port}/x`, { 'x-organization-id': 'org_other' })
      expect(down.status).toBe(503)
      expect(down.headers.get('retry-after')).toBe('5')
    } finally {
      stub.mode = 'ok'
      await app.close()
    }
  })
})
