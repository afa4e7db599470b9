import { describe, expect, it } from 'vitest'
import { computed, createApp, h } from 'vue'
import { createPinia } from 'pinia'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { useOrganizations } from '../../../src/composables/useOrganizations.js'
import { entitlementKey } from '../../../src/stores/entitlements.js'
import { useLumenStore } from '../../../src/stores/lumen.js'
import { tokenStorageKey } from '../../../src/vue/storage.js'
import { ORG_IDS } from '../vue/fakeApi.js'
import { fakeApiSuite, testLumen, until, withSetup } from '../vue/helpers.js'

const { api, mount } = fakeApiSuite({ clear: ['localStorage'] })

function setup<T>(fn: () => T, options: Parameters<typeof testLumen>[1] = {}) {
  const lumen = testLumen(api.url, options)
  const s = mount(withSetup(() => ({ value: fn(), store: useLumenStore() }), [lumen]))
  return { ...s.result, lumen, app: s.app }
}

describe('restore', () => {
  it('is restoring until it finds no session, then anonymous', async () => {
    const { store, lumen } = setup(() => null)
    expect(store.status).toBe('restoring')
    await lumen.ready
    expect(store.status).toBe('anonymous')
  })

  it('restores from a stored refresh token: refresh, /auth/me, authenticated; only the refresh token persists', async () => {
    const { refreshToken } = api.issue('demo@lumen.test')
    localStorage.setItem(tokenStorageKey(api.url), JSON.stringify({ refreshToken }))
    const { store, lumen } = setup(() => useAuth(), { storage: 'local' })
    expect(store.status).toBe('restoring')
    await lumen.ready
    expect(store.status).toBe('authenticated')
    expect(store.user?.email).toBe('demo@lumen.test')
    expect(api.count('/auth/refresh')).toBe(1)
    const persisted = localStorage.getItem(tokenStorageKey(api.url)) ?? ''
    expect(persisted).toContain('rt_')
    expect(persisted).not.toContain('at_')
    expect(JSON.stringify(store.$state)).not.toMatch(/\b(at|rt)_\d+/)
  })

  it('a dead refresh token ends anonymous', async () => {
    localStorage.setItem(tokenStorageKey(api.url), JSON.stringify({ refreshToken: 'rt_dead' }))
    const { store, lumen } = setup(() => null, { storage: 'local' })
    await lumen.ready
    expect(store.status).toBe('anonymous')
  })
})

describe('auth flows', () => {
  it('login fills user and orgs; no token or password in state, action args or errors', async () => {
    const { value: auth, store, lumen } = setup(() => useAuth())
    await lumen.ready
    const seen: unknown[] = []
    store.$onAction(({ args, after }) => {
      seen.push(args)
      after((r) => seen.push(r))
    })
    await expect(auth.login('demo@lumen.test', 'wrong-pass')).rejects.toMatchObject({ name: 'UnauthorizedError' })
    expect(store.lastError?.code).toBe('INVALID_CREDENTIALS')
    const user = await auth.login('demo@lumen.test', 'lumen-demo-pass')
    expect(user.firstName).toBe('Dana')
    expect(auth.isAuthenticated.value).toBe(true)
    expect(store.activeOrganizationId).toBe('org_acme')
    const dump = JSON.stringify([store.$state, seen, store.lastError])
    expect(dump).not.toContain('lumen-demo-pass')
    expect(dump).not.toContain('wrong-pass')
    expect(dump).not.toMatch(/\b(at|rt)_\d+/)
  })

  it('logout clears the state; a network error on logout still signs out locally', async () => {
    const { value: auth, store, lumen } = setup(() => useAuth())
    await lumen.ready
    await auth.login('demo@lumen.test', 'lumen-demo-pass')
    api.hook = (c) => (c.path === '/auth/logout' ? 'network' : undefined)
    await auth.logout()
    expect(store.status).toBe('anonymous')
    expect(store.user).toBeNull()
    expect(store.entitlements).toEqual({})
  })

  it('uploadPhoto and deletePhoto re-hydrate the reactive user', async () => {
    const { value: auth, lumen } = setup(() => useAuth())
    await lumen.ready
    await auth.login('demo@lumen.test', 'lumen-demo-pass')
    const progress: number[] = []
    await auth.uploadPhoto(new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), { onProgress: (f) => progress.push(f) })
    expect(auth.user.value?.photoUrl).toMatch(/\/assets\/ast_\d+\/content$/)
    expect(progress).toEqual([0, 1])
    await auth.deletePhoto()
    expect(auth.user.value?.photoUrl).toBeNull()
  })

  it('an upload the caller aborts rejects, changes nothing and leaves no error; a failed one does', async () => {
    const { value: auth, lumen } = setup(() => useAuth())
    await lumen.ready
    await auth.login('demo@lumen.test', 'lumen-demo-pass')
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' })
    const cancel = new AbortController()
    const upload = auth.uploadPhoto(png, { signal: cancel.signal })
    cancel.abort()
    await expect(upload).rejects.toThrow()
    expect(auth.error.value).toBeNull()
    expect(auth.user.value?.photoUrl).toBeNull()
    await expect(auth.uploadPhoto(new Blob(['not an image'], { type: 'text/plain' }))).rejects.toThrow()
    expect(auth.error.value?.status).toBe(415)
  })
})

describe('organizations', () => {
  it('a switch to an org never loaded flips its gates once: the new license loads before the org shows', async () => {
    const { value, store, lumen } = setup(() => ({ orgs: useOrganizations(), license: useLicense() }))
    await lumen.ready
    await useAuthLogin(lumen)
    await until(() => value.license.status.value === 'valid')
    api.hook = (c) => (c.path.startsWith('/licenses/') ? 40 : undefined)
    const seen: string[] = []
    store.$subscribe(() => seen.push(`${store.activeOrganizationId}:${value.license.status.value}:${value.license.license.value?.tier ?? '-'}`), { flush: 'sync' })
    await value.orgs.switchOrg(ORG_IDS[1]!)
    // While the old org is shown its answer stays; then the new org comes with its answer.
    expect(new Set(seen)).toEqual(new Set([`org_acme:valid:pro`, `${ORG_IDS[1]}:valid:starter`]))
    expect(api.calls.filter((c) => c.path.startsWith('/licenses/') && c.org === ORG_IDS[1])).toHaveLength(1)
  })

  it('20 rapid switches end on the last org with no stale write', async () => {
    const { value: orgs, store, lumen } = setup(() => ({ orgs: useOrganizations(), license: useLicense() }))
    await lumen.ready
    await useAuthLogin(lumen)
    await until(() => orgs.license.status.value === 'valid')
    // Every switch answers slower than the next one is asked for; earlier ones slower still.
    api.hook = (c) => (c.path === '/auth/switch-org' ? 30 : c.path.startsWith('/licenses/') ? 20 : undefined)
    const writes: string[] = []
    store.$subscribe(() => writes.push(store.activeOrganizationId ?? 'null'))
    const all = ORG_IDS.map((id) => orgs.orgs.switchOrg(id))
    expect(orgs.orgs.isSwitching.value).toBe(true)
    await Promise.all(all)
    const last = ORG_IDS.at(-1)!
    expect(store.activeOrganizationId).toBe(last)
    expect(lumen.store?.switchingTo).toBeNull()
    await until(() => orgs.license.license.value?.organizationId === last)
    // Intermediate orgs never became active and never got a license request or cache entry.
    expect(new Set(writes.filter((w) => w !== 'org_acme'))).toEqual(new Set([last]))
    const licenseOrgs = api.calls.filter((c) => c.path.startsWith('/licenses/')).map((c) => c.org)
    expect(licenseOrgs.filter((o) => o !== 'org_acme' && o !== last)).toEqual([])
    expect(Object.keys(store.entitlements).sort()).toEqual([entitlementKey('org_acme', 'lumen-hr'), entitlementKey(last, 'lumen-hr')].sort())
    expect(api.count('/auth/switch-org')).toBeLessThan(5)
  })

  it("a switch aborts the old org's license request in flight; its answer is never written", async () => {
    const { value: license, store, lumen } = setup(() => useLicense())
    await lumen.ready
    api.hook = (c) => (c.path.startsWith('/licenses/') && c.org === 'org_acme' ? 300 : undefined)
    await useAuthLogin(lumen)
    await until(() => api.count('/licenses/') === 1)
    expect(license.status.value).toBe('loading')
    await store.switchOrg('org_globex')
    await until(() => license.tier.value === 'starter')
    await new Promise((r) => setTimeout(r, 350))
    expect(store.entitlements[entitlementKey('org_acme', 'lumen-hr')]?.data ?? null).toBeNull()
    expect(license.license.value?.organizationId).toBe('org_globex')
  })

  it('a failed switch keeps the current org and reports the error', async () => {
    const { value: orgs, store, lumen } = setup(() => useOrganizations())
    await lumen.ready
    await useAuthLogin(lumen)
    await expect(orgs.switchOrg('org_nope')).rejects.toMatchObject({ status: 403 })
    expect(store.activeOrganizationId).toBe('org_acme')
    expect(orgs.isSwitching.value).toBe(false)
    expect(store.lastError?.code).toBe('NOT_A_MEMBER')
  })
})

describe('a failed switch', () => {
  it("re-asks for the current org's license whose request it aborted", async () => {
    const { value: license, store, lumen } = setup(() => useLicense())
    await lumen.ready
    api.hook = (c) => (c.path.startsWith('/licenses/') ? 100 : undefined)
    await useAuthLogin(lumen)
    await until(() => api.count('/licenses/') === 1)
    await expect(store.switchOrg('org_nope')).rejects.toMatchObject({ status: 403 })
    await until(() => license.status.value === 'valid', 1000, 'license after the failed switch')
    expect(license.tier.value).toBe('pro')
  })
})

describe('plugin', () => {
  it('without Pinia: a clear error that says what to do', () => {
    const app = createApp({ render: () => h('div') })
    expect(() => app.use(testLumen(api.url))).toThrow(/\[lumen-account\].*app\.use\(createPinia\(\)\)/)
  })

  it('composables outside any app throw a [lumen-account] error naming the caller', async () => {
    const { useFeature } = await import('../../../src/composables/useFeature.js')
    const { setActivePinia } = await import('pinia')
    setActivePinia(undefined as never)
    expect(() => useFeature('sso')).toThrow(/\[lumen-account\] useFeature\(\) needs the plugin/)
  })

  it("composables work inside the app's own Pinia stores", async () => {
    const { defineStore } = await import('pinia')
    const useCartStore = defineStore('cart', () => {
      const { user } = useAuth()
      const { activeOrganizationId } = useOrganizations()
      return { owner: computed(() => `${user.value?.email ?? '-'}@${activeOrganizationId.value ?? '-'}`) }
    })
    const { value: cart, lumen } = setup(() => useCartStore())
    await lumen.ready
    expect(cart.owner).toBe('-@-')
    await useAuthLogin(lumen)
    expect(cart.owner).toBe('demo@lumen.test@org_acme')
  })

  it('composables work outside components: lumen.runWithContext and plain modules after install', async () => {
    const lumen = testLumen(api.url)
    const app = createApp({ render: () => h('div') })
    app.use(createPinia()).use(lumen)
    app.mount(document.createElement('div'))
    await lumen.ready
    const auth = lumen.runWithContext(() => useAuth())
    await auth.login('demo@lumen.test', 'lumen-demo-pass')
    // A plain module (no injection context): found through the active Pinia's app.
    expect(useOrganizations().activeOrganizationId.value).toBe('org_acme')
    app.unmount()
  })
})

async function useAuthLogin(lumen: { runWithContext<T>(fn: () => T): T }) {
  await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
}
