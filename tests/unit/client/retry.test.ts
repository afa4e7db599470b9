import { afterEach, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { ConflictError, LimitExceededError, NetworkError, ServerError, TimeoutError, ValidationError } from '../../../src/client/errors.js'
import { DEFAULT_RETRY, backoff } from '../../../src/client/retry.js'
import { FAST_RETRY, ME, error, json, startStub } from './helpers/httpStub.js'
import type { Handler, Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

/** Answer from a queue of replies, then `last` forever. */
function sequence(...replies: ReturnType<Handler>[]): Handler {
  return () => replies.length > 1 ? replies.shift()! : replies[0]!
}

async function client(handler: Handler, extra: Record<string, unknown> = {}) {
  stub = await startStub(handler)
  return new LumenAccountClient({ baseUrl: stub.url, accessToken: 'acc', retry: FAST_RETRY, ...extra })
}

describe('retry', () => {
  it('the default policy is 3 retries after ~1 s, ~2 s, ~4 s with jitter', () => {
    expect(DEFAULT_RETRY.retries).toBe(3)
    for (const [n, base] of [[0, 1000], [1, 2000], [2, 4000]] as const) {
      const d = backoff(DEFAULT_RETRY, n)
      expect(d).toBeGreaterThanOrEqual(base * 0.8)
      expect(d).toBeLessThanOrEqual(base * 1.2)
    }
  })

  it('a GET is retried after 503 and succeeds', async () => {
    const c = await client(sequence(error(503, 'SERVICE_UNAVAILABLE'), error(500, 'INTERNAL_ERROR'), json(200, ME)))
    await expect(c.me.get()).resolves.toMatchObject({ user: { id: 'usr_1' } })
    expect(stub.calls('GET', '/auth/me')).toHaveLength(3)
  })

  it('gives up after 4 attempts (3 retries) with a ServerError', async () => {
    const c = await client(() => error(503, 'SERVICE_UNAVAILABLE'))
    await expect(c.me.get()).rejects.toBeInstanceOf(ServerError)
    expect(stub.requests).toHaveLength(4)
  })

  it('408 and 429 are retried', async () => {
    const c = await client(sequence(error(408, 'TIMEOUT'), error(429, 'RATE_LIMITED'), json(200, ME)))
    await c.me.get()
    expect(stub.requests).toHaveLength(3)
  })

  it.each([
    [409, ConflictError],
    [422, ValidationError],
    [400, ValidationError],
  ])('%i is sent once (never retried, 409 included)', async (status, Class) => {
    const c = await client(() => error(status, 'NOPE'))
    await expect(c.auth.register({ email: 'a@b.c', password: 'pw', firstName: 'A', lastName: 'B' })).rejects.toBeInstanceOf(Class)
    await expect(c.me.get()).rejects.toBeInstanceOf(Class)
    expect(stub.requests).toHaveLength(2)
  })

  it('a POST retried after 503 carries the same Idempotency-Key on every attempt', async () => {
    const c = await client(sequence(error(503, 'X'), error(502, 'X'), json(200, { accepted: true })))
    await c.service.reportUsage('org_1', 'lumen-hr', 5)
    const keys = stub.requests.map((r) => r.headers['idempotency-key'])
    expect(keys).toHaveLength(3)
    expect(keys[0]).toMatch(/.{16,}/)
    expect(new Set(keys).size).toBe(1)
  })

  it('two separate POSTs get different Idempotency-Keys; PATCH/DELETE get one; GETs get none', async () => {
    const c = await client((r) => (r.method === 'GET' ? json(200, ME) : r.method === 'DELETE' ? { status: 204 } : json(200, { accepted: true, id: 'a' })))
    await c.service.reportUsage('org_1', 'lumen-hr', 5)
    await c.service.reportUsage('org_1', 'lumen-hr', 6)
    await c.me.get()
    await c.assets.update('a', { originalName: 'x' })
    await c.assets.delete('a')
    const [a, b, g, p, d] = stub.requests
    expect(a!.headers['idempotency-key']).not.toBe(b!.headers['idempotency-key'])
    expect(g!.headers['idempotency-key']).toBeUndefined()
    expect(p!.headers['idempotency-key']).toBeTruthy()
    expect(d!.headers['idempotency-key']).toBeTruthy()
  })

  it('Retry-After: 2 (seconds) waits at least 2 s before the retry', async () => {
    const c = await client(sequence(error(429, 'RATE_LIMITED', {}, { 'retry-after': '2' }), json(200, ME)))
    const t0 = performance.now()
    await c.me.get()
    const waited = performance.now() - t0
    expect(stub.requests).toHaveLength(2)
    expect(waited).toBeGreaterThanOrEqual(2000)
  })

  it('Retry-After as an HTTP date (503) is honoured too', async () => {
    let first = true
    const c = await client(() => {
      if (!first) return json(200, ME)
      first = false
      // 2 s ahead, truncated to the second by the date format: at least 1 s from now.
      return error(503, 'SERVICE_UNAVAILABLE', {}, { 'retry-after': new Date(Date.now() + 2000).toUTCString() })
    })
    const t0 = performance.now()
    await c.me.get()
    expect(stub.requests).toHaveLength(2)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1000)
  })

  it('aborting during a Retry-After wait stops at once', async () => {
    const c = await client(() => error(429, 'RATE_LIMITED', {}, { 'retry-after': '5' }))
    const ctrl = new AbortController()
    const t0 = performance.now()
    const pending = c.me.get({ signal: ctrl.signal }).catch((x: unknown) => x)
    setTimeout(() => ctrl.abort(), 100)
    expect(((await pending) as Error).name).toBe('AbortError')
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(stub.requests).toHaveLength(1)
  })

  it('a Retry-After beyond maxRetryAfterMs is not waited for: LimitExceededError at once', async () => {
    const c = await client(() => error(429, 'RATE_LIMITED', {}, { 'retry-after': '3600' }))
    const e = await c.me.get().catch((x: unknown) => x)
    expect(e).toBeInstanceOf(LimitExceededError)
    expect((e as LimitExceededError).retryAfter).toBe(3600)
    expect(stub.requests).toHaveLength(1)
  })

  it('a 10 ms timeout gives a TimeoutError (a NetworkError) after the retries', async () => {
    const c = await client(() => ({ ...json(200, ME), delayMs: 200 }), { timeout: 10 })
    const e = await c.me.get().catch((x: unknown) => x)
    expect(e).toBeInstanceOf(TimeoutError)
    expect(e).toBeInstanceOf(NetworkError)
    expect((e as TimeoutError).code).toBe('TIMEOUT')
    expect(stub.requests).toHaveLength(4)
  })

  it('a dropped connection is a NetworkError, retried, then recovered', async () => {
    let n = 0
    const c = await client(() => (n++ === 0 ? { drop: true } : json(200, ME)))
    await expect(c.me.get()).resolves.toMatchObject({ user: { id: 'usr_1' } })
    expect(n).toBe(2)
  })

  it('no server at all → NetworkError with code NETWORK_ERROR', async () => {
    stub = await startStub()
    const url = stub.url
    await stub.close()
    const c = new LumenAccountClient({ baseUrl: url, retry: false })
    const e = await c.me.get().catch((x: unknown) => x)
    expect(e).toBeInstanceOf(NetworkError)
    expect((e as NetworkError).code).toBe('NETWORK_ERROR')
    expect((e as NetworkError).status).toBe(0)
  })

  it('aborting during a backoff wait stops at once', async () => {
    const c = await client(() => error(503, 'X'), { retry: { retries: 3, baseDelayMs: 5_000 } })
    const ctrl = new AbortController()
    const t0 = performance.now()
    const pending = c.me.get({ signal: ctrl.signal }).catch((x: unknown) => x)
    await new Promise((r) => setTimeout(r, 100))
    ctrl.abort()
    const e = await pending
    expect((e as Error).name).toBe('AbortError')
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(stub.requests).toHaveLength(1)
  })

  it('aborting an in-flight request rejects with the abort reason', async () => {
    const c = await client(() => ({ ...json(200, ME), delayMs: 500 }))
    const ctrl = new AbortController()
    const pending = c.me.get({ signal: ctrl.signal }).catch((x: unknown) => x)
    setTimeout(() => ctrl.abort(new Error('stop')), 30)
    expect(((await pending) as Error).message).toBe('stop')
  })

  it('retry: false sends once', async () => {
    const c = await client(() => error(503, 'X'), { retry: false })
    await expect(c.me.get()).rejects.toBeInstanceOf(ServerError)
    expect(stub.requests).toHaveLength(1)
  })
})
