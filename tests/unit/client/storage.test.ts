import { afterEach, describe, expect, it, vi } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import {
  BrowserLocalStorageTokenStorage, BrowserSessionStorageTokenStorage, MemoryTokenStorage,
} from '../../../src/client/storage.js'
import type { StoredTokens, TokenStorage, WebStorageLike } from '../../../src/client/storage.js'
import { ME, json, startStub } from './helpers/httpStub.js'
import type { Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => {
  vi.restoreAllMocks()
  return stub?.close()
})

class FakeWebStorage implements WebStorageLike {
  data = new Map<string, string>()
  getItem(k: string) {
    return this.data.get(k) ?? null
  }
  setItem(k: string, v: string) {
    this.data.set(k, v)
  }
  removeItem(k: string) {
    this.data.delete(k)
  }
}

async function loginWith(storage: TokenStorage) {
  stub = await startStub((r) => (r.path === '/auth/login' ? json(200, { accessToken: 'acc_1', refreshToken: 'ref_1', user: ME.user }) : json(200, ME)))
  const client = new LumenAccountClient({ baseUrl: stub.url, storage, retry: false })
  await client.auth.login('a@b.c', 'pw')
  await client.me.get()
  return client
}

describe('token storage', () => {
  it('MemoryTokenStorage is the default and keeps tokens in memory', async () => {
    const m = new MemoryTokenStorage()
    expect(m.get()).toBeNull()
    m.set({ accessToken: 'a', refreshToken: 'r' })
    expect(m.get()).toEqual({ accessToken: 'a', refreshToken: 'r' })
    m.clear()
    expect(m.get()).toBeNull()
  })

  it('BrowserLocalStorageTokenStorage persists both tokens under its key', async () => {
    const web = new FakeWebStorage()
    const storage = new BrowserLocalStorageTokenStorage({ storage: web, key: 'lumen:https://api.example' })
    await loginWith(storage)
    expect(JSON.parse(web.getItem('lumen:https://api.example')!)).toEqual({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    // A new client on the same storage (a reload) is signed in.
    const again = new LumenAccountClient({ baseUrl: stub.url, storage: new BrowserLocalStorageTokenStorage({ storage: web, key: 'lumen:https://api.example' }) })
    expect(await again.getAccessToken()).toBe('acc_1')
  })

  it('persistAccessToken: false keeps the access token in memory and persists only the refresh token', async () => {
    const web = new FakeWebStorage()
    const storage = new BrowserSessionStorageTokenStorage({ storage: web, persistAccessToken: false })
    const client = await loginWith(storage)
    expect(JSON.parse(web.getItem('lumen-account.tokens')!)).toEqual({ refreshToken: 'ref_1' })
    expect(await client.getAccessToken()).toBe('acc_1')
    expect(stub.requests.at(-1)!.headers.authorization).toBe('Bearer acc_1')
    await client.clearTokens()
    expect(web.getItem('lumen-account.tokens')).toBeNull()
  })

  it('uses globalThis.localStorage / sessionStorage lazily (nothing at import or construction)', async () => {
    const g = globalThis as Record<string, unknown>
    const local = new FakeWebStorage()
    const session = new FakeWebStorage()
    const l = new BrowserLocalStorageTokenStorage()
    const s = new BrowserSessionStorageTokenStorage()
    g.localStorage = local
    g.sessionStorage = session
    try {
      l.set({ accessToken: 'a', refreshToken: 'r' })
      s.set({ accessToken: 'b', refreshToken: 'q' })
      expect(local.data.size).toBe(1)
      expect(session.data.size).toBe(1)
    } finally {
      delete g.localStorage
      delete g.sessionStorage
    }
  })

  it('a storage that throws degrades to memory with one warning and never breaks login', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const throwing: TokenStorage = {
      get: () => {
        throw new Error('SecurityError: access denied')
      },
      set: () => {
        throw new Error('QuotaExceededError')
      },
      clear: () => {
        throw new Error('nope')
      },
    }
    const client = await loginWith(throwing)
    expect(await client.getAccessToken()).toBe('acc_1')
    expect(stub.requests.at(-1)!.headers.authorization).toBe('Bearer acc_1')
    await client.clearTokens()
    expect(await client.hasTokens()).toBe(false)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[lumen-account\] token storage failed/)
  })

  it('an async storage that rejects degrades the same way', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const rejecting: TokenStorage = {
      get: async () => null,
      set: async () => Promise.reject(new Error('disk full')),
      clear: async () => {},
    }
    const client = await loginWith(rejecting)
    expect(await client.getAccessToken()).toBe('acc_1')
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('corrupt data in Web Storage degrades to memory with a warning; login still works', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const web = new FakeWebStorage()
    web.setItem('lumen-account.tokens', '{not json')
    const storage = new BrowserLocalStorageTokenStorage({ storage: web })
    const restoring = new LumenAccountClient({ baseUrl: 'http://127.0.0.1:9', storage })
    expect(await restoring.hasTokens()).toBe(false)
    const client = await loginWith(storage)
    expect(await client.getAccessToken()).toBe('acc_1')
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('a custom storage returning junk degrades too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const junk: TokenStorage = { get: () => ({ accessToken: 42 }) as unknown as StoredTokens, set: () => {}, clear: () => {} }
    const client = new LumenAccountClient({ baseUrl: 'http://127.0.0.1:9', storage: junk })
    expect(await client.hasTokens()).toBe(false)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('an async custom storage works end to end', async () => {
    let saved: StoredTokens | null = null
    const asyncStorage: TokenStorage = {
      get: async () => saved,
      set: async (t) => {
        await new Promise((r) => setTimeout(r, 5))
        saved = t
      },
      clear: async () => {
        saved = null
      },
    }
    const client = await loginWith(asyncStorage)
    expect(saved).toEqual({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    expect(await client.getRefreshToken()).toBe('ref_1')
  })
})
