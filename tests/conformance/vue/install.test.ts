// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- tiny test apps */
// Conformance (issue 6, "Install" and "The store"): createLumen, ready/dispose, the Pinia store.
import { describe, expect, it } from 'vitest'
import { createPinia, defineStore, getActivePinia } from 'pinia'
import { computed, createApp, defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createLumen, useAuth, useFeature, useLicense, useLumenStore, useOrganizations, useSessions } from '../../../src/vue/index.js'
import { LumenAccountClient } from '../../../src/index.js'
import { ACME, DEMO, PRODUCT, until, useHarness } from './harness.js'

const t = useHarness()

describe('createLumen: install', () => {
  it('returns a plugin with a `ready` promise and a `dispose()` function', () => {
    const lumen = createLumen({ baseUrl: 'http://127.0.0.1:9', product: PRODUCT, storage: 'memory' })
    expect(typeof lumen.install).toBe('function')
    expect(lumen.ready).toBeInstanceOf(Promise)
    expect(typeof lumen.dispose).toBe('function')
  })

  it('without Pinia installed, fails with a clear error that says what to do', () => {
    const app = createApp(defineComponent({ render: () => h('div') }))
    const lumen = createLumen({ baseUrl: t.emu.url, product: PRODUCT, storage: 'memory' })
    let error: unknown
    try {
      app.use(lumen)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/pinia/i)
    expect((error as Error).message).toMatch(/createPinia|app\.use/)
    lumen.dispose()
  })

  it('`ready` resolves with status anonymous when no session is stored', async () => {
    const { lumen } = t.install()
    await lumen.ready
    const store = useLumenStore()
    expect(store.status).toBe('anonymous')
    expect(store.user).toBeNull()
  })

  it('status is `restoring` before `ready`, so nothing flashes', async () => {
    const { lumen } = t.install({ storage: 'local' })
    expect(useLumenStore().status).toBe('restoring')
    await lumen.ready
    expect(useLumenStore().status).not.toBe('restoring')
  })

  it('`ready` never rejects, even when the server is unreachable', async () => {
    const { lumen } = t.install({ baseUrl: 'http://127.0.0.1:9', storage: 'memory' })
    await expect(lumen.ready).resolves.toBeUndefined()
  })

  it('accepts an existing LumenAccountClient (`client` option) and uses it', async () => {
    const client = new LumenAccountClient({ baseUrl: t.emu.url, accessToken: '', retry: false } as ConstructorParameters<typeof LumenAccountClient>[0])
    const { lumen } = t.install({ baseUrl: undefined, client })
    await lumen.ready
    await useAuth().login(DEMO.email, DEMO.password)
    expect(useAuth().isAuthenticated.value).toBe(true)
    const me = await client.me.get()
    expect(me.user.email).toBe(DEMO.email)
  })
})

describe('the store `useLumenStore` (id `lumen`)', () => {
  it('is a Pinia store with id `lumen` and the documented state', async () => {
    const { lumen } = t.install()
    await lumen.ready
    const store = useLumenStore()
    expect(store.$id).toBe('lumen')
    expect(getActivePinia()?.state.value.lumen).toBeDefined()
    for (const key of ['status', 'user', 'organizations', 'activeOrganizationId', 'licenses', 'lastError']) {
      expect(store.$state, key).toHaveProperty(key)
    }
    expect(store.organizations).toEqual([])
    expect(store.activeOrganizationId).toBeNull()
    expect(store.lastError).toBeNull()
  })

  it('after login holds user, organizations, active org and license summaries', async () => {
    const { lumen } = t.install()
    await lumen.ready
    await useAuth().login(DEMO.email, DEMO.password)
    const store = useLumenStore()
    expect(store.status).toBe('authenticated')
    expect(store.user).toMatchObject({ email: DEMO.email, firstName: DEMO.firstName })
    expect(store.organizations.map((o: { id: string }) => o.id)).toContain(ACME.id)
    expect(store.activeOrganizationId).toEqual(expect.any(String))
    expect(store.licenses).toEqual(expect.arrayContaining([expect.objectContaining({ organizationId: ACME.id, productSlug: PRODUCT, tier: 'pro' })]))
  })

  it('never holds a token in its state (access or refresh), even after login, refresh and restore', async () => {
    const first = t.install({ storage: 'local' })
    await first.lumen.ready
    await useAuth().login(DEMO.email, DEMO.password)
    const stored = localStorage.getItem(`lumen-account:${t.emu.url}`)
    expect(stored).toBeTruthy()
    const refreshToken = (JSON.parse(stored!) as { refreshToken: string }).refreshToken
    const license = useLicense()
    await until(() => license.status.value === 'valid', 'license loaded')
    const state = JSON.stringify(useLumenStore().$state)
    expect(state).not.toContain(refreshToken)
    expect(state).not.toMatch(/eyJ[\w-]+\.[\w-]+/) // no JWT
    expect(state).not.toMatch(/token/i)

    first.unmount()
    const second = t.install({ storage: 'local' })
    await second.lumen.ready
    expect(useLumenStore().status).toBe('authenticated')
    const restored = JSON.stringify(useLumenStore().$state)
    expect(restored).not.toMatch(/eyJ[\w-]+\.[\w-]+/)
    expect(restored).not.toContain(refreshToken)
  })

  it('a failed login puts plain error info in `lastError` without the password', async () => {
    const { lumen } = t.install()
    await lumen.ready
    await expect(useAuth().login(DEMO.email, 'wrong-password-123')).rejects.toMatchObject({ status: 401 })
    const store = useLumenStore()
    expect(store.lastError).toMatchObject({ status: 401 })
    expect(JSON.stringify(store.$state)).not.toContain('wrong-password-123')
    expect(store.status).toBe('anonymous')
  })
})

describe('composables outside components', () => {
  it('all five composables work in plain code after install', async () => {
    const { lumen } = t.install()
    await lumen.ready
    const auth = useAuth()
    const orgs = useOrganizations()
    const sessions = useSessions({ immediate: false })
    const license = useLicense()
    const reports = useFeature('advanced_reports')
    await auth.login(DEMO.email, DEMO.password)
    if (orgs.activeOrganizationId.value !== ACME.id) await orgs.switchOrg(ACME.id)
    await until(() => reports.status.value === 'allowed', 'advanced_reports allowed outside a component')
    expect(license.tier.value).toBe('pro')
    await sessions.refresh()
    expect(sessions.sessions.value.length).toBeGreaterThan(0)
  })

  it("in the app's own Pinia store and in a custom router guard", async () => {
    const useReportsStore = defineStore('reports-conformance', () => {
      const reports = useFeature('advanced_reports')
      const auth = useAuth()
      return { canSee: computed(() => reports.status.value === 'allowed'), signedIn: auth.isAuthenticated }
    })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }, { path: '/me', component: { render: () => null } }] })
    const seenInGuard: boolean[] = []
    router.beforeEach(() => {
      seenInGuard.push(useAuth().isAuthenticated.value)
      return true
    })
    const { lumen, app } = t.install()
    app.use(router)
    await lumen.ready
    const reports = useReportsStore()
    expect(reports.signedIn).toBe(false)
    await useAuth().login(DEMO.email, DEMO.password)
    const orgs = useOrganizations()
    if (orgs.activeOrganizationId.value !== ACME.id) await orgs.switchOrg(ACME.id)
    await until(() => reports.canSee, 'the user store sees the gate')
    await router.push('/me')
    expect(seenInGuard.at(-1)).toBe(true)
  })

  it('`runWithContext` gives composables the app context', async () => {
    const { lumen } = t.install()
    await lumen.ready
    const auth = lumen.runWithContext(() => useAuth())
    expect(auth.isAuthenticated.value).toBe(false)
  })

  it('outside any app they throw an error naming the composable and the plugin', () => {
    // A fresh Pinia not attached to an app with the plugin: no Lumen context.
    const app = createApp(defineComponent({ render: () => h('div') }))
    const pinia = createPinia()
    app.use(pinia)
    expect(() => app.runWithContext(() => useFeature('sso'))).toThrow(/useFeature\(\).*plugin|plugin.*useFeature/)
  })
})

describe('dispose', () => {
  it('dispose() is idempotent and the app can still unmount', async () => {
    const { lumen, unmount } = t.install()
    await lumen.ready
    lumen.dispose()
    lumen.dispose()
    expect(() => unmount()).not.toThrow()
  })

  it('mounting and unmounting many apps leaves no BroadcastChannel open', async () => {
    const OriginalBC = globalThis.BroadcastChannel
    let open = 0
    class CountingBC extends OriginalBC {
      constructor(name: string) {
        super(name)
        open++
      }
      override close() {
        open--
        super.close()
      }
    }
    globalThis.BroadcastChannel = CountingBC as typeof BroadcastChannel
    try {
      for (let i = 0; i < 20; i++) {
        const { lumen, unmount } = t.install({ tabSync: true })
        await lumen.ready
        unmount()
      }
      expect(open).toBe(0)
    } finally {
      globalThis.BroadcastChannel = OriginalBC
    }
  })
})
