import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { bootEmulator } from '../helpers/emulator.js'
import { useEmulator } from '../helpers/emulatorSuite.js'

const emu = useEmulator()
let demo: string
beforeAll(async () => {
  demo = (await emu.login('demo')).accessToken
})

describe('GET /licenses/:productSlug', () => {
  it('Acme: pro, active, 25 seats, usage and an upgrade URL', async () => {
    const r = await emu.api('GET', '/licenses/lumen-hr', { token: demo, org: 'org_acme' })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      valid: true, status: 'active', tier: 'pro', unitCount: 25,
      features: { employee_export: true, advanced_reports: true, sso: false, report_history_days: 365, support: 'priority' },
      limits: { seats: 25, api_calls: 10000 },
      productSlug: 'lumen-hr', organizationId: 'org_acme',
      usage: { seats: 12, api_calls: 930 },
      upgradeUrl: 'http://localhost:5173/billing/upgrade?product=lumen-hr&organizationId=org_acme',
    })
    expect(r.body).not.toHaveProperty('remainingDays')
  })

  it('Globex: a starter trial with remainingDays 5 that expires into the null shape', async () => {
    const r = await emu.api('GET', '/licenses/lumen-hr', { token: demo, org: 'org_globex' })
    expect(r.body).toMatchObject({ valid: true, status: 'trial', tier: 'starter', remainingDays: 5, features: { advanced_reports: false } })
    await emu.advanceClock('5d')
    await emu.advanceClock('1m')
    demo = (await emu.login('demo')).accessToken
    const expired = await emu.api('GET', '/licenses/lumen-hr', { token: demo, org: 'org_globex' })
    expect(expired.body).toMatchObject({ valid: false, tier: null, features: null, limits: null, unitCount: null })
    expect(expired.body).not.toHaveProperty('status')
    expect(expired.body).not.toHaveProperty('remainingDays')
    const me = await emu.api('GET', '/auth/me', { token: demo })
    expect(me.body.licenses[1].status).toBe('expired')
    await emu.reset()
    demo = (await emu.login('demo')).accessToken
  })

  it('lumen-crm: no license → valid false with nulls', async () => {
    const r = await emu.api('GET', '/licenses/lumen-crm', { token: demo, org: 'org_acme' })
    expect(r.body).toEqual({
      valid: false, tier: null, features: null, limits: null, unitCount: null,
      productSlug: 'lumen-crm', organizationId: 'org_acme', usage: {},
      upgradeUrl: 'http://localhost:5173/billing/upgrade?product=lumen-crm&organizationId=org_acme',
    })
  })

  it('needs x-organization-id (400), membership (403 NOT_A_MEMBER) and a known product (404)', async () => {
    expect((await emu.api('GET', '/licenses/lumen-hr', { token: demo })).status).toBe(400)
    const bob = (await emu.login('bob')).accessToken
    const r = await emu.api('GET', '/licenses/lumen-hr', { token: bob, org: 'org_globex' })
    expect(r.status).toBe(403)
    expect(r.body.error.code).toBe('NOT_A_MEMBER')
    expect((await emu.api('GET', '/licenses/nope', { token: demo, org: 'org_acme' })).status).toBe(404)
    expect((await emu.api('GET', '/licenses/lumen-hr', { org: 'org_acme' })).status).toBe(401)
  })
})

describe('other license states (edited on disk between two runs)', () => {
  it('enterprise (top tier, active): no upgradeUrl, unlimited seats stay absent; canceled: valid false with nulls', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lumen-lic-'))
    try {
      await (await bootEmulator({ memory: false, dataDir })).close()
      const db = new Database(join(dataDir, 'lumen.db'))
      db.prepare("UPDATE licenses SET tier_slug = 'enterprise' WHERE id = 'lic_acme_hr'").run()
      db.prepare("UPDATE licenses SET status = 'canceled', trial_ends_at = NULL WHERE id = 'lic_globex_hr'").run()
      db.close()
      const other = await bootEmulator({ memory: false, dataDir })
      try {
        const token = (await other.login('demo')).accessToken
        const ent = await other.api('GET', '/licenses/lumen-hr', { token, org: 'org_acme' })
        expect(ent.body).toMatchObject({ valid: true, status: 'active', tier: 'enterprise', unitCount: 25, limits: { api_calls: '100000' }, upgradeUrl: null })
        expect(ent.body.limits).not.toHaveProperty('seats')
        expect(ent.body.features.sso).toBe(true)
        const canceled = await other.api('GET', '/licenses/lumen-hr', { token, org: 'org_globex' })
        expect(canceled.body).toMatchObject({ valid: false, tier: null, features: null, limits: null, unitCount: null, upgradeUrl: expect.stringContaining('organizationId=org_globex') })
        const check = await other.api('GET', '/service/licenses/check?organizationId=org_globex&productSlug=lumen-hr', { serviceKey: true })
        expect(check.body).toEqual({ valid: false, tier: null, features: null, limits: null, unitCount: null })
        expect((await other.api('GET', '/auth/me', { token })).body.licenses[1]).toMatchObject({ organizationId: 'org_globex', status: 'canceled' })
      } finally {
        await other.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('GET /products/:slug', () => {
  it('lists tiers in order with prices (minor units), features and limits', async () => {
    const r = await emu.api('GET', '/products/lumen-hr')
    expect(r.status).toBe(200)
    expect(r.body.slug).toBe('lumen-hr')
    expect(r.body.tiers.map((t: { slug: string; sortOrder: number }) => [t.slug, t.sortOrder])).toEqual([['starter', 1], ['pro', 2], ['enterprise', 3]])
    expect(r.body.tiers[1].price).toEqual({ amount: 2900, currency: 'EUR', interval: 'month' })
    expect(r.body.tiers[2]).toMatchObject({ features: { sso: true }, limits: { api_calls: '100000' } })
    // The feature ladder: employee_export starter+, advanced_reports pro+, sso enterprise only.
    const ladder = r.body.tiers.map((t: { features: Record<string, unknown> }) => [t.features.employee_export, t.features.advanced_reports, t.features.sso])
    expect(ladder).toEqual([[true, false, false], [true, true, false], [true, true, true]])
    for (const tier of r.body.tiers) {
      expect(tier.price).toMatchObject({ amount: expect.any(Number), currency: 'EUR', interval: 'month' })
      expect(tier.limits).toHaveProperty('api_calls')
    }
    expect(r.body.tiers.map((t: { limits: Record<string, unknown> }) => 'seats' in t.limits)).toEqual([true, true, false]) // enterprise: unlimited seats
    const crm = (await emu.api('GET', '/products/lumen-crm')).body
    expect(crm.tiers).toHaveLength(2)
    expect(crm.tiers.every((t: { price: unknown }) => t.price !== null)).toBe(true)
    expect((await emu.api('GET', '/products/nope')).status).toBe(404)
  })
})

describe('service routes', () => {
  it('need the service key', async () => {
    for (const serviceKey of [undefined, 'lumen_sk_wrong']) {
      const r = await emu.api('GET', '/service/licenses/check?organizationId=org_acme&productSlug=lumen-hr', { serviceKey })
      expect(r.status).toBe(401)
      expect(r.body.error.code).toBe('UNAUTHORIZED')
    }
    // A user token is not a service key.
    expect((await emu.api('POST', '/service/usage', { token: demo, body: { organizationId: 'org_acme', productSlug: 'lumen-hr', unitCount: 13 } })).status).toBe(401)
  })

  it('check returns exactly the CheckLicenseResponse shape', async () => {
    const r = await emu.api('GET', '/service/licenses/check?organizationId=org_acme&productSlug=lumen-hr', { serviceKey: true })
    expect(Object.keys(r.body).sort()).toEqual(['features', 'limits', 'status', 'tier', 'unitCount', 'valid'])
    const trial = await emu.api('GET', '/service/licenses/check?organizationId=org_globex&productSlug=lumen-hr', { serviceKey: true })
    expect(trial.body).toMatchObject({ valid: true, status: 'trial', remainingDays: 5 })
    const none = await emu.api('GET', '/service/licenses/check?organizationId=org_acme&productSlug=lumen-crm', { serviceKey: true })
    expect(none.body).toEqual({ valid: false, tier: null, features: null, limits: null, unitCount: null })
    expect((await emu.api('GET', '/service/licenses/check?organizationId=org_acme', { serviceKey: true })).body.error.details).toEqual([{ field: 'productSlug', message: 'Required.' }])
    expect((await emu.api('GET', '/service/licenses/check?organizationId=org_nope&productSlug=lumen-hr', { serviceKey: true })).status).toBe(404)
  })

  it('usage only increases; above the seat limit it warns', async () => {
    const post = (unitCount: unknown) => emu.api('POST', '/service/usage', { serviceKey: true, body: { organizationId: 'org_acme', productSlug: 'lumen-hr', unitCount } })
    expect((await post(20)).body).toEqual({ accepted: true })
    expect((await post(20)).body).toEqual({ accepted: true })
    expect((await post(5)).body).toEqual({ accepted: false, warning: 'limit_exceeded' })
    expect((await post(30)).body).toEqual({ accepted: true, warning: 'limit_exceeded' })
    const lic = await emu.api('GET', '/licenses/lumen-hr', { token: demo, org: 'org_acme' })
    expect(lic.body.usage.seats).toBe(30)
    for (const bad of ['12', -1, 1.5, null]) expect((await post(bad)).status).toBe(400)
    const noLicense = await emu.api('POST', '/service/usage', { serviceKey: true, body: { organizationId: 'org_acme', productSlug: 'lumen-crm', unitCount: 1 } })
    expect(noLicense.status).toBe(404)
  })

  it('verify-token takes the user token as Bearer', async () => {
    const r = await emu.api('POST', '/service/verify-token', { token: demo })
    expect(r.status).toBe(200)
    expect(r.body.user.id).toBe('usr_demo')
    expect(r.body.organizations).toHaveLength(2)
    expect(r.body.licenses).toHaveLength(2)
    expect((await emu.api('POST', '/service/verify-token', { token: 'garbage' })).status).toBe(401)
    expect((await emu.api('POST', '/service/verify-token', { serviceKey: true })).status).toBe(401)
  })
})
