/**
 * Conformance: the typed error hierarchy (docs/api.md, seed) and the retry / timeout behaviour (seed's
 * table, ARCHITECTURE.md), with failures injected through the emulator's /__emulator/faults.
 */
import { describe, expect, it } from 'vitest'
import {
  ConflictError,
  isLumenApiError,
  isNetworkError,
  LimitExceededError,
  LumenAccountClient,
  LumenApiError,
  NetworkError,
  NotFoundError,
  PaywallError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
} from '../../src/index.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, DEMO, FAST_RETRY, recordingFetch, rejection, type Sent, SERVICE_KEY, serviceClient, signedIn } from './support.js'

const emu = useEmulator({ resetBeforeEach: true })

const CHECK = '/api/v1/service/licenses/check'

function counted(extra: { retry?: false | Record<string, number>; timeout?: number } = {}) {
  const log: Sent[] = []
  const client = new LumenAccountClient({
    baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: FAST_RETRY, timeout: 5_000, fetch: recordingFetch(log), ...extra,
  })
  return { client, log, attempts: (path = CHECK) => log.filter((s) => s.path === path).length }
}

describe('typed errors: every failing call throws a LumenApiError subclass with status, code, requestId, body', () => {
  it('401 → UnauthorizedError; requestId echoes the x-request-id header; body is the envelope', async () => {
    let headerRequestId: string | null = null
    const client = new LumenAccountClient({
      baseUrl: emu.url,
      accessToken: '',
      fetch: async (input, init) => {
        const res = await globalThis.fetch(input, init)
        headerRequestId = res.headers.get('x-request-id')
        return res
      },
    })
    const err = await rejection(client.login(DEMO.email, 'wrong-password'))
    expect(err).toBeInstanceOf(UnauthorizedError)
    expect(err).toBeInstanceOf(LumenApiError)
    expect(err).toBeInstanceOf(Error)
    expect(isLumenApiError(err)).toBe(true)
    expect(err.status).toBe(401)
    expect(err.code).toBe('INVALID_CREDENTIALS')
    expect(err.requestId).toBeTypeOf('string')
    expect(err.requestId).toBe(headerRequestId)
    expect(err.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } })
  })

  it('400 → ValidationError with details', async () => {
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '' })
    const err = await rejection(client.register('not-an-email', 'password123', 'A', 'B'))
    expect(err).toBeInstanceOf(ValidationError)
    expect(err.code).toBe('VALIDATION_FAILED')
    expect((err.details as { field: string }[]).map((d) => d.field)).toContain('email')
  })

  it('404 → NotFoundError', async () => {
    const client = await signedIn(emu)
    const err = await rejection(client.assets.get('ast_does_not_exist'))
    expect(err).toBeInstanceOf(NotFoundError)
    expect(err.status).toBe(404)
  })

  it('402 → PaywallError with product, feature, requiredTier, upgradeUrl', async () => {
    await emu.fault({
      route: CHECK, status: 402, times: 1,
      error: { code: 'PAYWALL', product: 'lumen-hr', feature: 'sso', requiredTier: 'enterprise', upgradeUrl: 'https://lumen.example/upgrade' },
    })
    const err = await rejection(serviceClient(emu).checkLicense(ACME, 'lumen-hr'))
    expect(err).toBeInstanceOf(PaywallError)
    expect(err).toMatchObject({ status: 402, code: 'PAYWALL', product: 'lumen-hr', feature: 'sso', requiredTier: 'enterprise', upgradeUrl: 'https://lumen.example/upgrade' })
  })

  it('429 from the login rate limit → LimitExceededError with retryAfter in seconds', async () => {
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '' })
    const email = 'ratelimited@lumen.test'
    let err = new Error('none') as Error & Record<string, unknown>
    for (let i = 0; i < 7; i++) {
      err = await rejection(client.login(email, 'wrong-password'))
      if (err instanceof LimitExceededError) break
    }
    expect(err).toBeInstanceOf(LimitExceededError)
    expect(err.status).toBe(429)
    expect(err.code).toBe('RATE_LIMITED')
    expect(err.retryAfter).toBeTypeOf('number')
    expect(err.retryAfter as number).toBeGreaterThan(0)
  })

  it('5xx → ServerError; the final message includes the HTTP status and the response body', async () => {
    await emu.fault({ route: CHECK, status: 500 })
    const { client } = counted({ retry: false })
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(err).toBeInstanceOf(ServerError)
    expect(err.status).toBe(500)
    expect(err.code).toBe('INTERNAL_ERROR')
    expect(err.message).toContain('500')
    expect(err.message).toContain('INTERNAL_ERROR')
  })

  it('an HTML 502 page from a proxy still gives a typed ServerError, never a SyntaxError', async () => {
    await emu.fault({ route: CHECK, status: 502, htmlBody: true })
    const { client } = counted({ retry: false })
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(err).not.toBeInstanceOf(SyntaxError)
    expect(err).toBeInstanceOf(ServerError)
    expect(err.status).toBe(502)
  })

  it('a dropped connection → NetworkError (status 0)', async () => {
    await emu.fault({ route: CHECK, dropConnection: true })
    const { client } = counted({ retry: false })
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.code).toBe('NETWORK_ERROR')
    expect(isNetworkError(err)).toBe(true)
  })

  it('the timeout option aborts an attempt → TimeoutError (a NetworkError)', async () => {
    await emu.fault({ route: CHECK, delayMs: 3_000, times: 1 })
    const { client } = counted({ retry: false, timeout: 100 })
    const started = Date.now()
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.code).toBe('TIMEOUT')
  })

  it('JSON.stringify(error) never contains a token or the service key', async () => {
    await emu.fault({ route: CHECK, status: 500 })
    const { client } = counted({ retry: false })
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(JSON.stringify(err)).not.toContain(SERVICE_KEY)
    expect(err.message).not.toContain(SERVICE_KEY)
  })
})

describe('retry (seed: 5xx and network errors with exponential backoff; 4xx never)', () => {
  it('a 5xx is retried and the call succeeds', async () => {
    await emu.fault({ route: CHECK, status: 503, times: 2 })
    const { client, attempts } = counted()
    const check = await client.checkLicense(ACME, 'lumen-hr')
    expect(check.valid).toBe(true)
    expect(attempts()).toBe(3)
  })

  it('a network error is retried', async () => {
    await emu.fault({ route: CHECK, dropConnection: true, times: 1 })
    const { client, attempts } = counted()
    expect((await client.checkLicense(ACME, 'lumen-hr')).valid).toBe(true)
    expect(attempts()).toBe(2)
  })

  it('gives up after the 4th attempt (1 + 3 retries)', async () => {
    await emu.fault({ route: CHECK, status: 500 })
    const { client, attempts } = counted()
    await expect(client.checkLicense(ACME, 'lumen-hr')).rejects.toBeInstanceOf(ServerError)
    expect(attempts()).toBe(4)
  })

  it('the default backoff waits about 1 s before the 2nd attempt', async () => {
    await emu.fault({ route: CHECK, status: 503, times: 1 })
    const log: Sent[] = []
    const client = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, fetch: recordingFetch(log) })
    const started = Date.now()
    await client.checkLicense(ACME, 'lumen-hr')
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(750) // ~1 s with jitter
    expect(elapsed).toBeLessThan(3_000)
  })

  it.each([
    [400, ValidationError],
    [401, UnauthorizedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, ValidationError],
  ] as const)('a %i is never retried', async (status, Class) => {
    await emu.fault({ route: CHECK, status })
    const { client, attempts } = counted()
    await expect(client.checkLicense(ACME, 'lumen-hr')).rejects.toBeInstanceOf(Class)
    expect(attempts()).toBe(1)
  })

  it('Retry-After on a 503 is honoured', async () => {
    await emu.fault({ route: CHECK, status: 503, times: 1, headers: { 'Retry-After': '1' } })
    const { client, attempts } = counted()
    const started = Date.now()
    await client.checkLicense(ACME, 'lumen-hr')
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(attempts()).toBe(2)
  })

  it('a retried POST keeps the same Idempotency-Key and is counted once', async () => {
    await emu.fault({ route: '/api/v1/service/usage', status: 503, times: 1, phase: 'response' })
    const { client, log } = counted()
    const result = await client.reportUsage(ACME, 'lumen-hr', 14)
    const posts = log.filter((s) => s.path === '/api/v1/service/usage')
    expect(posts).toHaveLength(2)
    const keys = posts.map((s) => s.headers.get('idempotency-key'))
    expect(keys[0]).toBeTruthy()
    expect(keys[1]).toBe(keys[0])
    // The first attempt's side effect happened; the replay answers with its result.
    expect(result.accepted).toBe(true)
  })

  it('retry: false sends once', async () => {
    await emu.fault({ route: CHECK, status: 503 })
    const { client, attempts } = counted({ retry: false })
    await expect(client.checkLicense(ACME, 'lumen-hr')).rejects.toBeInstanceOf(ServerError)
    expect(attempts()).toBe(1)
  })

  it('an aborted signal stops during a backoff wait', async () => {
    // Retry-After: 5 makes the wait 5 s, so stopping at once (< 2 s) cannot be mistaken for a short backoff.
    await emu.fault({ route: CHECK, status: 503, headers: { 'Retry-After': '5' } })
    const client = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY })
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(), 200)
    const err = await rejection(client.service.checkLicense(ACME, 'lumen-hr', { signal: controller.signal }))
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(err.name).toBe('AbortError')
  })
})
