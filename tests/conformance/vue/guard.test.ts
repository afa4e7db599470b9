// @vitest-environment happy-dom
// Conformance (issue 6, router guard): meta requiresAuth, guestOnly, requiresLicense, requiresFeature,
// minTier; waits for `ready`; a safe `returnTo`.
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Router, RouteRecordRaw } from 'vue-router'
import { createLumenGuard, safeReturnTo, useAuth, useOrganizations } from '../../../src/vue/index.js'
import { ACME, DEMO, GLOBEX, useHarness } from './harness.js'

const t = useHarness()
const Page = defineComponent({ render: () => h('div') })
const routes: RouteRecordRaw[] = [
  { path: '/', component: Page },
  { path: '/login', name: 'login', component: Page, meta: { guestOnly: true } },
  { path: '/upgrade', name: 'upgrade', component: Page },
  { path: '/dashboard', component: Page, meta: { requiresAuth: true } },
  { path: '/hr', component: Page, meta: { requiresLicense: 'lumen-hr' } },
  { path: '/hr-default', component: Page, meta: { requiresLicense: true } },
  { path: '/crm', component: Page, meta: { requiresLicense: 'lumen-crm' } },
  { path: '/reports', component: Page, meta: { requiresFeature: 'advanced_reports' } },
  { path: '/sso', component: Page, meta: { requiresFeature: 'sso' } },
  { path: '/pro', component: Page, meta: { minTier: 'pro' } },
  { path: '/enterprise', component: Page, meta: { minTier: 'enterprise' } },
]

function newRouter(): Router {
  return createRouter({ history: createMemoryHistory(), routes })
}

/** An app with the guard installed through createLumen's `router` option. */
async function withGuard(options: { storage?: 'local' | 'memory'; forbidden?: boolean; viaOption?: boolean } = {}) {
  const router = newRouter()
  const guard = { loginRoute: { name: 'login' }, ...(options.forbidden === false ? {} : { forbiddenRoute: { name: 'upgrade' } }) }
  const viaOption = options.viaOption ?? true
  const m = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations() }), viaOption ? { storage: options.storage ?? 'memory', router, guard } : { storage: options.storage ?? 'memory' }, [router])
  if (!viaOption) router.beforeEach(createLumenGuard(guard))
  return { ...m, router }
}

async function signIn(m: Awaited<ReturnType<typeof withGuard>>, org = ACME.id) {
  await m.lumen.ready
  await m.result.auth.login(DEMO.email, DEMO.password)
  if (m.result.orgs.activeOrganizationId.value !== org) await m.result.orgs.switchOrg(org)
}

describe('createLumenGuard', () => {
  it('requiresAuth: a signed-out user goes to loginRoute with returnTo (path and query)', async () => {
    const m = await withGuard()
    await m.lumen.ready
    await m.router.push('/dashboard?tab=team')
    expect(m.router.currentRoute.value.name).toBe('login')
    expect(m.router.currentRoute.value.query.returnTo).toBe('/dashboard?tab=team')
  })

  it('requiresAuth: a signed-in user gets through', async () => {
    const m = await withGuard()
    await signIn(m)
    await m.router.push('/dashboard')
    expect(m.router.currentRoute.value.path).toBe('/dashboard')
  })

  it('works when added with router.beforeEach(createLumenGuard(...)) as well', async () => {
    const m = await withGuard({ viaOption: false })
    await m.lumen.ready
    await m.router.push('/dashboard')
    expect(m.router.currentRoute.value.name).toBe('login')
    await m.result.auth.login(DEMO.email, DEMO.password)
    await m.router.push('/dashboard')
    expect(m.router.currentRoute.value.path).toBe('/dashboard')
  })

  it('license rules imply requiresAuth', async () => {
    const m = await withGuard()
    await m.lumen.ready
    await m.router.push('/reports')
    expect(m.router.currentRoute.value.name).toBe('login')
    expect(m.router.currentRoute.value.query.returnTo).toBe('/reports')
  })

  // Signed in to `org`: each `allowed` path opens, `denied` goes to forbiddenRoute with `query`.
  it.each<[string, { org?: string; allowed: string[]; denied: string; query: Record<string, string> }]>([
    [
      'requiresLicense (slug or true for the plugin product) passes in Acme; a product without license → forbidden no_license',
      { allowed: ['/hr', '/hr-default'], denied: '/crm', query: { reason: 'no_license', product: 'lumen-crm' } },
    ],
    [
      'requiresFeature: advanced_reports passes in Acme; sso goes to forbiddenRoute with reason not_in_tier',
      { allowed: ['/reports'], denied: '/sso', query: { reason: 'not_in_tier', feature: 'sso' } },
    ],
    [
      'requiresFeature re-evaluates after switchOrg to Globex (starter): reports forbidden',
      { org: GLOBEX.id, allowed: [], denied: '/reports', query: { reason: 'not_in_tier', feature: 'advanced_reports' } },
    ],
  ])('%s', async (_name, { org, allowed, denied, query }) => {
    const m = await withGuard()
    await signIn(m, org)
    for (const path of allowed) {
      await m.router.push(path)
      expect(m.router.currentRoute.value.path).toBe(path)
    }
    await m.router.push(denied)
    expect(m.router.currentRoute.value.name).toBe('upgrade')
    expect(m.router.currentRoute.value.query).toMatchObject(query)
  })

  it('minTier: pro passes in Acme, enterprise → tier_too_low', async () => {
    const m = await withGuard()
    await signIn(m)
    await m.router.push('/pro')
    expect(m.router.currentRoute.value.path).toBe('/pro')
    await m.router.push('/enterprise')
    expect(m.router.currentRoute.value.name).toBe('upgrade')
    expect(m.router.currentRoute.value.query.reason).toBe('tier_too_low')
  })

  it('without forbiddenRoute a failed license rule cancels the navigation', async () => {
    const m = await withGuard({ forbidden: false })
    await signIn(m)
    await m.router.push('/dashboard')
    await m.router.push('/sso')
    expect(m.router.currentRoute.value.path).toBe('/dashboard')
  })

  it('a license check that cannot be answered never lets the route through', async () => {
    await t.emu.fault({ route: '/licenses/*', status: 503 })
    const m = await withGuard()
    await signIn(m)
    await m.router.push('/reports')
    expect(m.router.currentRoute.value.path).not.toBe('/reports')
  })

  it('guestOnly: a signed-out user stays on the page', async () => {
    const m = await withGuard()
    await m.lumen.ready
    await m.router.push('/login?returnTo=%2Fdashboard')
    expect(m.router.currentRoute.value.name).toBe('login')
  })

  it('guestOnly: a signed-in user goes to a safe returnTo, else home', async () => {
    const m = await withGuard()
    await signIn(m)
    await m.router.push('/login?returnTo=%2Fdashboard')
    expect(m.router.currentRoute.value.path).toBe('/dashboard')
    await m.router.push('/login')
    expect(m.router.currentRoute.value.path).toBe('/')
    await m.router.push('/dashboard')
    await m.router.push('/login?returnTo=%2F%2Fevil.com')
    expect(m.router.currentRoute.value.path).toBe('/')
  })

  it('a deep link while restoring waits for ready instead of bouncing to login', async () => {
    const login = await t.emu.login(DEMO.email, DEMO.password)
    localStorage.setItem(`lumen-account:${t.emu.url}`, JSON.stringify({ refreshToken: login.refreshToken }))
    const m = await withGuard({ storage: 'local' })
    await m.router.push('/dashboard')
    expect(m.router.currentRoute.value.path).toBe('/dashboard')
    expect(m.result.auth.isAuthenticated.value).toBe(true)
  })
})

describe('safeReturnTo', () => {
  it('keeps same-origin relative paths and rejects everything else', () => {
    expect(safeReturnTo('/dashboard?tab=1#x')).toBe('/dashboard?tab=1#x')
    for (const bad of ['//evil.com', '/\\evil.com', 'https://evil.com/x', 'javascript:alert(1)', '/ok\nSet-Cookie', 'dashboard', undefined, null, '']) {
      expect(safeReturnTo(bad as never), JSON.stringify(bad)).toBeFalsy()
    }
  })
})
