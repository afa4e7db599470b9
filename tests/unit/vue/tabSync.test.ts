import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useLumenContext } from '../../../src/stores/context.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { useOrganizations } from '../../../src/composables/useOrganizations.js'
import { createWebLock } from '../../../src/vue/lock.js'
import { tokenStorageKey } from '../../../src/vue/storage.js'
import { openTabChannel, tabChannelName } from '../../../src/vue/tabSync.js'
import { fakeApiSuite, testLumen, until, withSetup } from './helpers.js'

const { api, mount } = fakeApiSuite({ clear: ['localStorage'] })

/** One "tab": its own app, Pinia and client; tabs share localStorage and the BroadcastChannel name. */
async function tab() {
  const lumen = testLumen(api.url, { storage: 'local', tabSync: true })
  const s = mount(withSetup(() => ({ auth: useAuth(), orgs: useOrganizations(), license: useLicense() }), [lumen]))
  await lumen.ready
  return { ...s.result, lumen }
}

describe('tab sync', () => {
  it('login, org switch and logout in one tab reach the other in under 1 s, with no token on the channel', async () => {
    const seen: unknown[] = []
    const spy = openTabChannel(tabChannelName(api.url), (m) => seen.push(m))
    const a = await tab()
    const b = await tab()
    expect(b.auth.isAuthenticated.value).toBe(false)

    await a.auth.login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => b.auth.isAuthenticated.value, 1000, 'login in tab B')
    expect(b.auth.user.value?.email).toBe('demo@lumen.test')

    await a.orgs.switchOrg('org_globex')
    await until(() => b.orgs.activeOrganizationId.value === 'org_globex', 1000, 'org in tab B')
    await until(() => b.license.tier.value === 'starter', 1000, 'license of the new org in tab B')

    await a.auth.logout()
    await until(() => !b.auth.isAuthenticated.value, 1000, 'logout in tab B')
    expect(b.auth.user.value).toBeNull()
    // B can no longer call the API as the user.
    expect(await b.lumen.runWithContext(() => b.lumen.store!.$state.status)).toBe('anonymous')

    spy?.close()
    expect(seen.map((m) => (m as { type: string }).type)).toEqual(expect.arrayContaining(['login', 'org', 'logout']))
    expect(JSON.stringify(seen)).not.toMatch(/\b(at|rt)_\d+/)
  })

  it('a new login in one tab replaces the user in the other (no stale access token reused)', async () => {
    const a = await tab()
    const b = await tab()
    await a.auth.login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => b.auth.user.value?.email === 'demo@lumen.test', 1000, 'B follows demo')
    await a.auth.login('user7@lumen.test', 'pw')
    await until(() => b.auth.user.value?.email === 'user7@lumen.test', 1000, 'B follows user7')
  })

  it('tabs that do not share storage: a login elsewhere is not followed, a logout is', async () => {
    // 'session' in real tabs; here both apps live in one window, so use per-app memory.
    const lumenA = testLumen(api.url, { storage: 'memory', tabSync: true })
    const lumenB = testLumen(api.url, { storage: 'memory', tabSync: true })
    const a = mount(withSetup(() => useAuth(), [lumenA]))
    const b = mount(withSetup(() => useAuth(), [lumenB]))
    await Promise.all([lumenA.ready, lumenB.ready])
    await b.result.login('user8@lumen.test', 'pw')
    await a.result.login('demo@lumen.test', 'lumen-demo-pass')
    await new Promise((r) => setTimeout(r, 100))
    expect(b.result.user.value?.email).toBe('user8@lumen.test')
    await a.result.logout()
    await until(() => !b.result.isAuthenticated.value, 1000, 'B follows the logout')
  })

  it('refreshed tokens reach the other tab: it is told, and its next refresh uses the rotated token', async () => {
    const seen: string[] = []
    const spy = openTabChannel(tabChannelName(api.url), (m) => seen.push(m.type))
    const a = await tab()
    const b = await tab()
    await a.auth.login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => b.auth.isAuthenticated.value, 1000, 'B follows the login')
    await a.lumen.runWithContext(() => useLumenContext('test').client.auth.refresh())
    await until(() => seen.includes('tokens'), 1000, 'tokens message')
    spy?.close()
    // A rotated the refresh token: B must read the new one from storage, not reuse a dead one.
    await b.lumen.runWithContext(() => useLumenContext('test').client.auth.refresh())
    expect(b.auth.isAuthenticated.value).toBe(true)
    await a.lumen.runWithContext(() => useLumenContext('test').client.auth.refresh())
    expect(a.auth.isAuthenticated.value).toBe(true)
    expect(JSON.stringify(seen)).not.toMatch(/\b(at|rt)_\d+/)
  })

  it('ignores foreign messages on the channel', async () => {
    const b = await tab()
    const channel = new BroadcastChannel(tabChannelName(api.url))
    channel.postMessage({ type: 'org', organizationId: 42 })
    channel.postMessage('logout')
    channel.postMessage({ type: 'drop-tables' })
    await new Promise((r) => setTimeout(r, 50))
    channel.close()
    expect(b.auth.isAuthenticated.value).toBe(false)
  })
})

/**
 * happy-dom (and Node 20) have no `navigator.locks`: a minimal exclusive, FIFO LockManager with
 * the Web Locks semantics the wrapper relies on (a `signal` aborts only while waiting).
 */
function installLockManager() {
  const queues = new Map<string, Promise<void>>()
  const locks = {
    request<T>(name: string, options: { signal?: AbortSignal }, fn: () => Promise<T>): Promise<T> {
      const prev = queues.get(name) ?? Promise.resolve()
      let release!: () => void
      const mine = new Promise<void>((r) => (release = r))
      queues.set(name, prev.then(() => mine))
      return new Promise<T>((resolve, reject) => {
        let granted = false
        options.signal?.addEventListener('abort', () => {
          if (granted) return
          reject(new DOMException('The lock request was aborted.', 'AbortError'))
          void prev.then(release)
        }, { once: true })
        void prev.then(() => {
          if (options.signal?.aborted) return
          granted = true
          fn().then(resolve, reject).finally(release)
        })
      })
    },
  }
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
  return () => Object.defineProperty(navigator, 'locks', { value: null, configurable: true })
}

describe('createWebLock', () => {
  let uninstall: () => void
  beforeEach(() => {
    uninstall = installLockManager()
  })
  afterEach(() => uninstall())

  it('runs refreshes one at a time across holders', async () => {
    const lock = createWebLock()
    const order: string[] = []
    const run = (id: string) => lock('lumen-account:refresh:test', async () => {
      order.push(`${id}:start`)
      await new Promise((r) => setTimeout(r, 30))
      order.push(`${id}:end`)
      return id
    })
    expect(await Promise.all([run('a'), run('b')])).toEqual(['a', 'b'])
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end'])
  })

  it('waits at most the bound, then carries on without the lock', async () => {
    const lock = createWebLock(100)
    let release!: () => void
    const held = lock('lumen-account:refresh:stuck', () => new Promise<void>((r) => (release = r)))
    const started = Date.now()
    expect(await lock('lumen-account:refresh:stuck', async () => 'ran')).toBe('ran')
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
    expect(Date.now() - started).toBeLessThan(1000)
    release()
    await held
  })

  it('createLumen wraps the client refresh in a Web Lock named after the API', async () => {
    const names: string[] = []
    const locks = (navigator as unknown as { locks: { request: (...a: unknown[]) => unknown } }).locks
    const request = locks.request.bind(locks)
    locks.request = (name: unknown, ...rest: unknown[]) => (names.push(String(name)), request(name, ...rest))
    const { refreshToken } = api.issue('demo@lumen.test')
    localStorage.setItem(tokenStorageKey(api.url), JSON.stringify({ refreshToken }))
    const t = await tab()
    expect(t.auth.isAuthenticated.value).toBe(true)
    expect(names).toEqual([`lumen-account:refresh:${api.url}`])
  })

  it("createLumen's refresh lock waits at most 5 s by default", async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout')
    const { refreshToken } = api.issue('demo@lumen.test')
    localStorage.setItem(tokenStorageKey(api.url), JSON.stringify({ refreshToken }))
    const t = await tab()
    expect(t.auth.isAuthenticated.value).toBe(true)
    expect(timeout).toHaveBeenCalledWith(5_000)
    timeout.mockRestore()
  })

  it('without navigator.locks it just runs', async () => {
    uninstall()
    expect(await createWebLock()('x', async () => 1)).toBe(1)
  })
})
