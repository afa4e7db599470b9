import { describe, expect, it } from 'vitest'
import { createPinia } from 'pinia'
import { createApp, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { RouteRecordRaw } from 'vue-router'
import { useAuth } from '../../../src/composables/useAuth.js'
import { createLumenGuard, safeReturnTo } from '../../../src/vue/guard.js'
import { tokenStorageKey } from '../../../src/vue/storage.js'
import { fakeApiSuite, testLumen } from './helpers.js'

const { api, mount } = fakeApiSuite({ clear: ['localStorage'] })

const Page = (name: string) => ({ name, render: () => h('p', name) })
const routes: RouteRecordRaw[] = [
  { path: '/', component: Page('home') },
  { path: '/login', component: Page('login'), meta: { guestOnly: true } },
  { path: '/forbidden', component: Page('forbidden') },
  { path: '/account', component: Page('account'), meta: { requiresAuth: true } },
  { path: '/reports', component: Page('reports'), meta: { requiresLicense: 'lumen-hr', requiresFeature: 'advanced_reports' } },
  { path: '/sso', component: Page('sso'), meta: { requiresFeature: 'sso' } },
  { path: '/pro', component: Page('pro'), meta: { requiresLicense: true, minTier: 'pro' } },
  { path: '/enterprise', component: Page('enterprise'), meta: { minTier: 'enterprise' } },
]

function boot(options: { viaOption?: boolean; storage?: 'local' | 'memory' } = {}) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  const lumen = testLumen(api.url, {
    storage: options.storage ?? 'memory',
    ...(options.viaOption ? { router, guard: { loginRoute: '/login', forbiddenRoute: { path: '/forbidden' } } } : {}),
  })
  if (!options.viaOption) router.beforeEach(createLumenGuard({ loginRoute: '/login', forbiddenRoute: { path: '/forbidden' } }))
  const app = createApp({ render: () => h(RouterView) })
  app.use(createPinia()).use(lumen).use(router)
  app.mount(document.createElement('div'))
  mount(app)
  const login = () => lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
  return { router, lumen, login }
}

describe('createLumenGuard', () => {
  it('sends signed-out users to login with a returnTo, and back after login', async () => {
    const { router, lumen, login } = boot()
    await lumen.ready
    await router.push('/account?tab=2')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(router.currentRoute.value.query.returnTo).toBe('/account?tab=2')
    await login()
    await router.push('/login?returnTo=%2Faccount')
    expect(router.currentRoute.value.fullPath).toBe('/account')
    await router.push('/login?returnTo=%2F%2Fevil.com')
    expect(router.currentRoute.value.fullPath).toBe('/')
  })

  it('a deep link while restoring waits for the restore instead of redirecting', async () => {
    const { refreshToken } = api.issue('demo@lumen.test')
    localStorage.setItem(tokenStorageKey(api.url), JSON.stringify({ refreshToken }))
    api.hook = (c) => (c.path === '/auth/refresh' ? 150 : undefined)
    const { router, lumen } = boot({ storage: 'local', viaOption: true })
    expect(lumen.store?.status).toBe('restoring')
    await router.push('/account')
    expect(router.currentRoute.value.path).toBe('/account')
    expect(lumen.store?.status).toBe('authenticated')
  })

  it('gates on license, feature and tier; forbidden says why', async () => {
    const { router, lumen, login } = boot({ viaOption: true })
    await lumen.ready
    await login()
    await router.push('/reports')
    expect(router.currentRoute.value.path).toBe('/reports')
    await router.push('/pro')
    expect(router.currentRoute.value.path).toBe('/pro')
    await router.push('/sso')
    expect(router.currentRoute.value.fullPath).toBe('/forbidden?reason=not_in_tier&product=lumen-hr&feature=sso')
    await router.push('/enterprise')
    expect(router.currentRoute.value.query.reason).toBe('tier_too_low')
  })

  it('a license check that cannot be answered never lets the route through', async () => {
    const { router, lumen, login } = boot()
    await lumen.ready
    await login()
    api.hook = (c) => (c.path.startsWith('/licenses/') ? 'network' : undefined)
    await router.push('/reports')
    expect(router.currentRoute.value.query.reason).toBe('error')
  })
})

describe('createLumenGuard without forbiddenRoute', () => {
  it('cancels a forbidden navigation and stays where it was', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    router.beforeEach(createLumenGuard({ loginRoute: '/login' }))
    const lumen = testLumen(api.url)
    const app = createApp({ render: () => h(RouterView) })
    app.use(createPinia()).use(lumen).use(router)
    app.mount(document.createElement('div'))
    mount(app)
    await lumen.ready
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await router.push('/account')
    expect(await router.push('/sso')).toBeTruthy() // a NavigationFailure
    expect(router.currentRoute.value.path).toBe('/account')
  })

  it('a denied deep link (the first navigation of a page load) goes home instead of a blank page; a denied home stays cancelled', async () => {
    /** A signed-in app whose router starts at `path` (a page load), the guard without forbiddenRoute. */
    async function pageLoad(path: string, appRoutes: RouteRecordRaw[]) {
      const lumen = testLumen(api.url)
      const app = createApp({ render: () => h(RouterView) })
      app.use(createPinia()).use(lumen)
      await lumen.ready
      await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
      const history = createMemoryHistory()
      history.replace(path)
      const router = createRouter({ history, routes: appRoutes })
      router.beforeEach(createLumenGuard({ loginRoute: '/login' }))
      app.use(router)
      const el = document.createElement('div')
      app.mount(el)
      mount(app)
      return { router, el }
    }
    const { router, el } = await pageLoad('/sso', routes) // Acme is on Pro: no SSO
    await router.isReady()
    expect(router.currentRoute.value.matched.map((r) => r.path)).toEqual(['/']) // a real route, not vue-router's start
    expect(el.textContent).toBe('home')

    // Home itself denied on a page load: cancelled, never a redirect loop.
    const gatedHome = await pageLoad('/', [{ path: '/', component: Page('home'), meta: { requiresFeature: 'sso' } }])
    await gatedHome.router.isReady().catch(() => undefined)
    expect(gatedHome.router.currentRoute.value.matched).toEqual([])
    expect(gatedHome.el.textContent).toBe('')
  })
})

describe('safeReturnTo', () => {
  it.each(['/a', '/a/b?c=d#e', '/%2F%2Fevil.com'])('keeps same-origin path %s', (p) => {
    expect(safeReturnTo(p)).toBe(p)
  })
  it.each([
    '//evil.com', '///evil.com', '/\\evil.com', '\\\\evil.com', 'https://evil.com', 'http:/evil.com', 'javascript:alert(1)',
    'evil.com', '', '/\tevil', '/\n/evil.com', ' /a', null, undefined, 42, ['//evil.com'],
  ])('rejects %j', (p) => {
    expect(safeReturnTo(p)).toBeNull()
  })
  it('takes the first of a repeated query value', () => {
    expect(safeReturnTo(['/ok', '//evil.com'])).toBe('/ok')
  })
})
