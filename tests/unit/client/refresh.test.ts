import { afterEach, describe, expect, it, vi } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { NetworkError, ServerError, SessionExpiredError, UnauthorizedError } from '../../../src/client/errors.js'
import { MemoryTokenStorage } from '../../../src/client/storage.js'
import { FAST_RETRY, ME, error, json, startStub } from './helpers/httpStub.js'
import type { Recorded, Reply, Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

/** A fake API: `valid` access tokens pass; refresh answers with `onRefresh`. */
async function api(onRefresh: (req: Recorded) => Reply | Promise<Reply>, valid = new Set(['acc_2'])) {
  stub = await startStub(async (r) => {
    if (r.path === '/auth/refresh') return onRefresh(r)
    if (r.path === '/auth/logout') return { status: 204 }
    const auth = String(r.headers.authorization ?? '').replace('Bearer ', '')
    return valid.has(auth) ? json(200, ME) : error(401, 'TOKEN_EXPIRED')
  })
  return stub
}

const rotate = (n = 2): Reply => json(200, { accessToken: `acc_${n}`, refreshToken: `ref_${n}` })
const mk = (extra: Record<string, unknown> = {}) =>
  new LumenAccountClient({ baseUrl: stub.url, accessToken: 'acc_1', refreshToken: 'ref_1', retry: FAST_RETRY, ...extra })

describe('refresh', () => {
  it('a 401 triggers one POST /auth/refresh (no credential) and one replay with the new token', async () => {
    await api(() => rotate())
    const client = mk()
    const events: unknown[] = []
    client.on('auth:tokens-refreshed', (e) => events.push(e))
    await expect(client.me.get()).resolves.toMatchObject({ user: { id: 'usr_1' } })
    const refresh = stub.calls('POST', '/auth/refresh')
    expect(refresh).toHaveLength(1)
    expect(refresh[0]!.json).toEqual({ refreshToken: 'ref_1' })
    expect(refresh[0]!.headers.authorization).toBeUndefined()
    expect(stub.calls('GET', '/auth/me').map((r) => r.headers.authorization)).toEqual(['Bearer acc_1', 'Bearer acc_2'])
    expect(await client.getRefreshToken()).toBe('ref_2')
    expect(events).toEqual([{}])
  })

  it('50 concurrent 401s → exactly 1 refresh and 50 successes', async () => {
    await api(() => ({ ...rotate(), delayMs: 50 }))
    const client = mk()
    const results = await Promise.all(Array.from({ length: 50 }, () => client.me.get()))
    expect(results).toHaveLength(50)
    expect(results.every((r) => r.user.id === 'usr_1')).toBe(true)
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(1)
  })

  it('a call started during a refresh waits for it and uses the new token', async () => {
    await api(() => ({ ...rotate(), delayMs: 150 }))
    const client = mk()
    const first = client.me.get()
    await vi.waitFor(() => expect(stub.calls('POST', '/auth/refresh')).toHaveLength(1), { timeout: 2000, interval: 5 })
    const second = client.me.get()
    await Promise.all([first, second])
    const auths = stub.calls('GET', '/auth/me').map((r) => r.headers.authorization)
    expect(auths).toEqual(['Bearer acc_1', 'Bearer acc_2', 'Bearer acc_2'])
  })

  it('10 waiters on a failing refresh all reject with SessionExpiredError; the next 401 refreshes again', async () => {
    let fail = true
    await api(() => (fail ? { ...error(401, 'INVALID_REFRESH_TOKEN'), delayMs: 30 } : rotate()))
    const client = mk()
    const logouts: unknown[] = []
    client.on('auth:logout', (e) => logouts.push(e))
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.me.get()))
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof SessionExpiredError)).toBe(true)
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(1)
    expect(logouts).toEqual([{ reason: 'expired' }])
    expect(await client.hasTokens()).toBe(false)
    // A new sign-in later: the next 401 refreshes again (no stale failed refresh).
    fail = false
    await client.setTokens('acc_old', 'ref_again')
    await expect(client.me.get()).resolves.toBeTruthy()
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(2)
    expect(stub.calls('POST', '/auth/refresh')[1]!.json).toEqual({ refreshToken: 'ref_again' })
  })

  it('400 on refresh also ends the session', async () => {
    await api(() => error(400, 'VALIDATION_FAILED'))
    const client = mk()
    await expect(client.me.get()).rejects.toBeInstanceOf(SessionExpiredError)
    expect(await client.hasTokens()).toBe(false)
  })

  it('a network error on refresh keeps the session', async () => {
    await api(() => ({ drop: true }))
    const client = mk()
    const logouts: unknown[] = []
    client.on('auth:logout', (e) => logouts.push(e))
    await expect(client.me.get()).rejects.toBeInstanceOf(NetworkError)
    expect(await client.getRefreshToken()).toBe('ref_1')
    expect(logouts).toEqual([])
  })

  it('a 5xx on refresh keeps the session (after retrying the refresh)', async () => {
    await api(() => error(503, 'SERVICE_UNAVAILABLE'))
    const client = mk()
    await expect(client.me.get()).rejects.toBeInstanceOf(ServerError)
    expect(await client.getRefreshToken()).toBe('ref_1')
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(4)
    // Every refresh retry carries the same Idempotency-Key.
    expect(new Set(stub.calls('POST', '/auth/refresh').map((r) => r.headers['idempotency-key'])).size).toBe(1)
  })

  it('a 401 on the replay is final (no second refresh)', async () => {
    await api(() => rotate(), new Set())
    const client = mk()
    await expect(client.me.get()).rejects.toBeInstanceOf(UnauthorizedError)
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(1)
    expect(stub.calls('GET', '/auth/me')).toHaveLength(2)
  })

  it('without a refresh token a 401 is just UnauthorizedError (nothing cleared)', async () => {
    await api(() => rotate())
    const client = new LumenAccountClient({ baseUrl: stub.url, accessToken: 'acc_1', retry: FAST_RETRY })
    await expect(client.me.get()).rejects.toBeInstanceOf(UnauthorizedError)
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(0)
    expect(await client.getAccessToken()).toBe('acc_1')
  })

  it('a logout during a refresh wins: new tokens are discarded, waiters reject, the rotated token is revoked', async () => {
    await api(() => ({ ...rotate(), delayMs: 100 }))
    const client = mk()
    const logouts: unknown[] = []
    client.on('auth:logout', (e) => logouts.push(e))
    const pending = client.me.get().catch((e: unknown) => e)
    await vi.waitFor(() => expect(stub.calls('POST', '/auth/refresh')).toHaveLength(1), { timeout: 2000, interval: 5 })
    await client.auth.logout()
    expect(await pending).toBeInstanceOf(SessionExpiredError)
    expect(await client.hasTokens()).toBe(false)
    expect(logouts).toEqual([{ reason: 'user' }])
    await new Promise((r) => setTimeout(r, 50))
    const revoked = stub.calls('POST', '/auth/logout').map((r) => (r.json as { refreshToken: string }).refreshToken)
    expect(revoked).toEqual(['ref_1', 'ref_2'])
  })

  it('a new sign-in during a failing refresh wins: no logout, the waiting call replays with the new token', async () => {
    await api(() => ({ ...error(401, 'INVALID_REFRESH_TOKEN'), delayMs: 100 }), new Set(['acc_new']))
    const client = mk()
    const logouts: unknown[] = []
    client.on('auth:logout', (e) => logouts.push(e))
    const pending = client.me.get()
    await vi.waitFor(() => expect(stub.calls('POST', '/auth/refresh')).toHaveLength(1), { timeout: 2000, interval: 5 })
    await client.setTokens('acc_new', 'ref_new')
    await expect(pending).resolves.toMatchObject({ user: { id: 'usr_1' } })
    expect(logouts).toEqual([])
    expect(await client.getRefreshToken()).toBe('ref_new')
  })

  it('the rotated refresh token is stored before any replay is sent', async () => {
    const storage = new MemoryTokenStorage()
    const seenAtReplay: (string | null)[] = []
    stub = await startStub((r) => {
      if (r.path === '/auth/refresh') return rotate()
      if (r.headers.authorization === 'Bearer acc_2') {
        seenAtReplay.push(storage.get()?.refreshToken ?? null)
        return json(200, ME)
      }
      return error(401, 'TOKEN_EXPIRED')
    })
    const client = mk({ storage })
    await Promise.all([client.me.get(), client.me.get(), client.me.get()])
    expect(seenAtReplay).toEqual(['ref_2', 'ref_2', 'ref_2'])
  })

  it('reads the refresh token from storage at refresh time (another tab may have rotated it)', async () => {
    await api(() => rotate())
    const storage = new MemoryTokenStorage()
    const client = mk({ storage })
    await client.getAccessToken()
    storage.set({ accessToken: 'acc_1', refreshToken: 'ref_from_other_tab' })
    await client.me.get()
    expect(stub.calls('POST', '/auth/refresh')[0]!.json).toEqual({ refreshToken: 'ref_from_other_tab' })
  })

  it('a service-mode client never refreshes: a 401 is final', async () => {
    await api(() => rotate())
    const svc = new LumenAccountClient({ baseUrl: stub.url, serviceApiKey: 'lumen_sk_1', retry: FAST_RETRY })
    await expect(svc.service.checkLicense('org_1', 'lumen-hr')).rejects.toBeInstanceOf(UnauthorizedError)
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(0)
  })

  it('auth.refresh({ signal }) stops waiting when aborted (the shared refresh still completes)', async () => {
    await api(() => ({ ...rotate(), delayMs: 200 }))
    const client = mk()
    const ctrl = new AbortController()
    const pending = client.auth.refresh({ signal: ctrl.signal }).catch((e: unknown) => e)
    setTimeout(() => ctrl.abort(), 20)
    expect(((await pending) as Error).name).toBe('AbortError')
    await new Promise((r) => setTimeout(r, 300))
    expect(await client.getRefreshToken()).toBe('ref_2')
  })

  it('a call waiting for a refresh stops at once when its signal aborts; the others still get the new token', async () => {
    // The refresh takes 1.5 s, so "stops at once" (< 1 s) cannot be confused with "waited for it".
    await api(() => ({ ...rotate(), delayMs: 1_500 }))
    const client = mk()
    const other = client.me.get()
    await vi.waitFor(() => expect(stub.calls('POST', '/auth/refresh')).toHaveLength(1), { timeout: 2000, interval: 5 })
    const ctrl = new AbortController()
    const t0 = performance.now()
    const waiting = client.me.get({ signal: ctrl.signal }).catch((e: unknown) => e)
    setTimeout(() => ctrl.abort(new Error('gave up')), 20)
    expect(((await waiting) as Error).message).toBe('gave up')
    expect(performance.now() - t0).toBeLessThan(1_000)
    await expect(other).resolves.toMatchObject({ user: { id: 'usr_1' } })
    expect(stub.calls('GET', '/auth/me').map((r) => r.headers.authorization)).toEqual(['Bearer acc_1', 'Bearer acc_2'])
  })

  it('after a refresh that failed on the network, the next 401 refreshes again', async () => {
    let down = true
    await api(() => (down ? { drop: true } : rotate()))
    const client = mk()
    await expect(client.me.get()).rejects.toBeInstanceOf(NetworkError)
    down = false
    await expect(client.me.get()).resolves.toMatchObject({ user: { id: 'usr_1' } })
    expect(await client.getRefreshToken()).toBe('ref_2')
  })

  it('a refresh error that echoes the refresh token keeps it out of the SessionExpiredError', async () => {
    await api((r) => error(401, 'INVALID_REFRESH_TOKEN', { message: `refresh token ${(r.json as { refreshToken: string }).refreshToken} is revoked` }))
    const client = new LumenAccountClient({ baseUrl: stub.url, accessToken: 'acc_SECRET_1', refreshToken: 'ref_SECRET_1', retry: FAST_RETRY })
    const e = (await client.me.get().catch((x: unknown) => x)) as SessionExpiredError
    expect(e).toBeInstanceOf(SessionExpiredError)
    expect((e.cause as Error).message).toContain('[redacted]')
    for (const text of [e.message, JSON.stringify(e), (e.cause as Error).message, JSON.stringify(e.cause)]) expect(text).not.toContain('SECRET')
  })

  it('wraps the refresh in the lock option', async () => {
    await api(() => rotate())
    const names: string[] = []
    const client = mk({ lock: async <T>(name: string, fn: () => Promise<T>) => (names.push(name), fn()) })
    await client.me.get()
    expect(names).toEqual([`lumen-account:refresh:${stub.url}`])
  })

  it('with only a refresh token stored (restored session), a user call refreshes first', async () => {
    await api(() => rotate())
    const client = new LumenAccountClient({ baseUrl: stub.url, refreshToken: 'ref_1', retry: FAST_RETRY })
    await client.me.get()
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /auth/refresh', 'GET /auth/me'])
  })

  it('auth.refresh() refreshes on demand and emits expiresAt for JWT access tokens', async () => {
    const exp = Math.floor(Date.now() / 1000) + 900
    const jwt = `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`
    await api(() => json(200, { accessToken: jwt, refreshToken: 'ref_2' }))
    const client = mk()
    const events: unknown[] = []
    client.on('auth:tokens-refreshed', (e) => events.push(e))
    await client.auth.refresh()
    expect(events).toEqual([{ expiresAt: exp * 1000 }])
    expect(await client.getAccessToken()).toBe(jwt)
  })
})
