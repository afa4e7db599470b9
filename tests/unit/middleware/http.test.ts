/**
 * The middleware mounted on real Express 5 and Fastify 5 apps, called over HTTP, with the real
 * client in service mode against a scripted Lumen license endpoint.
 */
import net from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cacheKey, InMemoryCache } from '../../../src/middleware/cache.js'
import { requiresLicenseFastify } from '../../../src/middleware/fastify.js'
import type { MiddlewareCache, RequireLicenseOptions } from '../../../src/middleware/types.js'
import { checkUsageLimit } from '../../../src/middleware/core.js'
import { requiresLicenseExpress } from '../../../src/middleware/express.js'
import {
  type Framework, get, httpChecker, license, serviceClient, SERVICE_KEY, type LicenseStub, PRODUCT, sleep, startApp, startLicenseStub, type TestApp,
} from './fixtures.js'

/** One raw HTTP/1.1 request with arbitrary header bytes; resolves with the status code (0 if closed). */
function rawStatus(url: string, path: string, headerLines: Buffer[]): Promise<number> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1')
    let data = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer within 5 s for ${path}`))
    }, 5_000)
    socket.on('data', (chunk) => { data += chunk.toString('latin1') })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0))
    })
    socket.write(Buffer.concat([
      Buffer.from(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n`),
      ...headerLines.flatMap((line) => [line, Buffer.from('\r\n')]),
      Buffer.from('\r\n'),
    ]))
  })
}

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

  it('never puts the service key in an answer or in what onError (the log) receives', async () => {
    const errors: unknown[] = []
    const { url } = await open({ onError: (e) => errors.push(e) })
    const bodies: string[] = []
    for (const mode of ['reject401', 'fail503', 'drop', 'unknownOrg404'] as const) {
      stub.mode = mode
      const res = await get(`${url}/gated`, org(`org_${mode}`))
      expect([403, 500, 503]).toContain(res.status)
      bodies.push(JSON.stringify(res.body), [...res.headers.values()].join(' '))
    }
    expect(errors).toHaveLength(4)
    for (const e of errors) {
      const err = e as Error & { cause?: unknown }
      bodies.push(String(err), err.stack ?? '', JSON.stringify(err), String(err.cause), JSON.stringify(Object.entries(err)))
    }
    for (const text of bodies) expect(text).not.toContain(SERVICE_KEY)
  })

  it('survives odd org header values: duplicates, very long, unicode bytes, empty, control bytes', async () => {
    const { url } = await open()
    const line = (value: string | Buffer) => Buffer.concat([Buffer.from('x-organization-id: '), Buffer.from(value)])
    const cases: [Buffer[], number[]][] = [
      [[line('org_pro'), line('org_pro')], [403]], // Node joins duplicates: "org_pro, org_pro" is not an org
      [[line('x'.repeat(8_000))], [403]],
      [[line(Buffer.from('org_ünïcødé_😀', 'utf8'))], [403]],
      [[line('')], [401]],
      [[line('   ')], [401]],
      [[line(''), Buffer.from('x-test-user-org: org_pro')], [200]],
      [[line(Buffer.from([0x6f, 0x72, 0x67, 0x01, 0x7f]))], [400, 403]], // the server may refuse the bytes
      [[line('x'.repeat(20_000))], [431, 0]], // beyond Node's header limit: the framework answers, not us
    ]
    for (const [lines, expected] of cases) {
      expect(expected, lines.map(String).join('|').slice(0, 80)).toContain(await rawStatus(url, '/gated', lines))
    }
    // Still healthy afterwards.
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
  })

  it('a hanging Lumen costs checkTimeoutMs: stale when something is cached, else 503', async () => {
    const { url } = await open({ ttlSeconds: 0.1, checkTimeoutMs: 300 })
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
    stub.delayMs = 5_000
    await sleep(150)
    let started = Date.now()
    const stale = await get(`${url}/gated`, org('org_pro'))
    expect(stale.status).toBe(200)
    expect(stale.headers.get('x-lumen-license')).toBe('stale')
    expect(Date.now() - started).toBeLessThan(2_000)
    started = Date.now()
    const cold = await get(`${url}/gated`, org('org_starter'))
    expect(cold.status).toBe(503)
    expect(cold.body).toMatchObject({ error: 'LICENSE_SERVICE_UNAVAILABLE' })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('a hanging custom cache costs cacheTimeoutMs, not a stalled request', async () => {
    const phases: string[] = []
    const cache: MiddlewareCache = { get: () => new Promise(() => {}), set: () => new Promise(() => {}) }
    const { url } = await open({ cache, cacheTimeoutMs: 100, onError: (_e, ctx) => phases.push(ctx.phase) })
    const started = Date.now()
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(1_500)
    await sleep(150)
    expect(phases).toEqual(['cache', 'cache'])
  })

  it('answers without waiting for a slow cache write, and the write still prevents a second check', async () => {
    const inner = new InMemoryCache()
    const cache: MiddlewareCache = {
      get: (key) => inner.get(key),
      set: async (key, value, ttl) => {
        await sleep(1_500)
        await inner.set(key, value, ttl)
      },
    }
    const { url } = await open({ cache, cacheTimeoutMs: 0 })
    const started = Date.now()
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200) // write still under way
    await sleep(1_600)
    expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200) // written
    expect(stub.callsFor('org_pro')).toBe(1)
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

describe('the seed\'s Fastify setErrorHandler, word for word', () => {
  it('keeps each error\'s status; anything else is 500', async () => {
    stub.reset()
    stub.licenses.set('org_pro', license('pro'))
    const app = Fastify({ forceCloseConnections: true })
    app.setErrorHandler((err, req, reply) => {
      if (typeof (err as { statusCode?: unknown }).statusCode === 'number') {
        void reply.code((err as { statusCode: number }).statusCode).send(err)
      } else {
        void reply.code(500).send({ error: 'INTERNAL_ERROR' })
      }
    })
    const preHandler = requiresLicenseFastify(serviceClient(stub.url), PRODUCT, { minTier: 'enterprise' })
    app.get('/employees', { preHandler }, async () => ({ employees: [] }))
    app.get('/boom', async () => { throw new Error('not a license error') })
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const { port } = app.server.address() as import('node:net').AddressInfo
      const base = `http://127.0.0.1:${port}`
      const none = await get(`${base}/employees`)
      expect(none.status).toBe(401)
      expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' })
      const tier = await get(`${base}/employees`, { 'x-organization-id': 'org_pro' })
      expect(tier.status).toBe(403)
      expect(tier.body).toMatchObject({ statusCode: 403, code: 'INSUFFICIENT_TIER' })
      expect((await get(`${base}/employees`, { 'x-organization-id': 'org_none' })).body).toMatchObject({ code: 'NO_ACTIVE_LICENSE' })
      stub.mode = 'fail503'
      expect((await get(`${base}/employees`, { 'x-organization-id': 'org_other' })).status).toBe(503)
      stub.mode = 'reject401'
      const rejected = await get(`${base}/employees`, { 'x-organization-id': 'org_third' })
      expect(rejected.status).toBe(500)
      expect(JSON.stringify(rejected.body)).not.toContain(SERVICE_KEY)
      expect(await get(`${base}/boom`)).toMatchObject({ status: 500, body: { error: 'INTERNAL_ERROR' } })
    } finally {
      stub.mode = 'ok'
      await app.close()
    }
  })
})

describe('express without an error handler of the app', () => {
  it('UsageLimitExceededError thrown by checkUsageLimit in a handler still answers 403 (statusCode)', async () => {
    stub.reset()
    stub.licenses.set('org_pro', license('pro'))
    const app = express()
    app.get('/usage', requiresLicenseExpress(serviceClient(stub.url), PRODUCT), (req, res) => {
      checkUsageLimit(req.lumenLicense!, 'api_calls', Number(req.query.count))
      res.json({ ok: true })
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise<void>((resolve) => server.once('listening', resolve))
    try {
      const { port } = server.address() as import('node:net').AddressInfo
      expect((await get(`http://127.0.0.1:${port}/usage?count=100`, { 'x-organization-id': 'org_pro' })).status).toBe(200)
      expect((await get(`http://127.0.0.1:${port}/usage?count=101`, { 'x-organization-id': 'org_pro' })).status).toBe(403)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
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
