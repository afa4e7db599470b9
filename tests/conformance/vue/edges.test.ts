// @vitest-environment happy-dom
// Conformance (issue 6): no secret in actions' arguments or errors, reactive inputs, org sync across
// tabs, SSR hydration with initialState, storage namespaced by baseUrl, limit_reached.
import { afterEach, describe, expect, it } from 'vitest'
import { createPinia } from 'pinia'
import { createApp, defineComponent, h, ref } from 'vue'
import type { App } from 'vue'
import { useAuth, useFeature, useLicense, useLumenStore, useOrganizations } from '../../../src/vue/index.js'
import { createTestingLumen, fixtures } from '../../../src/testing/index.js'
import { ACME, DEMO, GLOBEX, PRODUCT, until, useHarness } from './harness.js'

const t = useHarness()
const JWT = /eyJ[\w-]+\.[\w-]+/
const testingApps: App[] = []
afterEach(() => {
  for (const app of testingApps.splice(0)) app.unmount()
})

describe('no secret leaves the token storage', () => {
  it('store actions never receive the password or a token as an argument, nor return one', async () => {
    const { lumen } = t.install()
    await lumen.ready
    const store = useLumenStore()
    const seen: string[] = []
    const stop = store.$onAction(({ name, args, after }) => {
      seen.push(`${name}(${safeJson(args)})`)
      after((value) => seen.push(`${name} -> ${safeJson(value)}`))
    })
    const auth = useAuth()
    await auth.login(DEMO.email, DEMO.password)
    await auth.register({ email: `x-${Date.now()}@lumen.test`, password: 'another-secret-987', firstName: 'X', lastName: 'Y' }).catch(() => undefined)
    await auth.login(DEMO.email, 'a-wrong-secret-654').catch(() => undefined)
    stop()
    const all = seen.join('\n')
    expect(seen.length).toBeGreaterThan(0)
    expect(all).not.toContain(DEMO.password)
    expect(all).not.toContain('another-secret-987')
    expect(all).not.toContain('a-wrong-secret-654')
    expect(all).not.toMatch(JWT)
  })

  it('errors surfaced by the composables contain no token', async () => {
    const m = t.mount(() => ({ auth: useAuth(), lic: useLicense() }), { storage: 'local' })
    await m.lumen.ready
    await m.result.auth.login(DEMO.email, DEMO.password)
    const stored = JSON.parse(localStorage.getItem(`lumen-account:${t.emu.url}`)!) as { refreshToken: string }
    await t.emu.fault({ route: '/auth/me', method: 'GET', status: 500, times: 1 })
    const err = await m.result.auth.refreshUser().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    for (const text of [JSON.stringify(err), String(err), JSON.stringify(m.result.auth.error.value), JSON.stringify(useLumenStore().lastError)]) {
      expect(text).not.toContain(stored.refreshToken)
      expect(text).not.toMatch(JWT)
    }
  })
})

describe('reactive inputs and products', () => {
  it('useFeature product option accepts a ref: another product without license → no_license', async () => {
    const product = ref(PRODUCT)
    const m = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations(), exp: useFeature('employee_export', { product }) }))
    await m.lumen.ready
    await m.result.auth.login(DEMO.email, DEMO.password)
    await until(() => m.result.exp.status.value === 'allowed', 'hr allowed')
    product.value = 'lumen-crm'
    await until(() => m.result.exp.status.value === 'denied', 'crm denied')
    expect(m.result.exp.reason.value).toBe('no_license')
  })

  it('useLicense accepts a getter', async () => {
    const m = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations(), lic: useLicense(() => PRODUCT) }))
    await m.lumen.ready
    await m.result.auth.login(DEMO.email, DEMO.password)
    await until(() => m.result.lic.status.value === 'valid', 'valid')
  })
})

describe('tab sync of the org switch', () => {
  it('an org switch in one app reaches another app of the same baseUrl in under 1 s, licenses follow', async () => {
    const mk = () => t.mount(() => ({ auth: useAuth(), orgs: useOrganizations(), lic: useLicense() }), { storage: 'local' })
    const a = mk()
    const b = mk()
    await Promise.all([a.lumen.ready, b.lumen.ready])
    await a.result.auth.login(DEMO.email, DEMO.password)
    if (a.result.orgs.activeOrganizationId.value !== ACME.id) await a.result.orgs.switchOrg(ACME.id)
    await until(() => b.result.orgs.activeOrganizationId.value === ACME.id, 'B signed in to Acme', 2000)
    await a.result.orgs.switchOrg(GLOBEX.id)
    await until(() => b.result.orgs.activeOrganizationId.value === GLOBEX.id, 'B follows the switch', 1000)
    await until(() => b.result.lic.tier.value === 'starter', "B sees Globex's license")
  })
})

describe('storage is namespaced by baseUrl', () => {
  it('a refresh token stored for another API origin is not used', async () => {
    const login = await t.emu.login(DEMO.email, DEMO.password)
    localStorage.setItem('lumen-account:https://other.example.com', JSON.stringify({ refreshToken: login.refreshToken }))
    const { lumen } = t.install({ storage: 'local' })
    await lumen.ready
    expect(useLumenStore().status).toBe('anonymous')
  })
})

describe('SSR hydration (initialState)', () => {
  it("dehydrate() has no token; a new app with initialState is authenticated at once and ready resolves immediately", async () => {
    const server = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations(), lic: useLicense() }))
    await server.lumen.ready
    await server.result.auth.login(DEMO.email, DEMO.password)
    if (server.result.orgs.activeOrganizationId.value !== ACME.id) await server.result.orgs.switchOrg(ACME.id)
    await until(() => server.result.lic.status.value === 'valid', 'server license')
    const state = server.lumen.dehydrate()
    const json = JSON.stringify(state)
    expect(json).not.toMatch(JWT)
    expect(json).not.toMatch(/refreshToken|accessToken/)
    server.unmount()

    const browser = t.mount(() => ({ auth: useAuth(), reports: useFeature('advanced_reports') }), { initialState: JSON.parse(json) as typeof state })
    expect(useLumenStore().status).toBe('authenticated')
    expect(browser.result.auth.user.value?.email).toBe(DEMO.email)
    expect(browser.result.reports.status.value).toBe('allowed') // first render matches the server's: no flash
    let settled = false
    void browser.lumen.ready.then(() => (settled = true))
    await new Promise((r) => setTimeout(r, 0))
    expect(settled).toBe(true)
  })
})

describe('limits', () => {
  it("a metered feature at its limit: reason 'limit_reached', remaining 0, canUse false, still in the license", () => {
    const lumen = createTestingLumen({ entitlements: { [PRODUCT]: fixtures.entitlement({ tier: 'starter', limits: { seats: 10 }, usage: { seats: 10 } }) } })
    const { result } = mountTesting(lumen, () => useFeature('seats'))
    expect(result.reason.value).toBe('limit_reached')
    expect(result.remaining.value).toBe(0)
    expect(result.canUse.value).toBe(false)
    expect(result.isEnabled.value).toBe(true)
  })

  it('a string limit counts as a number; a missing limit is unlimited (limit null, canUse true)', () => {
    const lumen = createTestingLumen({
      entitlements: { [PRODUCT]: fixtures.entitlement({ tier: 'enterprise', features: { api_calls: true, seats: true }, limits: { api_calls: '100000' }, usage: { api_calls: 5, seats: 999 } }) },
    })
    const { result } = mountTesting(lumen, () => ({ calls: useFeature('api_calls'), seats: useFeature('seats', { amount: 1000 }) }))
    expect(result.calls.limit.value).toBe(100000)
    expect(result.calls.remaining.value).toBe(99995)
    expect(result.seats.limit.value).toBeNull()
    expect(result.seats.canUse.value).toBe(true)
  })
})

/** The testing plugin on its own app (own Pinia); unmounted after the test. */
function mountTesting<T>(lumen: ReturnType<typeof createTestingLumen>, fn: () => T): { result: T } {
  let result!: T
  const app = createApp(defineComponent({ setup: () => ((result = fn()), () => h('div')) }))
  app.use(createPinia()).use(lumen).mount(document.createElement('div'))
  testingApps.push(app)
  return { result }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}
