import { afterEach, describe, expect, it } from 'vitest'
import { createApp, defineComponent, h } from 'vue'
import { createPinia } from 'pinia'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import type { EntitlementResponse } from '../../../src/contract/types.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { fakeApiSuite, testLumen, until, withSetup } from '../vue/helpers.js'

const { api, mount } = fakeApiSuite()
// Runs before the suite's own afterEach (hooks unwind in reverse), as it did inline.
afterEach(() => {
  api.licenses.org_acme!['lumen-hr'] = fixtures.entitlement({ tier: 'pro', organizationId: 'org_acme' })
})

async function signedIn<T>(fn: () => T, options: Parameters<typeof testLumen>[1] = {}) {
  const lumen = testLumen(api.url, options)
  const s = mount(withSetup(fn, [lumen]))
  await lumen.ready
  await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
  return { ...s, lumen }
}

describe('useFeature', () => {
  it('100 components asking for one product make 1 license request', async () => {
    const lumen = testLumen(api.url)
    const Gate = defineComponent({
      setup() {
        const f = useFeature('advanced_reports')
        return () => h('i', f.status.value)
      },
    })
    const app = createApp({ render: () => Array.from({ length: 100 }, (_, i) => h(Gate, { key: i })) })
    const el = document.createElement('div')
    app.use(createPinia()).use(lumen).mount(el)
    await lumen.ready
    expect(el.textContent).toBe('invalid'.replace('invalid', 'denied').repeat(100))
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => el.textContent === 'allowed'.repeat(100))
    expect(api.count('/licenses/lumen-hr')).toBe(1)
    app.unmount()
  })

  it('reports loading, then allowed / denied with reason, limits and requiredTier', async () => {
    api.hook = (c) => (c.path.startsWith('/licenses/') ? 50 : undefined)
    const { result } = await signedIn(() => ({
      reports: useFeature('advanced_reports'),
      sso: useFeature('sso'),
      seats: useFeature('seats', { amount: 40 }),
      calls: useFeature('api_calls', { amount: 100 }),
    }))
    expect(result.reports.status.value).toBe('loading')
    await until(() => result.reports.status.value === 'allowed')
    expect(result.sso.status.value).toBe('denied')
    expect(result.sso.reason.value).toBe('not_in_tier')
    expect(result.sso.upgradeUrl.value).toMatch(/^https:/)
    // The tiers come with the first license answer: known the moment the answer is.
    expect(result.sso.requiredTier.value).toBe('enterprise')
    expect(result.reports.requiredTier.value).toBe('pro')
    expect(result.seats.status.value).toBe('denied')
    expect(result.seats.reason.value).toBe('limit_reached')
    expect(result.seats.isEnabled.value).toBe(true)
    expect(result.seats.remaining.value).toBe(38)
    expect(result.calls.canUse.value).toBe(true)
    expect(result.calls.limit.value).toBe(10000)
    expect(result.calls.usage.value).toBe(930)
    expect(api.count('/products/lumen-hr')).toBe(1)
  })

  it('a slow tier catalog never holds a license answer back (a short grace, then the catalog lands on its own)', async () => {
    api.hook = (c) => (c.path.startsWith('/products/') ? 2_000 : undefined)
    const { result } = await signedIn(() => ({ sso: useFeature('sso'), lic: useLicense() }))
    await until(() => result.sso.status.value === 'denied', 1_500, 'the license answer')
    expect(result.sso.requiredTier.value).toBeNull() // not there yet
    await until(() => result.sso.requiredTier.value === 'enterprise', 4_000, 'the catalog')
    expect(result.lic.hasTier('starter')).toBe(true)
  })

  it('a network error keeps the last good answer (stale); with no answer it is error, never denied', async () => {
    const { result } = await signedIn(() => useFeature('advanced_reports'))
    await until(() => result.status.value === 'allowed')
    api.hook = (c) => (c.path.startsWith('/licenses/') ? 'network' : undefined)
    await result.refresh()
    expect(result.status.value).toBe('allowed')
    expect(result.isStale.value).toBe(true)

    const fresh = await signedIn(() => useFeature('advanced_reports'))
    await until(() => fresh.result.status.value !== 'loading')
    expect(fresh.result.status.value).toBe('error')
    expect(fresh.result.reason.value).toBe('unknown')
    expect(fresh.result.isEnabled.value).toBe(false)
  })

  it('a PaywallError from any call refetches the license', async () => {
    const { result, lumen } = await signedIn(() => useFeature('advanced_reports'))
    await until(() => result.status.value === 'allowed')
    expect(api.count('/licenses/lumen-hr')).toBe(1)
    api.licenses.org_acme!['lumen-hr'] = fixtures.entitlement({ tier: 'starter', organizationId: 'org_acme' })
    api.hook = (c) => (c.path === '/auth/me' ? { status: 402, code: 'PAYWALL' } : undefined)
    await expect(lumen.store!.refreshUser()).rejects.toMatchObject({ name: 'PaywallError' })
    await until(() => result.status.value === 'denied')
    expect(api.count('/licenses/lumen-hr')).toBe(2)
  })
})

describe('useLicense', () => {
  it('cached for the TTL, stale-while-revalidate after it, refetched on focus only after it', async () => {
    const { result } = await signedIn(() => useLicense(), { ttl: 80 })
    await until(() => result.status.value === 'valid')
    window.dispatchEvent(new Event('focus'))
    await new Promise((r) => setTimeout(r, 20))
    expect(api.count('/licenses/lumen-hr')).toBe(1)
    await new Promise((r) => setTimeout(r, 80))
    api.hook = (c) => (c.path.startsWith('/licenses/') ? 50 : undefined)
    window.dispatchEvent(new Event('focus'))
    await until(() => api.count('/licenses/lumen-hr') === 2)
    expect(result.status.value).toBe('valid') // the old answer stays while revalidating
    expect(result.tier.value).toBe('pro')
  })

  it('exposes tier, trial days, expiry and hasTier for the active org', async () => {
    const { result, lumen } = await signedIn(() => useLicense('lumen-hr'))
    await until(() => result.status.value === 'valid')
    expect(result.tier.value).toBe('pro')
    expect(result.isTrial.value).toBe(false)
    // Tiers load on the first hasTier() call; until then only an exact match counts (fails closed).
    expect(result.hasTier('pro')).toBe(true)
    await until(() => result.hasTier('starter'))
    expect(result.hasTier('enterprise')).toBe(false)
    await lumen.store!.switchOrg('org_globex')
    await until(() => result.tier.value === 'starter')
    expect(result.isTrial.value).toBe(true)
    expect(result.remainingDays.value).toBe(5)
    expect(result.isExpiring.value).toBe(true)
    expect(result.hasTier('pro')).toBe(false)
    expect(result.hasTier('starter')).toBe(true)
  })

  it('an expired license: the answer has no status, /auth/me says expired, so the reason is expired (not no license)', async () => {
    // Seeded like the API's data: an invalid license whose record is expired (the kit lists it in /auth/me).
    api.licenses.org_acme!['lumen-hr'] = { ...fixtures.entitlement({ tier: null, organizationId: 'org_acme' }), status: 'expired' } as unknown as EntitlementResponse
    const { result } = await signedIn(() => ({ license: useLicense(), reports: useFeature('advanced_reports') }))
    await until(() => result.license.status.value === 'invalid')
    expect(result.license.license.value?.status).toBeUndefined() // the wire's answer, untouched
    expect(result.license.isExpired.value).toBe(true)
    expect(result.reports.access.value.reason).toBe('expired')
    expect(result.reports.reason.value).toBe('no_license') // useFeature's coarse reason, as documented
    // Renewed: valid again, so not expired, whatever /auth/me said at sign-in.
    api.licenses.org_acme!['lumen-hr'] = fixtures.entitlement({ tier: 'pro', organizationId: 'org_acme' })
    await result.license.refresh()
    await until(() => result.license.status.value === 'valid')
    expect(result.license.isExpired.value).toBe(false)
    expect(result.reports.access.value.reason).toBe('ok')
  })

  it('no license at all (nothing in /auth/me): the reason stays no_license', async () => {
    api.licenses.org_acme!['lumen-hr'] = fixtures.entitlement({ tier: null, organizationId: 'org_acme' })
    const { result } = await signedIn(() => ({ license: useLicense(), reports: useFeature('advanced_reports') }))
    await until(() => result.license.status.value === 'invalid')
    expect(result.license.isExpired.value).toBe(false)
    expect(result.reports.access.value.reason).toBe('no_license')
  })
})
