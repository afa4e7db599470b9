/**
 * What a caller can make the gate do with the org id it names: an org outside the caller's
 * memberships is refused before any call to Lumen, and a flood of made-up ids never has more than
 * `maxConcurrentChecks` license checks in flight at Lumen. Real Express 5 / Fastify 5 over HTTP,
 * the real client in service mode, a scripted Lumen that counts calls and calls in flight.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LicenseRequestLike, RequireLicenseOptions } from '../../../src/middleware/types.js'
import {
  type Framework, get, license, type LicenseStub, serviceClient, sleep, startApp, startLicenseStub, type TestApp,
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
    return app.url
  }
  const org = (id: string) => ({ 'x-organization-id': id })
  const madeUp = (n: number) => Array.from({ length: n }, (_, i) => `org_madeup_${i}`)

  beforeEach(() => {
    stub.reset()
    stub.licenses.set('org_pro', license('pro'))
    stub.licenses.set('org_starter', license('starter'))
  })
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  describe('membership', () => {
    it('refuses a licensed org outside req.user.organizations with 403 ORG_NOT_MEMBER, without calling Lumen', async () => {
      const url = await open()
      const res = await get(`${url}/gated`, { ...org('org_pro'), 'x-test-user-orgs': 'org_starter' })
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ statusCode: 403, error: 'ORG_NOT_MEMBER', message: expect.stringContaining('[lumen-account]') })
      expect(stub.calls).toBe(0)
      const member = await get(`${url}/gated`, { ...org('org_starter'), 'x-test-user-orgs': 'org_other,org_starter' })
      expect(member.status).toBe(200)
      expect(member.body.license).toMatchObject({ organizationId: 'org_starter', tier: 'starter' })
    })

    it('a license cached for a member does not let a non-member through', async () => {
      const url = await open()
      expect((await get(`${url}/gated`, { ...org('org_pro'), 'x-test-user-orgs': 'org_pro' })).status).toBe(200)
      const res = await get(`${url}/gated`, { ...org('org_pro'), 'x-test-user-orgs': 'org_starter' })
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ error: 'ORG_NOT_MEMBER' })
      expect(stub.calls).toBe(1)
    })

    it('made-up org ids from a signed-in user cost no upstream call', async () => {
      const url = await open()
      const all = await Promise.all(madeUp(20).map((id) => get(`${url}/gated`, { ...org(id), 'x-test-user-org-ids': 'org_pro' })))
      expect(all.map((r) => r.body.error)).toEqual(Array(20).fill('ORG_NOT_MEMBER'))
      expect(stub.calls).toBe(0)
    })

    it('checks req.user.orgId too, and an empty membership list refuses every org', async () => {
      const url = await open()
      const fromUser = await get(`${url}/gated`, { 'x-test-user-org': 'org_pro', 'x-test-user-org-ids': 'org_starter' })
      expect(fromUser.body).toMatchObject({ statusCode: 403, error: 'ORG_NOT_MEMBER' })
      expect((await get(`${url}/gated`, { ...org('org_pro'), 'x-test-user-org-ids': '' })).body).toMatchObject({ error: 'ORG_NOT_MEMBER' })
      expect((await get(`${url}/gated`, { 'x-test-user-org': 'org_pro', 'x-test-user-org-ids': 'org_pro' })).status).toBe(200)
      expect(stub.calls).toBe(1)
    })

    it('getMemberships(req) wins over req.user.organizations; no list means the header alone is trusted', async () => {
      const seen: string[] = []
      const url = await open({
        getMemberships: (req: LicenseRequestLike) => {
          const members = req.headers?.['x-members']
          seen.push(String(members))
          return typeof members === 'string' ? members.split(',') : undefined
        },
      })
      const refused = await get(`${url}/gated`, { ...org('org_pro'), 'x-members': 'org_starter', 'x-test-user-orgs': 'org_pro' })
      expect(refused.body).toMatchObject({ error: 'ORG_NOT_MEMBER' })
      expect(stub.calls).toBe(0)
      expect((await get(`${url}/gated`, { ...org('org_pro'), 'x-members': 'org_x,org_pro' })).status).toBe(200)
      // No memberships on the request: the seed's behaviour, the header is trusted as it is.
      expect((await get(`${url}/gated`, org('org_starter'))).status).toBe(200)
      expect(seen).toEqual(['org_starter', 'org_x,org_pro', 'undefined'])
    })

    it('without memberships on the request the header still wins over req.user.orgId (compatibility)', async () => {
      const url = await open()
      const res = await get(`${url}/gated`, { ...org('org_pro'), 'x-test-user-org': 'org_starter' })
      expect(res.status).toBe(200)
      expect(res.body.license).toMatchObject({ organizationId: 'org_pro' })
    })
  })

  describe('upstream concurrency', () => {
    it('never has more than maxConcurrentChecks checks in flight at Lumen for a flood of made-up ids', async () => {
      const url = await open({ maxConcurrentChecks: 4 })
      stub.delayMs = 150
      const all = await Promise.all(madeUp(40).map((id) => get(`${url}/gated`, org(id))))
      expect(all.map((r) => r.status)).toEqual(Array(40).fill(403))
      expect(stub.calls).toBe(40)
      expect(stub.maxInFlight).toBeLessThanOrEqual(4)
      expect(stub.maxInFlight).toBeGreaterThanOrEqual(2)
    })

    it('caps at 16 checks in flight by default', async () => {
      const url = await open()
      stub.delayMs = 300
      const all = await Promise.all(madeUp(48).map((id) => get(`${url}/gated`, org(id))))
      expect(all.every((r) => r.status === 403)).toBe(true)
      expect(stub.maxInFlight).toBeLessThanOrEqual(16)
      expect(stub.maxInFlight).toBeGreaterThan(1)
    })

    it('past maxQueuedChecks waiting checks, the excess is answered 503 at once and reported', async () => {
      const phases: string[] = []
      const url = await open({ maxConcurrentChecks: 1, maxQueuedChecks: 2, onError: (_e, ctx) => phases.push(ctx.phase) })
      stub.delayMs = 600
      const started = Date.now()
      const all = await Promise.all(madeUp(8).map(async (id) => {
        const res = await get(`${url}/gated`, org(id))
        return { status: res.status, error: res.body.error, ms: Date.now() - started }
      }))
      const refused = all.filter((r) => r.status === 503)
      expect(refused.length).toBeGreaterThanOrEqual(4)
      expect(refused.every((r) => r.error === 'LICENSE_SERVICE_UNAVAILABLE')).toBe(true)
      // Refused while the first check was still under way, not after waiting in line.
      expect(Math.min(...refused.map((r) => r.ms))).toBeLessThan(600)
      expect(all.filter((r) => r.status === 403)).toHaveLength(stub.calls)
      expect(stub.maxInFlight).toBe(1)
      expect(phases).toEqual(Array(refused.length).fill('check'))
    })

    it('a check waiting for a slot counts against checkTimeoutMs; a known org still gets its stale answer', async () => {
      const url = await open({ maxConcurrentChecks: 1, checkTimeoutMs: 400, ttlSeconds: 0.1 })
      expect((await get(`${url}/gated`, org('org_pro'))).status).toBe(200)
      await sleep(150)
      stub.delayMs = 5_000
      const started = Date.now()
      const [a, b, known] = await Promise.all([
        get(`${url}/gated`, org('org_madeup_a')),
        get(`${url}/gated`, org('org_madeup_b')),
        get(`${url}/gated`, org('org_pro')),
      ])
      expect([a.status, b.status]).toEqual([503, 503])
      expect(known.status).toBe(200)
      expect(known.headers.get('x-lumen-license')).toBe('stale')
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(stub.maxInFlight).toBe(1)
    })
  })
})
