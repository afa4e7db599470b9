import { afterEach, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import {
  ConflictError, ForbiddenError, LimitExceededError, LumenApiError, LumenConfigError, NotFoundError, PaywallError, ServerError,
  TimeoutError, UnauthorizedError, UnexpectedResponseError, ValidationError, parseRetryAfter,
} from '../../../src/client/errors.js'
import * as guards from '../../../src/client/guards.js'
import { error, json, startStub } from './helpers/httpStub.js'
import type { Reply, Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

async function failWith(reply: Reply, opts: { accessToken?: string } = {}): Promise<LumenApiError> {
  stub = await startStub(() => reply)
  const client = new LumenAccountClient({ baseUrl: stub.url, retry: false, ...opts })
  return client.me.get().then(
    () => expect.fail('should reject') as never,
    (e: LumenApiError) => e,
  )
}

describe('errors: every non-2xx becomes its docs/api.md class', () => {
  it.each([
    [400, ValidationError],
    [422, ValidationError],
    [401, UnauthorizedError],
    [402, PaywallError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [408, TimeoutError],
    [409, ConflictError],
    [429, LimitExceededError],
    [500, ServerError],
    [503, ServerError],
  ])('%i → %o', async (status, Class) => {
    const e = await failWith(error(status, 'SOME_CODE'))
    expect(e).toBeInstanceOf(Class)
    expect(e).toBeInstanceOf(LumenApiError)
    expect(e.status).toBe(status)
    expect(e.code).toBe('SOME_CODE')
    expect(e.serverMessage).toBe('SOME_CODE happened')
    expect(e.body).toMatchObject({ error: { code: 'SOME_CODE' } })
  })

  it('an unlisted 4xx is a plain LumenApiError with a fallback code', async () => {
    const e = await failWith({ status: 418 })
    expect(e.constructor).toBe(LumenApiError)
    expect(e.code).toBe('HTTP_418')
  })

  it('requestId comes from the x-request-id header first, else the body', async () => {
    expect((await failWith(error(404, 'NOT_FOUND', {}, { 'x-request-id': 'req_hdr' }))).requestId).toBe('req_hdr')
    await stub.close()
    expect((await failWith(error(404, 'NOT_FOUND'))).requestId).toBe('req_body')
  })

  it('the message carries method, path, status, code, request id and the server message', async () => {
    const e = await failWith(error(404, 'NOT_FOUND', {}, { 'x-request-id': 'req_9f2' }))
    expect(e.message).toBe('[lumen-account] [GET] /auth/me: 404 NOT_FOUND (req_9f2) NOT_FOUND happened')
  })

  it('ValidationError carries details', async () => {
    const details = [{ field: 'email', message: 'is invalid' }]
    const e = await failWith(error(422, 'VALIDATION_FAILED', { details }))
    expect((e as ValidationError).details).toEqual(details)
  })

  it('PaywallError carries product, feature, requiredTier and upgradeUrl', async () => {
    const e = (await failWith(error(402, 'PAYWALL', { product: 'lumen-hr', feature: 'reports', requiredTier: 'pro', upgradeUrl: 'https://x/up' }))) as PaywallError
    expect([e.product, e.feature, e.requiredTier, e.upgradeUrl]).toEqual(['lumen-hr', 'reports', 'pro', 'https://x/up'])
  })

  it('LimitExceededError carries retryAfter seconds', async () => {
    const e = await failWith(error(429, 'RATE_LIMITED', {}, { 'retry-after': '120' }))
    expect((e as LimitExceededError).retryAfter).toBe(120)
  })

  it('Retry-After as an HTTP date becomes seconds', () => {
    const now = Date.parse('2026-11-23T10:00:00Z')
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30)
    expect(parseRetryAfter('soon', now)).toBeNull()
  })

  it('a 502 HTML page from a proxy is a ServerError with a readable summary, not a SyntaxError', async () => {
    const html = '<html><head><title>502</title><style>b{}</style></head><body><h1>502 Bad Gateway</h1> nginx</body></html>'
    const e = await failWith({ status: 502, body: html, headers: { 'content-type': 'text/html' } })
    expect(e).toBeInstanceOf(ServerError)
    expect(e.code).toBe('INTERNAL_ERROR')
    expect(e.body).toBe('502 502 Bad Gateway nginx')
    expect(e.message).toContain('502 Bad Gateway')
  })

  it('a JSON body outside the envelope ({ message }) still lands in the message', async () => {
    const e = await failWith(json(500, { message: 'upstream down' }))
    expect(e).toBeInstanceOf(ServerError)
    expect(e.message).toBe('[lumen-account] [GET] /auth/me: 500 INTERNAL_ERROR upstream down')
  })

  it('any other JSON body lands in the message too (the seed: the message includes the status and the body)', async () => {
    const e = await failWith(json(500, { error: 'Internal kaboom' }))
    expect(e.message).toBe('[lumen-account] [GET] /auth/me: 500 INTERNAL_ERROR Internal kaboom')
    const other = await failWith(json(502, { fault: { reason: 'db', password: 'hunter22' } }))
    expect(other.message).toBe('[lumen-account] [GET] /auth/me: 502 INTERNAL_ERROR {"fault":{"reason":"db","password":"[redacted]"}}')
  })

  it('an empty error body still gives a typed error', async () => {
    const e = await failWith({ status: 503 })
    expect(e).toBeInstanceOf(ServerError)
    expect(e.code).toBe('INTERNAL_ERROR')
  })

  it('invalid JSON with a JSON content type still gives a typed error', async () => {
    const e = await failWith({ status: 500, body: '{"error": nope', headers: { 'content-type': 'application/json' } })
    expect(e).toBeInstanceOf(ServerError)
  })

  it('an empty 2xx body where JSON is expected → UnexpectedResponseError', async () => {
    const e = await failWith({ status: 200 })
    expect(e).toBeInstanceOf(UnexpectedResponseError)
    expect(e.status).toBe(200)
    expect(e.code).toBe('UNEXPECTED_RESPONSE')
  })

  it('an HTML 2xx (e.g. an SPA fallback) → UnexpectedResponseError', async () => {
    const e = await failWith({ status: 200, body: '<html>app</html>', headers: { 'content-type': 'text/html' } })
    expect(e).toBeInstanceOf(UnexpectedResponseError)
  })

  it('JSON.stringify(error) and the message contain no token or key', async () => {
    const access = 'acc_SECRET_TOKEN_123'
    const body = { error: { code: 'BAD', message: `token ${access} rejected`, refreshToken: 'ref_SECRET_456' }, accessToken: access }
    const e = await failWith(json(400, body), { accessToken: access })
    const text = JSON.stringify(e)
    expect(text).not.toContain('SECRET')
    expect(e.message).not.toContain('SECRET')
    expect(JSON.parse(text)).toMatchObject({ name: 'ValidationError', status: 400, code: 'BAD' })
  })

  it('a service key or Bearer token echoed in a JSON or text error body stays out of the message and JSON', async () => {
    const key = 'lumen_sk_SECRET_KEY_1'
    for (const body of [{ error: { code: 'BAD_KEY', message: `key ${key} is unknown` } }, `<h1>403</h1> key=${key} auth=Bearer eyJ.SECRET.sig`]) {
      stub = await startStub(() => ({ status: 403, body }))
      const svc = new LumenAccountClient({ baseUrl: stub.url, serviceApiKey: key, retry: false })
      const e = (await svc.service.checkLicense('org_1', 'lumen-hr').catch((x: unknown) => x)) as LumenApiError
      expect(e).toBeInstanceOf(ForbiddenError)
      expect(e.message).toContain('[redacted]')
      expect(e.message).not.toContain('SECRET')
      expect(JSON.stringify(e)).not.toContain('SECRET')
      await stub.close()
    }
  })

  it('config errors end with a docs link', () => {
    const e = (() => {
      try {
        return new LumenAccountClient({ baseUrl: '' })
      } catch (x) {
        return x as LumenConfigError
      }
    })()
    expect(e).toBeInstanceOf(LumenConfigError)
    expect((e as LumenConfigError).message).toMatch(/^\[lumen-account\] .* See https:\/\/\S+#api-at-a-glance$/)
  })

  it('a 2xx with a token but the wrong shape keeps the token out of the error', async () => {
    stub = await startStub(() => json(200, { accessToken: 'acc_SECRET_789' }))
    const client = new LumenAccountClient({ baseUrl: stub.url, retry: false })
    const e = await client.auth.login('a@b.c', 'pw').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UnexpectedResponseError)
    expect(JSON.stringify(e)).not.toContain('SECRET')
  })
})

describe('type guards', () => {
  it('recognize each class and its parents', () => {
    const t = new TimeoutError()
    expect(guards.isTimeoutError(t)).toBe(true)
    expect(guards.isNetworkError(t)).toBe(true)
    expect(guards.isLumenApiError(t)).toBe(true)
    expect(guards.isServerError(t)).toBe(false)
    expect(guards.isLumenApiError(new Error('x'))).toBe(false)
    expect(guards.isLumenApiError({ name: 'PaywallError' })).toBe(false)
    expect(guards.isLumenApiError(null)).toBe(false)
  })

  it('work across two copies of the package (instanceof does not)', async () => {
    // @ts-expect-error a second module instance, as with two installed copies of the package
    const copy = (await import('../../../src/client/errors.ts?copy=2')) as typeof import('../../../src/client/errors.js')
    const foreign = new copy.PaywallError({ status: 402, code: 'PAYWALL' }, { feature: 'reports' })
    expect(foreign instanceof PaywallError).toBe(false)
    expect(guards.isPaywallError(foreign)).toBe(true)
    expect(guards.isLumenApiError(foreign)).toBe(true)
    expect(guards.isSessionExpiredError(new copy.SessionExpiredError())).toBe(true)
    expect(guards.isUnauthorizedError(new copy.SessionExpiredError())).toBe(true)
    expect(guards.isForbiddenError(foreign)).toBe(false)
  })
})

describe('errors built by your own code from a message (the seed: `throw new ForbiddenError("No active Lumen HR license for this org")`)', () => {
  it('keep the message as given, with the status and code of their class', () => {
    const e = new ForbiddenError('No active Lumen HR license for this org')
    expect(e).toBeInstanceOf(ForbiddenError)
    expect(e).toBeInstanceOf(LumenApiError)
    expect(e).toMatchObject({ name: 'ForbiddenError', message: 'No active Lumen HR license for this org', status: 403, code: 'FORBIDDEN' })
    expect(() => {
      throw e
    }).toThrow('No active Lumen HR license for this org')
    expect(guards.isForbiddenError(e)).toBe(true)
    expect(new NotFoundError('no such org')).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'no such org' })
    expect(new ConflictError('taken')).toMatchObject({ status: 409, code: 'CONFLICT' })
    expect(new UnauthorizedError('who?')).toMatchObject({ status: 401, code: 'UNAUTHORIZED' })
    expect(new ValidationError('bad input')).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [] })
    expect(new PaywallError('upgrade')).toMatchObject({ status: 402, code: 'PAYWALL', requiredTier: null })
    expect(new LimitExceededError('slow down', 30)).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfter: 30 })
    expect(new ServerError('down')).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' })
    expect(new TimeoutError('too slow')).toMatchObject({ status: 0, code: 'TIMEOUT', message: 'too slow' })
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ message: 'No active Lumen HR license for this org', status: 403 })
  })
})
