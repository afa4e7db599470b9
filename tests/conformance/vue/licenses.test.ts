// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- tiny test apps */
// Conformance (issue 6, useLicense / useFeature / useOrganizations with the emulator's demo data).
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { useAuth, useFeature, useLicense, useLumenStore, useOrganizations } from '../../../src/vue/index.js'
import { isPaywallError } from '../../../src/index.js'
import { ACME, DEMO, GLOBEX, PRODUCT, until, useHarness } from './harness.js'

const t = useHarness()
const LICENSE_GET = `GET /licenses/${PRODUCT}`
const count = (line: string) => t.requests.filter((r) => r === line).length

/** Signed in as demo with Acme active, everything below created in one component's setup. */
async function inAcme<T>(fn: () => T, options = {}) {
  const m = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations(), x: fn() }), options)
  await m.lumen.ready
  await m.result.auth.login(DEMO.email, DEMO.password)
  if (m.result.orgs.activeOrganizationId.value !== ACME.id) await m.result.orgs.switchOrg(ACME.id)
  return m
}

describe('useLicense() in Acme Corp (lumen-hr pro, active)', () => {
  it('is valid, tier pro, not a trial', async () => {
    const { result } = await inAcme(() => useLicense())
    const lic = result.x
    await until(() => lic.status.value === 'valid', 'license valid')
    expect(lic.tier.value).toBe('pro')
    expect(lic.isTrial.value).toBe(false)
    expect(lic.isExpiring.value).toBe(false)
    expect(lic.remainingDays.value).toBeNull()
    expect(lic.error.value).toBeNull()
    expect(lic.license.value).toMatchObject({ valid: true, tier: 'pro', productSlug: PRODUCT, organizationId: ACME.id, unitCount: 25 })
  })

  it('hasTier compares by the product tier order', async () => {
    const { result } = await inAcme(() => useLicense())
    await until(() => result.x.status.value === 'valid', 'license valid')
    // No wait for the tiers: they come with the license answer.
    expect(result.x.hasTier('starter')).toBe(true)
    expect(result.x.hasTier('pro')).toBe(true)
    expect(result.x.hasTier('enterprise')).toBe(false)
  })

  it('useLicense(product) accepts a ref and follows it', async () => {
    const product = ref('lumen-crm')
    const { result } = await inAcme(() => useLicense(product))
    await until(() => result.x.status.value !== 'loading', 'crm answered')
    expect(result.x.status.value).toBe('invalid') // Acme has no Lumen CRM license
    expect(result.x.tier.value).toBeNull()
    product.value = PRODUCT
    await until(() => result.x.status.value === 'valid', 'switched to lumen-hr')
    expect(result.x.tier.value).toBe('pro')
  })
})

describe('useFeature() in Acme Corp', () => {
  it("advanced_reports is allowed: status 'allowed', reason 'ok', isEnabled", async () => {
    const { result } = await inAcme(() => useFeature('advanced_reports'))
    await until(() => result.x.status.value !== 'loading', 'answered')
    expect(result.x.status.value).toBe('allowed')
    expect(result.x.reason.value).toBe('ok')
    expect(result.x.isEnabled.value).toBe(true)
    expect(result.x.canUse.value).toBe(true)
    expect(result.x.value.value).toBe(true)
  })

  it("sso is denied: reason 'not_in_tier', requiredTier 'enterprise', an upgradeUrl from the license", async () => {
    const { result } = await inAcme(() => ({ sso: useFeature('sso'), lic: useLicense() }))
    const sso = result.x.sso
    await until(() => sso.status.value !== 'loading', 'answered')
    expect(sso.status.value).toBe('denied')
    expect(sso.reason.value).toBe('not_in_tier')
    expect(sso.isEnabled.value).toBe(false)
    expect(sso.canUse.value).toBe(false)
    expect(sso.requiredTier.value).toBe('enterprise') // GET /products/lumen-hr came with the license
    expect(sso.upgradeUrl.value).toEqual(expect.any(String))
    expect(sso.upgradeUrl.value).toBe(result.x.lic.license.value?.upgradeUrl)
  })

  it('requiredTier is the lowest tier that includes the feature', async () => {
    const { result } = await inAcme(() => ({ exp: useFeature('employee_export'), rep: useFeature('advanced_reports') }))
    await until(() => result.x.exp.status.value !== 'loading', 'answered')
    expect(result.x.exp.requiredTier.value).toBe('starter')
    expect(result.x.rep.requiredTier.value).toBe('pro')
    expect(t.requests.filter((r) => r === `GET /products/${PRODUCT}`).length).toBe(1)
  })

  it('seats: limit 25 (the licensed unit count), usage 12, remaining 13; canUse by amount', async () => {
    const amount = ref(13)
    const { result } = await inAcme(() => ({ seats: useFeature('seats'), big: useFeature('seats', { amount: 14 }), reactive: useFeature('seats', { amount }) }))
    const { seats, big, reactive } = result.x
    await until(() => seats.status.value !== 'loading', 'answered')
    expect(seats.limit.value).toBe(25)
    expect(seats.usage.value).toBe(12)
    expect(seats.remaining.value).toBe(13)
    expect(seats.canUse.value).toBe(true)
    expect(big.canUse.value).toBe(false)
    expect(reactive.canUse.value).toBe(true)
    amount.value = 14
    await nextTick()
    expect(reactive.canUse.value).toBe(false)
  })

  it('valued features expose their value (number, string)', async () => {
    const { result } = await inAcme(() => ({ days: useFeature('report_history_days'), support: useFeature('support') }))
    await until(() => result.x.days.status.value !== 'loading', 'answered')
    expect(result.x.days.status.value).toBe('allowed')
    expect(result.x.days.value.value).toBe(365)
    expect(result.x.support.value.value).toBe('priority')
  })

  it('a feature name accepts a getter and re-evaluates', async () => {
    const name = ref('advanced_reports')
    const { result } = await inAcme(() => useFeature(() => name.value))
    await until(() => result.x.status.value === 'allowed', 'allowed')
    name.value = 'sso'
    await nextTick()
    expect(result.x.status.value).toBe('denied')
  })

  it("a feature the product does not know is denied, never allowed (reason 'unknown' or 'not_in_tier')", async () => {
    const { result } = await inAcme(() => useFeature('teleportation'))
    await until(() => result.x.status.value !== 'loading', 'answered')
    expect(result.x.status.value).toBe('denied')
    expect(result.x.isEnabled.value).toBe(false)
    expect(['unknown', 'not_in_tier']).toContain(result.x.reason.value)
  })
})

describe('switchOrg to Globex (lumen-hr starter trial, 5 days left)', () => {
  it('useLicense: trial, starter, remainingDays 5, isExpiring; advanced_reports denied', async () => {
    const { result } = await inAcme(() => ({ lic: useLicense(), reports: useFeature('advanced_reports'), exp: useFeature('employee_export') }))
    const { lic, reports, exp } = result.x
    await until(() => reports.status.value === 'allowed', 'acme: allowed')
    await result.orgs.switchOrg(GLOBEX.id)
    expect(result.orgs.activeOrganizationId.value).toBe(GLOBEX.id)
    expect(result.orgs.activeOrganization.value?.name).toBe(GLOBEX.name)
    await until(() => lic.tier.value === 'starter', 'globex license')
    expect(lic.status.value).toBe('valid')
    expect(lic.isTrial.value).toBe(true)
    expect(lic.remainingDays.value).toBe(5)
    expect(lic.isExpiring.value).toBe(true)
    expect(lic.hasTier('pro')).toBe(false)
    expect(reports.status.value).toBe('denied')
    expect(reports.reason.value).toBe('not_in_tier')
    expect(exp.status.value).toBe('allowed')
  })

  it('never shows the old org answer after the switch resolves (no stale allowed)', async () => {
    const { result } = await inAcme(() => useFeature('advanced_reports'))
    await until(() => result.x.status.value === 'allowed', 'acme allowed')
    await t.emu.fault({ route: `/licenses/${PRODUCT}`, delayMs: 300 })
    await result.orgs.switchOrg(GLOBEX.id)
    expect(result.x.status.value).not.toBe('allowed')
    await until(() => result.x.status.value === 'denied', 'globex denied', 3000)
  })

  it('the switch is atomic: license requests after it carry the new org header', async () => {
    const { result } = await inAcme(() => useLicense())
    await until(() => result.x.status.value === 'valid', 'acme')
    t.requests.length = 0
    t.orgHeaders.length = 0
    await result.orgs.switchOrg(GLOBEX.id)
    await until(() => result.x.tier.value === 'starter', 'globex')
    const idx = t.requests.map((r, i) => (r === LICENSE_GET ? i : -1)).filter((i) => i >= 0)
    expect(idx.length).toBeGreaterThan(0)
    for (const i of idx) expect(t.orgHeaders[i]).toBe(GLOBEX.id)
  })

  it('isSwitching is true during the switch', async () => {
    const { result } = await inAcme(() => null)
    await t.emu.fault({ route: '/auth/switch-org', delayMs: 200 })
    const pending = result.orgs.switchOrg(GLOBEX.id)
    await nextTick()
    expect(result.orgs.isSwitching.value).toBe(true)
    await pending
    expect(result.orgs.isSwitching.value).toBe(false)
  })

  it('20 rapid switches end on the last org with its license', async () => {
    const { result } = await inAcme(() => useLicense())
    const switches: Promise<void>[] = []
    for (let i = 0; i < 20; i++) switches.push(result.orgs.switchOrg(i % 2 === 0 ? GLOBEX.id : ACME.id).catch(() => undefined))
    await Promise.all(switches)
    expect(result.orgs.activeOrganizationId.value).toBe(ACME.id)
    await until(() => result.x.status.value === 'valid' && result.x.tier.value === 'pro', 'ends on Acme (pro)')
    await new Promise((r) => setTimeout(r, 200))
    expect(result.x.tier.value).toBe('pro')
    expect(useLumenStore().activeOrganizationId).toBe(ACME.id)
  })

  it('switching to an org the user is not a member of rejects and keeps the current org', async () => {
    const { result } = await inAcme(() => useLicense())
    await until(() => result.x.status.value === 'valid', 'acme')
    await expect(result.orgs.switchOrg('org_nope')).rejects.toMatchObject({ status: expect.any(Number) })
    expect(result.orgs.activeOrganizationId.value).toBe(ACME.id)
    await until(() => result.x.status.value === 'valid', 'gates not stuck')
    expect(result.x.tier.value).toBe('pro')
  })
})

describe('gates across the session lifecycle', () => {
  it("while restoring, gates are 'loading' (nothing flashes); signed out, 'denied' / 'invalid'", async () => {
    const m = t.mount(() => ({ lic: useLicense(), reports: useFeature('advanced_reports') }), { storage: 'local' })
    expect(m.result.lic.status.value).toBe('loading')
    expect(m.result.reports.status.value).toBe('loading')
    expect(m.result.reports.isEnabled.value).toBe(false)
    await m.lumen.ready
    expect(m.result.lic.status.value).toBe('invalid')
    expect(m.result.reports.status.value).toBe('denied')
    expect(m.result.reports.reason.value).toBe('no_license')
  })

  it('logout re-evaluates: allowed → denied (no_license), license invalid', async () => {
    const { result } = await inAcme(() => ({ lic: useLicense(), reports: useFeature('advanced_reports') }))
    await until(() => result.x.reports.status.value === 'allowed', 'allowed')
    await result.auth.logout()
    await nextTick()
    expect(result.x.reports.status.value).toBe('denied')
    expect(result.x.reports.reason.value).toBe('no_license')
    expect(result.x.lic.status.value).toBe('invalid')
    expect(result.x.lic.tier.value).toBeNull()
    expect(result.orgs.organizations.value).toEqual([])
    expect(result.orgs.activeOrganization.value).toBeNull()
    const store = useLumenStore()
    expect(store.status).toBe('anonymous')
    expect(store.user).toBeNull()
    expect(store.licenses).toEqual([])
  })

  it("a signed-in user without any organization: license 'invalid', features denied with no_license", async () => {
    const m = t.mount(() => ({ auth: useAuth(), lic: useLicense(), exp: useFeature('employee_export') }))
    await m.lumen.ready
    await m.result.auth.register({ email: `solo-${Date.now()}@lumen.test`, password: 'solo-pass-12345', firstName: 'Solo', lastName: 'User' })
    expect(m.result.auth.isAuthenticated.value).toBe(true)
    await until(() => m.result.lic.status.value !== 'loading' && m.result.exp.status.value !== 'loading', 'answered')
    expect(m.result.lic.status.value).toBe('invalid')
    expect(m.result.exp.status.value).toBe('denied')
    expect(m.result.exp.reason.value).toBe('no_license')
  })

  it('login re-evaluates gates created while signed out', async () => {
    const m = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations(), exp: useFeature('employee_export') }))
    await m.lumen.ready
    expect(m.result.exp.status.value).toBe('denied')
    await m.result.auth.login(DEMO.email, DEMO.password)
    await until(() => m.result.exp.status.value === 'allowed', 'allowed after login')
  })

  it('restored on a new app instance: gates resolve for the restored session', async () => {
    const first = await inAcme(() => useFeature('advanced_reports'), { storage: 'local' })
    await until(() => first.result.x.status.value === 'allowed', 'first allowed')
    first.unmount()
    const second = t.mount(() => ({ orgs: useOrganizations(), reports: useFeature('advanced_reports'), lic: useLicense() }), { storage: 'local' })
    await second.lumen.ready
    expect(useLumenStore().status).toBe('authenticated')
    await until(() => second.result.lic.status.value === 'valid', 'restored license')
    expect(second.result.orgs.activeOrganizationId.value).toBe(ACME.id)
    expect(second.result.reports.status.value).toBe('allowed')
  })
})

describe('one request per org+product, cache and revalidation', () => {
  it('100 components asking for features of one product → 1 license request per org', async () => {
    const names = ['advanced_reports', 'sso', 'seats', 'employee_export']
    const Child = defineComponent({ props: { f: { type: String, required: true } }, setup: (p) => (useFeature(() => p.f), () => h('i')) })
    const Many = defineComponent({ setup: () => () => Array.from({ length: 100 }, (_, i) => h(Child, { f: names[i % names.length]! })) })
    const m = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations() }))
    await m.lumen.ready
    // Render the 100 gates inside the same app (same context) through a nested component tree.
    const host = document.createElement('div')
    const { render, createVNode } = await import('vue')
    const vnode = createVNode(Many)
    vnode.appContext = m.app._context
    render(vnode, host)
    try {
      const orgRequests = (org: string) => t.requests.filter((r, i) => r === LICENSE_GET && t.orgHeaders[i] === org).length
      await m.result.auth.login(DEMO.email, DEMO.password)
      const first = m.result.orgs.activeOrganizationId.value!
      await until(() => orgRequests(first) >= 1, 'license requested after login')
      const other = first === ACME.id ? GLOBEX.id : ACME.id
      await m.result.orgs.switchOrg(other)
      await until(() => orgRequests(other) >= 1, 'license requested after the switch')
      await new Promise((r) => setTimeout(r, 200))
      expect(orgRequests(first)).toBe(1)
      expect(orgRequests(other)).toBe(1)
    } finally {
      render(null, host)
    }
  })

  it('cached: a second useLicense() within the TTL makes no request', async () => {
    const m = await inAcme(() => useLicense())
    await until(() => m.result.x.status.value === 'valid', 'valid')
    const n = count(LICENSE_GET)
    const again = m.lumen.runWithContext(() => useLicense())
    expect(again.status.value).toBe('valid')
    window.dispatchEvent(new Event('focus')) // focus within the TTL: still fresh
    await new Promise((r) => setTimeout(r, 100))
    expect(count(LICENSE_GET)).toBe(n)
  })

  it('refresh() re-checks now', async () => {
    const m = await inAcme(() => useLicense())
    await until(() => m.result.x.status.value === 'valid', 'valid')
    const n = count(LICENSE_GET)
    await m.result.x.refresh()
    expect(count(LICENSE_GET)).toBe(n + 1)
  })

  it('after the TTL, window focus revalidates in the background (stale-while-revalidate)', async () => {
    const m = await inAcme(() => useLicense(), { ttl: 100 })
    await until(() => m.result.x.status.value === 'valid', 'valid')
    const n = count(LICENSE_GET)
    await new Promise((r) => setTimeout(r, 150))
    window.dispatchEvent(new Event('focus'))
    expect(m.result.x.status.value).toBe('valid') // served stale meanwhile
    await until(() => count(LICENSE_GET) > n, 'revalidated on focus', 2000)
  })

  it('a PaywallError (402) from any call re-fetches the license', async () => {
    const m = await inAcme(() => useLicense())
    await until(() => m.result.x.status.value === 'valid', 'valid')
    const n = count(LICENSE_GET)
    await t.emu.fault({ route: '/auth/me', method: 'GET', status: 402, times: 1, error: { code: 'PAYWALL', message: 'Upgrade', product: PRODUCT, feature: 'sso' } })
    const err = await m.result.auth.refreshUser().catch((e: unknown) => e)
    expect(isPaywallError(err)).toBe(true)
    await until(() => count(LICENSE_GET) > n, 're-fetched after 402', 2000)
  })
})

describe('failures are error, never denied', () => {
  it('no answer ever (network error): status error, not denied; useLicense error', async () => {
    await t.emu.fault({ route: '/licenses/*', dropConnection: true })
    const m = await inAcme(() => ({ reports: useFeature('advanced_reports'), lic: useLicense() }))
    await until(() => m.result.x.reports.status.value !== 'loading', 'answered', 8000)
    expect(m.result.x.reports.status.value).toBe('error')
    expect(m.result.x.reports.isEnabled.value).toBe(false)
    expect(m.result.x.lic.status.value).toBe('error')
    expect(m.result.x.lic.error.value).not.toBeNull()
  })

  it('a 5xx after a good answer keeps the last good answer, marked stale', async () => {
    const m = await inAcme(() => ({ reports: useFeature('advanced_reports'), lic: useLicense() }))
    await until(() => m.result.x.reports.status.value === 'allowed', 'allowed')
    await t.emu.fault({ route: '/licenses/*', status: 503 })
    await m.result.x.lic.refresh().catch(() => undefined)
    expect(m.result.x.reports.status.value).toBe('allowed')
    expect(m.result.x.lic.status.value).toBe('valid')
    expect(m.result.x.lic.isStale.value).toBe(true)
    await t.emu.clearFaults()
    await m.result.x.lic.refresh()
    expect(m.result.x.lic.isStale.value).toBe(false)
  })
})
