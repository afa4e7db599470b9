/**
 * RedisCache against a real redis-server (tests/helpers/redis.ts), alone and as the shared cache
 * of two app instances.
 */
import { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startRedis, type RedisServer } from '../../helpers/redis.js'
import { cacheKey } from '../../../src/middleware/cache.js'
import { RedisCache } from '../../../src/middleware/redis.js'
import type { MiddlewareCache } from '../../../src/middleware/types.js'
import { get, license, type LicenseStub, PRODUCT, serviceClient, sleep, startApp, startLicenseStub } from './fixtures.js'

let server: RedisServer
let redis: Redis
let stub: LicenseStub

beforeAll(async () => {
  server = await startRedis()
  redis = new Redis({ host: server.host, port: server.port, lazyConnect: true, maxRetriesPerRequest: 1 })
  await redis.connect()
  stub = await startLicenseStub()
})
afterAll(async () => {
  redis?.disconnect()
  await stub?.close()
  await server?.stop()
})
beforeEach(async () => {
  await redis.flushall()
  stub.reset()
})

/** The seed's own ioredis cache object, word for word (`redis` there is this `client`). */
function seedCache(client: Redis): MiddlewareCache {
  return {
    async get<T>(key: string) {
      const raw = await client.get(key)
      return raw ? (JSON.parse(raw) as T) : null
    },
    async set(key, value, ttlSeconds = 60) {
      await client.set(key, JSON.stringify(value), 'EX', ttlSeconds)
    },
  }
}

describe('RedisCache', () => {
  it('round-trips JSON with a TTL in Redis', async () => {
    const cache = new RedisCache(redis)
    await cache.set('k', { valid: true, n: [1, 2] }, 30)
    expect(await cache.get('k')).toEqual({ valid: true, n: [1, 2] })
    const ttl = await redis.pttl('k')
    expect(ttl).toBeGreaterThan(29_000)
    expect(ttl).toBeLessThanOrEqual(30_000)
    await cache.set('d', 1)
    expect(await redis.ttl('d')).toBe(60)
  })

  it('expires entries (fractional TTLs work)', async () => {
    const cache = new RedisCache(redis)
    await cache.set('short', 'x', 0.15)
    expect(await cache.get('short')).toBe('x')
    await sleep(250)
    expect(await cache.get('short')).toBeNull()
  })

  it('prefixes keys, deletes, and treats non-JSON and missing keys as misses', async () => {
    const cache = new RedisCache(redis, { prefix: 'app1:' })
    await cache.set('k', 1)
    expect(await redis.get('app1:k')).toBe('1')
    await cache.delete('k')
    expect(await redis.exists('app1:k')).toBe(0)
    await redis.set('app1:bad', '{not json')
    expect(await cache.get('bad')).toBeNull()
    expect(await cache.get('missing')).toBeNull()
    await cache.set('zero', 1, 0)
    expect(await redis.exists('app1:zero')).toBe(0)
  })

  it('is shared by two app instances: one license check for both, under the seed key', async () => {
    stub.licenses.set('org_pro', license('pro'))
    stub.delayMs = 20
    const a = await startApp('express', serviceClient(stub.url), { cache: new RedisCache(redis) })
    const b = await startApp('fastify', serviceClient(stub.url), { cache: new RedisCache(redis) })
    try {
      expect((await get(`${a.url}/gated`, { 'x-organization-id': 'org_pro' })).status).toBe(200)
      expect((await get(`${b.url}/gated`, { 'x-organization-id': 'org_pro' })).status).toBe(200)
      expect(stub.calls).toBe(1)
      const stored = JSON.parse((await redis.get(cacheKey('org_pro', PRODUCT)))!) as Record<string, unknown>
      expect(stored).toMatchObject({ value: { valid: true, tier: 'pro' }, ttl: 60 })
      expect(await redis.ttl(cacheKey('org_pro', PRODUCT))).toBe(360)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('serves stale-if-error from an envelope stored in Redis', async () => {
    stub.licenses.set('org_pro', license('pro'))
    const app = await startApp('fastify', serviceClient(stub.url), { cache: new RedisCache(redis), ttlSeconds: 0.1, staleIfErrorSeconds: 5 })
    try {
      await get(`${app.url}/gated`, { 'x-organization-id': 'org_pro' })
      stub.mode = 'fail503'
      await sleep(150)
      const res = await get(`${app.url}/gated`, { 'x-organization-id': 'org_pro' })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-lumen-license')).toBe('stale')
    } finally {
      await app.close()
    }
  })

  it('startRedis fails loudly when redis-server is missing', async () => {
    const saved = process.env.REDIS_SERVER_PATH
    process.env.REDIS_SERVER_PATH = '/nonexistent/redis-server'
    try {
      await expect(startRedis()).rejects.toThrow(/redis-server not found/)
    } finally {
      if (saved === undefined) delete process.env.REDIS_SERVER_PATH
      else process.env.REDIS_SERVER_PATH = saved
    }
  })

  it('a hung Redis costs a cache miss after timeoutMs, not a stalled request', async () => {
    stub.licenses.set('org_pro', license('pro'))
    const hung = {
      get: () => new Promise<string | null>(() => {}),
      set: () => new Promise<unknown>(() => {}),
      del: () => new Promise<number>(() => {}),
    }
    const phases: string[] = []
    const app = await startApp('express', serviceClient(stub.url), { cache: new RedisCache(hung, { timeoutMs: 50 }), onError: (_e, c) => phases.push(c.phase) })
    try {
      const started = Date.now()
      expect((await get(`${app.url}/gated`, { 'x-organization-id': 'org_pro' })).status).toBe(200)
      expect(Date.now() - started).toBeLessThan(2_000)
      // The answer does not wait for the cache write: its timeout is reported right after.
      await sleep(150)
      expect(phases).toEqual(['cache', 'cache'])
    } finally {
      await app.close()
    }
  })

  it('the seed\'s own ioredis cache object works as `cache`, shared by two instances under the seed key', async () => {
    // The seed's example (EX with whole seconds: the default TTLs give 360 and 310).
    const redisCache = seedCache(redis)
    stub.licenses.set('org_pro', license('pro'))
    const a = await startApp('fastify', serviceClient(stub.url), { cache: redisCache })
    const b = await startApp('express', serviceClient(stub.url), { cache: redisCache })
    try {
      expect((await get(`${a.url}/gated`, { 'x-organization-id': 'org_pro' })).status).toBe(200)
      expect((await get(`${b.url}/gated`, { 'x-organization-id': 'org_pro' })).status).toBe(200)
      expect((await get(`${b.url}/gated`, { 'x-organization-id': 'org_none' })).status).toBe(403)
      expect((await get(`${a.url}/gated`, { 'x-organization-id': 'org_none' })).status).toBe(403)
      expect(stub.calls).toBe(2)
      expect(await redis.ttl(cacheKey('org_pro', PRODUCT))).toBe(360)
      expect(await redis.ttl(cacheKey('org_none', PRODUCT))).toBe(310)
    } finally {
      await a.close()
      await b.close()
    }
  })
})

describe('a stopped redis-server', () => {
  it('costs a cache miss, never a 500 or a stalled request: RedisCache and the seed\'s cache object', async () => {
    const doomed = await startRedis()
    // Default ioredis options: it reconnects and queues commands for ~10 s before failing them.
    const client = new Redis({ host: doomed.host, port: doomed.port })
    client.on('error', () => {})
    const seedCacheObject = seedCache(client)
    stub.licenses.set('org_pro', license('pro'))
    const phases: string[] = []
    const onError = (_e: unknown, c: { phase: string }) => phases.push(c.phase)
    const apps = [
      await startApp('express', serviceClient(stub.url), { cache: new RedisCache(client), onError }),
      await startApp('fastify', serviceClient(stub.url), { cache: seedCacheObject, onError }),
      await startApp('express', serviceClient(stub.url), { cache: seedCacheObject, onError, cacheTimeoutMs: 100 }),
    ]
    try {
      for (const app of apps) expect((await get(`${app.url}/gated`, { 'x-organization-id': 'org_pro' })).status).toBe(200)
      expect(stub.calls).toBe(1)
      await doomed.stop()
      for (const app of apps) {
        const started = Date.now()
        const results = await Promise.all([
          get(`${app.url}/gated`, { 'x-organization-id': 'org_pro' }),
          get(`${app.url}/gated`, { 'x-organization-id': 'org_none' }),
          get(`${app.url}/gated`),
        ])
        expect(results.map((r) => r.status)).toEqual([200, 403, 401])
        expect(Date.now() - started).toBeLessThan(3_000)
      }
      expect(phases.length).toBeGreaterThanOrEqual(6)
      expect(new Set(phases)).toEqual(new Set(['cache']))
    } finally {
      client.disconnect()
      for (const app of apps) await app.close()
      await doomed.stop()
    }
  })
})
