// @vitest-environment happy-dom
// The Vue layer against the real emulator, in a DOM (CORS as a browser sees it).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createPinia } from 'pinia'
import { createApp, defineComponent, h, nextTick } from 'vue'
import type { Plugin } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { useOrganizations } from '../../../src/composables/useOrganizations.js'
import { useSessions } from '../../../src/composables/useSessions.js'
import { createLumen } from '../../../src/vue/createLumen.js'
import type { LumenOptions } from '../../../src/vue/createLumen.js'
import { tokenStorageKey } from '../../../src/vue/storage.js'
import { SEED } from '../../../emulator/seed-data.js'
import { spawnEmulator } from './emulatorProcess.js'
import type { EmulatorProcess } from './emulatorProcess.js'

let emu: EmulatorProcess
const unmounts: Array<() => void> = []
beforeAll(async () => {
  emu = await spawnEmulator()
})
afterAll(() => emu.close())
afterEach(async () => {
  for (const fn of unmounts.splice(0)) fn()
  localStorage.clear()
  await emu.clearFaults()
})

const demo = SEED.users.demo
const wait = async (check: () => boolean, label: string, ms = 3000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${label}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

function mountWith<T>(fn: () => T, options: Partial<LumenOptions> = {}, extra: Plugin[] = []) {
  const lumen = createLumen({ baseUrl: emu.url, product: 'lumen-hr', clientOptions: { retry: false }, ...options })
  let result!: T
  const app = createApp(defineComponent({ setup: () => ((result = fn()), () => h(extra.length ? RouterView : 'div')) }))
  app.use(createPinia()).use(lumen)
  for (const p of extra) app.use(p)
  app.mount(document.createElement('div'))
  unmounts.push(() => app.unmount())
  return { result, lumen }
}

describe('Vue layer × emulator', () => {
  it('login, features per org, org switch, logout', async () => {
    const { result, lumen } = mountWith(() => ({
      auth: useAuth(), orgs: useOrganizations(), license: useLicense(), reports: useFeature('advanced_reports'), seats: useFeature('seats'),
    }))
    await lumen.ready
    expect(result.auth.isAuthenticated.value).toBe(false)
    await result.auth.login(demo.email, SEED.password)
    expect(result.auth.user.value?.firstName).toBe(demo.firstName)
    expect(result.orgs.organizations.value.map((o) => o.id).sort()).toEqual([SEED.orgs.acme.id, SEED.orgs.globex.id].sort())
    if (result.orgs.activeOrganizationId.value !== SEED.orgs.acme.id) await result.orgs.switchOrg(SEED.orgs.acme.id)
    await wait(() => result.reports.status.value === 'allowed', 'acme reports')
    expect(result.license.tier.value).toBe('pro')
    expect(result.seats.usage.value).toBe(12)
    expect(result.seats.limit.value).toBe(25) // the license's unitCount (25 seats) caps the tier's 50

    await result.orgs.switchOrg(SEED.orgs.globex.id)
    expect(result.orgs.activeOrganization.value?.name).toBe('Globex')
    await wait(() => result.license.tier.value === 'starter', 'globex license')
    expect(result.license.isTrial.value).toBe(true)
    expect(result.license.remainingDays.value).toBeGreaterThan(0)
    expect(result.reports.status.value).toBe('denied')
    expect(result.reports.reason.value).toBe('not_in_tier')
    await wait(() => result.reports.requiredTier.value === 'pro', 'requiredTier from /products')

    await result.auth.logout()
    expect(result.auth.user.value).toBeNull()
    expect(result.reports.status.value).toBe('denied')
    expect(result.reports.reason.value).toBe('no_license')
  })

  it('restores a session from the stored refresh token after a "reload"', async () => {
    const first = mountWith(() => useAuth(), { storage: 'local' })
    await first.lumen.ready
    await first.result.login(demo.email, SEED.password)
    unmounts.pop()!() // the tab is reloaded: memory is gone, localStorage stays
    const persisted = localStorage.getItem(tokenStorageKey(emu.url)) ?? ''
    expect(JSON.parse(persisted)).toEqual({ refreshToken: expect.any(String) })
    const second = mountWith(() => useAuth(), { storage: 'local' })
    expect(second.lumen.store?.status).toBe('restoring')
    await second.lumen.ready
    expect(second.result.user.value?.email).toBe(demo.email)
  })

  it('a network error on the license check keeps the last good answer, marked stale', async () => {
    const { result, lumen } = mountWith(() => ({ auth: useAuth(), reports: useFeature('advanced_reports'), orgs: useOrganizations() }))
    await lumen.ready
    await result.auth.login(demo.email, SEED.password)
    if (result.orgs.activeOrganizationId.value !== SEED.orgs.acme.id) await result.orgs.switchOrg(SEED.orgs.acme.id)
    await wait(() => result.reports.status.value === 'allowed', 'allowed')
    await emu.fault({ route: '/licenses/*', dropConnection: true })
    await result.reports.refresh()
    expect(result.reports.status.value).toBe('allowed')
    expect(result.reports.isStale.value).toBe(true)
  })

  it('two tabs: logout in one signs the other out', async () => {
    const a = mountWith(() => useAuth(), { storage: 'local' })
    const b = mountWith(() => useAuth(), { storage: 'local' })
    await Promise.all([a.lumen.ready, b.lumen.ready])
    await a.result.login(demo.email, SEED.password)
    await wait(() => b.result.isAuthenticated.value, 'B follows the login')
    await a.result.logout()
    await wait(() => !b.result.isAuthenticated.value, 'B follows the logout', 1000)
  })

  it('the guard waits for a restore on a deep link, then lets it through', async () => {
    const login = await emu.login(demo.email, SEED.password)
    localStorage.setItem(tokenStorageKey(emu.url), JSON.stringify({ refreshToken: login.refreshToken }))
    await emu.fault({ route: '/auth/refresh', delayMs: 200, times: 1 })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: { render: () => h('p', 'home') } },
        { path: '/login', component: { render: () => h('p', 'login') } },
        { path: '/reports', component: { render: () => h('p', 'reports') }, meta: { requiresAuth: true } },
      ],
    })
    const { lumen } = mountWith(() => null, { storage: 'local', router, guard: { loginRoute: '/login' } }, [router])
    await router.push('/reports')
    expect(router.currentRoute.value.path).toBe('/reports')
    expect(lumen.store?.status).toBe('authenticated')
  })

  it('sessions: list and revoke the others', async () => {
    await emu.login(demo.email, SEED.password) // another device
    const { result, lumen } = mountWith(() => ({ auth: useAuth(), sessions: useSessions() }))
    await lumen.ready
    await result.auth.login(demo.email, SEED.password)
    await wait(() => result.sessions.sessions.value.length >= 2, 'sessions listed')
    await result.sessions.revokeOthers()
    expect(result.sessions.sessions.value.filter((s) => !s.current)).toEqual([])
    await nextTick()
  })

  it('profile picture upload and delete update the reactive user', async () => {
    const { result, lumen } = mountWith(() => useAuth())
    await lumen.ready
    await result.login(demo.email, SEED.password)
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))
    await result.uploadPhoto(new File([png], 'me.png', { type: 'image/png' }))
    expect(result.user.value?.photoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/assets\/.+\/content$/)
    await result.deletePhoto()
    expect(result.user.value?.photoUrl).toBeNull()
  })
})
