/**
 * The middleware with the real client in service mode against the Lumen emulator (seeded demo
 * data: org_acme holds lumen-hr pro, org_globex a lumen-hr starter trial).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import type { RequireLicenseOptions, TierSortOrder } from '../../../src/middleware/types.js'
import { PRODUCTS, SEED, SERVICE_KEY } from '../../helpers/emulator.js'
import { useEmulator } from '../../helpers/emulatorSuite.js'
import { type Framework, get, sleep, startApp, type TestApp } from './fixtures.js'

const emu = useEmulator()

const hrOrder: TierSortOrder = Object.fromEntries(PRODUCTS.find((p) => p.slug === 'lumen-hr')!.tiers.map((t) => [t.slug, t.sortOrder]))

describe.each<Framework>(['express', 'fastify'])('%s against the emulator', (framework) => {
  let app: TestApp | undefined
  const open = async (options: RequireLicenseOptions = {}) => {
    const client = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: false })
    app = await startApp(framework, client, options)
    return app.url
  }
  afterEach(async () => {
    await app?.close()
    app = undefined
    await emu.clearFaults()
  })

  it('lets org_acme (pro) through with its license attached', async () => {
    const url = await open()
    const res = await get(`${url}/gated`, { 'x-organization-id': 'org_acme' })
    expect(res.status).toBe(200)
    expect(res.body.license).toMatchObject({ valid: true, tier: 'pro', organizationId: 'org_acme', productSlug: 'lumen-hr', stale: false })
  })

  it('answers 403 NO_ACTIVE_LICENSE for an org without a license and for an unknown org (404)', async () => {
    const url = await open()
    const crm = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: false })
    await expect(crm.service.checkLicense('org_globex', 'lumen-crm')).resolves.toMatchObject({ valid: false })
    for (const id of ['org_nobody', 'x'.repeat(200)]) {
      const res = await get(`${url}/gated`, { 'x-organization-id': id })
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ error: 'NO_ACTIVE_LICENSE', product: 'lumen-hr' })
    }
  })

  it('ranks tiers with the product\'s sort order: starter trial < pro', async () => {
    const url = await open({ minTier: 'pro', tierSortOrder: hrOrder })
    expect((await get(`${url}/gated`, { 'x-organization-id': 'org_acme' })).status).toBe(200)
    const globex = await get(`${url}/gated`, { 'x-organization-id': 'org_globex' })
    expect(globex.status).toBe(403)
    expect(globex.body).toMatchObject({ error: 'INSUFFICIENT_TIER', requiredTier: 'pro', currentTier: 'starter' })
  })

  it('gates a feature of the tier', async () => {
    const url = await open({ feature: 'advanced_reports' })
    expect((await get(`${url}/gated`, { 'x-organization-id': 'org_acme' })).status).toBe(200)
    expect((await get(`${url}/gated`, { 'x-organization-id': 'org_globex' })).body).toMatchObject({ error: 'FEATURE_NOT_ENABLED', feature: 'advanced_reports' })
  })

  it('applies the license\'s api_calls limit with checkUsageLimit', async () => {
    const url = await open()
    expect((await get(`${url}/usage?count=1000`, { 'x-organization-id': 'org_globex' })).status).toBe(200)
    expect((await get(`${url}/usage?count=1001`, { 'x-organization-id': 'org_globex' })).body).toMatchObject({ error: 'USAGE_LIMIT_EXCEEDED', limit: 1000 })
  })

  it('answers 503 when the license endpoint fails and nothing is cached, stale when something is', async () => {
    const url = await open({ ttlSeconds: 0.1 })
    await emu.fault({ route: '/service/licenses/check', status: 503, times: 1 })
    expect((await get(`${url}/gated`, { 'x-organization-id': 'org_acme' })).status).toBe(503)
    expect((await get(`${url}/gated`, { 'x-organization-id': 'org_acme' })).status).toBe(200)
    await emu.fault({ route: '/service/licenses/check', dropConnection: true })
    await sleep(150)
    const stale = await get(`${url}/gated`, { 'x-organization-id': 'org_acme' })
    expect(stale.status).toBe(200)
    expect(stale.headers.get('x-lumen-license')).toBe('stale')
  })

  it('the README wiring: memberships from verifyToken refuse another org with 403 ORG_NOT_MEMBER', async () => {
    const service = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: false })
    // The app's auth step, as in the README's quick start.
    const authenticate = async (headers: Record<string, string | string[] | undefined>) => {
      const token = String(headers.authorization ?? '').replace(/^Bearer /i, '')
      if (!token) return undefined
      const { user, organizations } = await service.service.verifyToken(token)
      return { id: user.id, organizations }
    }
    app = await startApp(framework, service, {}, authenticate)
    const signIn = async (email: string) => {
      const { accessToken } = await new LumenAccountClient({ baseUrl: emu.url, retry: false }).auth.login(email, SEED.password)
      return { authorization: `Bearer ${accessToken}` }
    }
    const gus = await signIn(SEED.users.gus.email) // owner of Globex only
    const refused = await get(`${app.url}/gated`, { ...gus, 'x-organization-id': 'org_acme' })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ statusCode: 403, error: 'ORG_NOT_MEMBER', organizationId: 'org_acme' })
    expect((await get(`${app.url}/gated`, { ...gus, 'x-organization-id': 'org_globex' })).body.license).toMatchObject({ tier: 'starter' })
    const demo = await signIn(SEED.users.demo.email) // Acme and Globex
    expect((await get(`${app.url}/gated`, { ...demo, 'x-organization-id': 'org_acme' })).body.license).toMatchObject({ tier: 'pro' })
  })
})
