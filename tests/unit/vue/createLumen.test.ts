// createLumen's options and the store's shape, against a real local HTTP API.
import { describe, expect, it } from 'vitest'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { LumenAccountClient } from '../../../src/client/client.js'
import type { StoredTokens, TokenStorage } from '../../../src/client/storage.js'
import { useLumenContext } from '../../../src/stores/context.js'
import type { LumenClientLike } from '../../../src/stores/types.js'
import { useLumenStore } from '../../../src/stores/lumen.js'
import { createLumen } from '../../../src/vue/createLumen.js'
import type { LumenOptions } from '../../../src/vue/createLumen.js'
import { tokenStorageKey } from '../../../src/vue/storage.js'
import { openTabChannel, tabChannelName } from '../../../src/vue/tabSync.js'
import { fakeApiSuite, until, withSetup } from './helpers.js'

const { api, mount } = fakeApiSuite({ clear: ['localStorage', 'sessionStorage'] })

/** createLumen with nothing but what the test names (no storage or tabSync overrides). */
async function signIn(options: Partial<LumenOptions> = {}) {
  const lumen = createLumen({ baseUrl: api.url, product: 'lumen-hr', clientOptions: { retry: false }, ...options })
  const s = mount(withSetup(() => ({ auth: useAuth(), license: useLicense(), store: useLumenStore() }), [lumen]))
  await lumen.ready
  await s.result.auth.login('demo@lumen.test', 'lumen-demo-pass')
  return { ...s.result, lumen }
}

const persisted = () => JSON.stringify({ ...localStorage, ...sessionStorage })

describe('storage', () => {
  it("defaults to 'local': only the refresh token, under a key namespaced by baseUrl", async () => {
    await signIn({ baseUrl: `${api.url}/` })
    const raw = localStorage.getItem(tokenStorageKey(api.url))
    expect(JSON.parse(raw ?? 'null')).toEqual({ refreshToken: expect.stringMatching(/^lumen_rt_/) })
    expect(tokenStorageKey(api.url)).toContain(api.url)
    expect(sessionStorage.length).toBe(0)
  })

  it("'session' uses sessionStorage the same way", async () => {
    await signIn({ storage: 'session' })
    expect(JSON.parse(sessionStorage.getItem(tokenStorageKey(api.url)) ?? 'null')).toEqual({ refreshToken: expect.stringMatching(/^lumen_rt_/) })
    expect(localStorage.length).toBe(0)
  })

  it("'memory' persists nothing", async () => {
    const { auth } = await signIn({ storage: 'memory' })
    expect(auth.isAuthenticated.value).toBe(true)
    expect(localStorage.length + sessionStorage.length).toBe(0)
  })

  it('a TokenStorage object is used as given', async () => {
    let stored: StoredTokens | null = null
    const custom: TokenStorage = { get: () => stored, set: (t) => void (stored = t), clear: () => void (stored = null) }
    await signIn({ storage: custom })
    expect(stored).toMatchObject({ refreshToken: expect.stringMatching(/^lumen_rt_/) })
    expect(persisted()).toBe('{}')
  })
})

it('tab sync is on by default', async () => {
  const seen: string[] = []
  const spy = openTabChannel(tabChannelName(api.url), (m) => seen.push(m.type))
  await signIn()
  await until(() => seen.includes('login'), 1000, 'login message')
  spy?.close()
})

it("the store: id 'lumen', state names, license summaries, entitlements with status and time; no token anywhere", async () => {
  const { store, license } = await signIn()
  await until(() => license.status.value === 'valid')
  expect(store.$id).toBe('lumen')
  expect(Object.keys(store.$state)).toEqual(
    expect.arrayContaining(['status', 'user', 'organizations', 'activeOrganizationId', 'licenses', 'entitlements', 'lastError']),
  )
  expect(store.status).toBe('authenticated')
  expect(store.licenses).toContainEqual(expect.objectContaining({ organizationId: 'org_acme', productSlug: 'lumen-hr', tier: 'pro' }))
  expect(store.entitlements['org_acme:lumen-hr']).toMatchObject({ status: 'success', updatedAt: expect.any(Number), stale: false, error: null })
  expect(JSON.stringify(store.$state)).not.toMatch(/\b(at|rt)_\d+/)
})

describe('the client createLumen builds', () => {
  const SEED_AND_SERVICE = ['service', 'login', 'register', 'requestPasswordReset', 'resetPassword', 'acceptInvitation', 'getSessions', 'revokeSession', 'verifyToken', 'checkLicense', 'reportUsage']

  it('is a user-mode client without the service namespace or the flat seed methods, and signs in', async () => {
    const { auth, license, lumen } = await signIn({ storage: 'memory', clientOptions: { retry: false, allowedOrigins: [api.url] } })
    await until(() => license.status.value === 'valid')
    const client = lumen.runWithContext(() => useLumenContext('test').client) as LumenClientLike & Record<string, unknown>
    expect(client).not.toBeInstanceOf(LumenAccountClient)
    for (const name of SEED_AND_SERVICE) expect(client, name).not.toHaveProperty(name)
    expect(client.mode).toBe('user')
    expect(client.baseUrl).toBe(api.url)
    expect(auth.isAuthenticated.value).toBe(true)
    expect(await client.getAccessToken()).toMatch(/^\S+$/)
    // `client.fetch` stays: the app's own API with the user's token.
    const res = await (client.fetch as LumenAccountClient['fetch'])(`${api.url}/api/v1/auth/me`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ user: { email: 'demo@lumen.test' } })
    // No token or core on the instance.
    expect(JSON.stringify(client)).not.toMatch(/lumen_rt_|Bearer/)
    expect(Object.keys(client).sort()).toEqual(['assets', 'auth', 'licenses', 'me', 'products'])
  })

  it('a LumenAccountClient passed as `client` is used as given, service namespace and all', async () => {
    const given = new LumenAccountClient({ baseUrl: api.url, retry: false })
    const { auth, license, lumen } = await signIn({ client: given })
    const client = lumen.runWithContext(() => useLumenContext('test').client)
    expect(client).toBe(given)
    for (const name of SEED_AND_SERVICE) expect(typeof (given as unknown as Record<string, unknown>)[name], name).toBe(name === 'service' ? 'object' : 'function')
    expect(auth.isAuthenticated.value).toBe(true)
    await until(() => license.status.value === 'valid')
  })
})
