// @vitest-environment happy-dom
// Conformance (issue 6, useAuth; seed: "In Vue, useAuth() exposes uploadPhoto(file) / deletePhoto()
// which also re-hydrate the reactive user state"; restore on start).
import { describe, expect, it } from 'vitest'
import { nextTick, watch } from 'vue'
import { useAuth, useLumenStore } from '../../../src/vue/index.js'
import { isUnauthorizedError } from '../../../src/index.js'
import type { StoredTokens, TokenStorage } from '../../../src/index.js'
import { DEMO, until, useHarness } from './harness.js'

const t = useHarness()
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)

async function signedIn(options = {}) {
  const m = t.mount(() => useAuth(), options)
  await m.lumen.ready
  await m.result.login(DEMO.email, DEMO.password)
  return m
}

describe('useAuth()', () => {
  it('exposes exactly the documented fields', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    for (const key of ['user', 'isAuthenticated', 'isLoading', 'error']) expect(result, key).toHaveProperty(key)
    for (const fn of ['login', 'register', 'logout', 'requestPasswordReset', 'resetPassword', 'acceptInvitation', 'uploadPhoto', 'deletePhoto', 'refreshUser'] as const) {
      expect(typeof result[fn], fn).toBe('function')
    }
  })

  it('isLoading is true while restoring, false once ready (signed out)', async () => {
    const { result, lumen } = t.mount(() => useAuth(), { storage: 'local' })
    expect(result.isLoading.value).toBe(true)
    expect(result.isAuthenticated.value).toBe(false)
    await lumen.ready
    expect(result.isLoading.value).toBe(false)
    expect(result.user.value).toBeNull()
  })

  it('login resolves with the user and makes the state reactive', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    const seen: boolean[] = []
    const stop = watch(result.isAuthenticated, (v) => seen.push(v))
    const user = await result.login(DEMO.email, DEMO.password)
    await nextTick()
    stop()
    expect(user).toMatchObject({ email: DEMO.email, firstName: DEMO.firstName, lastName: DEMO.lastName })
    expect(result.user.value).toMatchObject({ email: DEMO.email })
    expect(result.isAuthenticated.value).toBe(true)
    expect(seen).toContain(true)
    expect(result.error.value).toBeNull()
  })

  it('isLoading is true while login runs', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    await t.emu.fault({ route: '/auth/login', delayMs: 200 })
    const pending = result.login(DEMO.email, DEMO.password)
    await nextTick()
    expect(result.isLoading.value).toBe(true)
    await pending
    expect(result.isLoading.value).toBe(false)
  })

  it('wrong credentials: rejects with a typed 401, `error` is set, still signed out', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    const err = await result.login(DEMO.email, 'not-the-password').catch((e: unknown) => e)
    expect(isUnauthorizedError(err)).toBe(true)
    expect(result.error.value).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' })
    expect(result.isAuthenticated.value).toBe(false)
    expect(JSON.stringify(result.error.value)).not.toContain('not-the-password')
    await result.login(DEMO.email, DEMO.password)
    expect(result.error.value).toBeNull() // the last call succeeded
  })

  it('logout signs out: user null, status anonymous', async () => {
    const { result } = await signedIn()
    await result.logout()
    expect(result.user.value).toBeNull()
    expect(result.isAuthenticated.value).toBe(false)
    expect(useLumenStore().status).toBe('anonymous')
  })

  it('logout works offline (the server unreachable)', async () => {
    const { result } = await signedIn()
    await t.emu.fault({ route: '/auth/logout', dropConnection: true })
    await expect(result.logout()).resolves.toBeUndefined()
    expect(result.isAuthenticated.value).toBe(false)
  })

  it('register creates an account and signs it in', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    const email = `new-${Date.now()}@lumen.test`
    const user = await result.register({ email, password: 'a-strong-pass-123', firstName: 'Nora', lastName: 'New', organizationName: 'Nora Inc' })
    expect(user).toMatchObject({ email, firstName: 'Nora' })
    expect(result.isAuthenticated.value).toBe(true)
    expect(useLumenStore().organizations.map((o: { name: string }) => o.name)).toContain('Nora Inc')
  })

  it('register with a taken email rejects with 409 and stays signed out', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    await expect(result.register({ email: DEMO.email, password: 'a-strong-pass-123', firstName: 'X', lastName: 'Y' })).rejects.toMatchObject({ status: 409 })
    expect(result.isAuthenticated.value).toBe(false)
    expect(result.error.value).toMatchObject({ status: 409 })
  })

  it('requestPasswordReset resolves the same for known and unknown emails', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    await expect(result.requestPasswordReset(DEMO.email)).resolves.toBeUndefined()
    await expect(result.requestPasswordReset('nobody@lumen.test')).resolves.toBeUndefined()
    expect(result.isAuthenticated.value).toBe(false)
  })

  it('resetPassword with the e-mailed token lets the user log in with the new password', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    const email = 'bob@lumen.test'
    await result.requestPasswordReset(email)
    const outbox = (await (await fetch(`${t.emu.url}/__emulator/outbox?to=${encodeURIComponent(email)}`)).json()) as {
      messages: Array<{ token: string | null; kind: string }>
    }
    const token = outbox.messages.filter((m) => m.token).at(-1)!.token!
    await expect(result.resetPassword(token, 'brand-new-pass-456')).resolves.toBeUndefined()
    await result.login(email, 'brand-new-pass-456')
    expect(result.user.value?.email).toBe(email)
    await result.logout()
    await t.reset()
  })

  it('resetPassword with a bad token rejects and sets error', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    await expect(result.resetPassword('no-such-token', 'brand-new-pass-456')).rejects.toMatchObject({ status: expect.any(Number) })
    expect(result.error.value).not.toBeNull()
  })

  it('acceptInvitation signs the invited user in', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    const user = await result.acceptInvitation({ token: 'lumen-invite-acme-carol', firstName: 'Carol', lastName: 'Case', password: 'carol-pass-789' })
    expect(user).toMatchObject({ email: 'carol@lumen.test', firstName: 'Carol' })
    expect(result.isAuthenticated.value).toBe(true)
    expect(useLumenStore().organizations.map((o: { id: string }) => o.id)).toContain('org_acme')
    await result.logout()
    await t.reset()
  })

  it('refreshUser re-reads /auth/me into the reactive user', async () => {
    const { result } = await signedIn()
    t.requests.length = 0
    await result.refreshUser()
    expect(t.requests).toContain('GET /auth/me')
    expect(result.user.value?.email).toBe(DEMO.email)
  })
})

describe('useAuth(): profile photo (seed)', () => {
  it('uploadPhoto(Blob) re-hydrates user.photoUrl reactively', async () => {
    const { result } = await signedIn()
    const seen: Array<string | null | undefined> = []
    const stop = watch(() => result.user.value?.photoUrl, (v) => seen.push(v))
    await result.uploadPhoto(new Blob([PNG], { type: 'image/png' }))
    stop()
    const url = result.user.value?.photoUrl
    expect(url).toMatch(/^https?:\/\/.+\/assets\/[^/]+\/content$/)
    expect(seen).toContain(url)
    const store = useLumenStore()
    expect(store.user?.photoUrl).toBe(url)
    expect(store.user?.email).toBe(DEMO.email)
    expect(store.organizations.length).toBeGreaterThan(0) // the rest of /auth/me is kept
    const img = await fetch(url!)
    expect(img.status).toBe(200)
  })

  it('uploadPhoto accepts a File and { data, filename, contentType }, and reports progress 0 … 1', async () => {
    const { result } = await signedIn()
    const progress: number[] = []
    await result.uploadPhoto(new File([PNG], 'me.png', { type: 'image/png' }), { onProgress: (f: number) => progress.push(f) })
    const first = result.user.value?.photoUrl
    expect(first).toBeTruthy()
    expect(progress[0]).toBe(0)
    expect(progress.at(-1)).toBe(1)
    await result.uploadPhoto({ data: PNG, filename: 'me2.png', contentType: 'image/png' })
    expect(result.user.value?.photoUrl).toBeTruthy()
    expect(result.user.value?.photoUrl).not.toBe(first)
  })

  it('deletePhoto sets user.photoUrl to null reactively', async () => {
    const { result } = await signedIn()
    await result.uploadPhoto(new Blob([PNG], { type: 'image/png' }))
    expect(result.user.value?.photoUrl).toBeTruthy()
    await result.deletePhoto()
    expect(result.user.value?.photoUrl).toBeNull()
    expect(useLumenStore().user?.photoUrl).toBeNull()
  })

  it('a rejected upload (not an image) keeps the current photo and sets error', async () => {
    const { result } = await signedIn()
    await result.uploadPhoto(new Blob([PNG], { type: 'image/png' }))
    const before = result.user.value?.photoUrl
    await expect(result.uploadPhoto(new Blob(['hello'], { type: 'text/plain' }))).rejects.toMatchObject({ status: expect.any(Number) })
    expect(result.user.value?.photoUrl).toBe(before)
    expect(result.error.value).not.toBeNull()
  })

  it('uploadPhoto while signed out rejects and leaves the state alone', async () => {
    const { result, lumen } = t.mount(() => useAuth())
    await lumen.ready
    await expect(result.uploadPhoto(new Blob([PNG], { type: 'image/png' }))).rejects.toBeInstanceOf(Error)
    expect(result.user.value).toBeNull()
  })
})

describe('restore on start', () => {
  it('default storage is `local`: a new app instance restores from the stored refresh token', async () => {
    const first = await signedIn({ storage: undefined })
    const key = `lumen-account:${t.emu.url}`
    const persisted = JSON.parse(localStorage.getItem(key) ?? 'null') as Record<string, unknown> | null
    expect(persisted).toEqual({ refreshToken: expect.any(String) }) // the access token stays in memory
    first.unmount()

    const second = t.mount(() => useAuth(), { storage: undefined })
    expect(second.result.isLoading.value).toBe(true)
    expect(useLumenStore().status).toBe('restoring')
    await second.lumen.ready
    expect(useLumenStore().status).toBe('authenticated')
    expect(second.result.user.value?.email).toBe(DEMO.email)
    const refresh = t.requests.lastIndexOf('POST /auth/refresh')
    expect(refresh).toBeGreaterThanOrEqual(0)
    expect(t.requests.indexOf('GET /auth/me', refresh)).toBeGreaterThan(refresh) // refresh, then /auth/me
  })

  it("storage 'session' keeps the refresh token in sessionStorage and restores from it", async () => {
    const first = await signedIn({ storage: 'session' })
    expect(localStorage.length).toBe(0)
    expect(sessionStorage.getItem(`lumen-account:${t.emu.url}`)).toContain('refreshToken')
    first.unmount()
    const second = t.mount(() => useAuth(), { storage: 'session' })
    await second.lumen.ready
    expect(second.result.isAuthenticated.value).toBe(true)
  })

  it('a custom TokenStorage receives the tokens and restores a new instance', async () => {
    let saved = null as StoredTokens | null
    const storage: TokenStorage = {
      get: () => saved,
      set: (tokens) => void (saved = tokens),
      clear: () => void (saved = null),
    }
    const first = await signedIn({ storage })
    expect(saved).toMatchObject({ refreshToken: expect.any(String) })
    expect(localStorage.length).toBe(0)
    first.unmount()
    const second = t.mount(() => useAuth(), { storage })
    await second.lumen.ready
    expect(second.result.user.value?.email).toBe(DEMO.email)
    await second.result.logout()
    expect(saved?.refreshToken ?? null).toBeNull()
  })

  it("storage 'memory' persists nothing: a new instance is anonymous", async () => {
    const first = await signedIn({ storage: 'memory' })
    expect(localStorage.length).toBe(0)
    expect(sessionStorage.length).toBe(0)
    first.unmount()
    const second = t.mount(() => useAuth(), { storage: 'memory' })
    await second.lumen.ready
    expect(second.result.isAuthenticated.value).toBe(false)
    expect(useLumenStore().status).toBe('anonymous')
  })

  it('a stored refresh token the server rejects ends anonymous (ready still resolves)', async () => {
    localStorage.setItem(`lumen-account:${t.emu.url}`, JSON.stringify({ refreshToken: 'rt_not_valid' }))
    const { result, lumen } = t.mount(() => useAuth(), { storage: 'local' })
    await lumen.ready
    expect(result.isAuthenticated.value).toBe(false)
    expect(useLumenStore().status).toBe('anonymous')
  })

  it('after logout, a new instance does not restore', async () => {
    const first = await signedIn({ storage: 'local' })
    await first.result.logout()
    first.unmount()
    const second = t.mount(() => useAuth(), { storage: 'local' })
    await second.lumen.ready
    expect(second.result.isAuthenticated.value).toBe(false)
  })
})

describe('tab sync', () => {
  it('login and logout in one app reach another app of the same baseUrl in under 1 s', async () => {
    const a = t.mount(() => useAuth(), { storage: 'local' })
    const b = t.mount(() => useAuth(), { storage: 'local' })
    await Promise.all([a.lumen.ready, b.lumen.ready])
    await a.result.login(DEMO.email, DEMO.password)
    await until(() => b.result.isAuthenticated.value, 'B follows the login', 1000)
    expect(b.result.user.value?.email).toBe(DEMO.email)
    await a.result.logout()
    await until(() => !b.result.isAuthenticated.value, 'B follows the logout', 1000)
  })

  it('tabSync: false keeps apps independent', async () => {
    const a = t.mount(() => useAuth(), { storage: 'memory', tabSync: false })
    const b = t.mount(() => useAuth(), { storage: 'memory', tabSync: false })
    await Promise.all([a.lumen.ready, b.lumen.ready])
    await a.result.login(DEMO.email, DEMO.password)
    await new Promise((r) => setTimeout(r, 300))
    expect(b.result.isAuthenticated.value).toBe(false)
  })
})
