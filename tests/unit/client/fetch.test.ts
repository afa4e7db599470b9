import { afterEach, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { LumenConfigError, OriginNotAllowedError, SessionExpiredError } from '../../../src/client/errors.js'
import { isOriginNotAllowedError } from '../../../src/client/guards.js'
import { FAST_RETRY, error, json, startStub } from './helpers/httpStub.js'
import type { Stub } from './helpers/httpStub.js'

let app: Stub
let lumen: Stub
afterEach(async () => {
  await app?.close()
  await lumen?.close()
})

async function setup(appHandler = (r: { headers: Record<string, unknown> }) =>
  r.headers.authorization === 'Bearer acc_2' ? json(200, { ok: true }) : error(401, 'TOKEN_EXPIRED')) {
  app = await startStub(appHandler as never)
  lumen = await startStub((r) => (r.path === '/auth/refresh' ? json(200, { accessToken: 'acc_2', refreshToken: 'ref_2' }) : { status: 204 }))
  return new LumenAccountClient({ baseUrl: lumen.url, accessToken: 'acc_1', refreshToken: 'ref_1', retry: FAST_RETRY, allowedOrigins: [app.url + '/'] })
}

describe('client.fetch', () => {
  it('calls an allowed origin with the token, refreshes on 401 and replays', async () => {
    const client = await setup()
    const res = await client.fetch(`${app.url}/api/things?x=1`, { method: 'GET', headers: { 'x-custom': '1' } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(app.requests.map((r) => r.headers.authorization)).toEqual(['Bearer acc_1', 'Bearer acc_2'])
    expect(app.requests[1]!.headers['x-custom']).toBe('1')
    expect(lumen.calls('POST', '/auth/refresh')).toHaveLength(1)
  })

  it('refuses a non-allowed origin with a typed error and sends nothing', async () => {
    const client = await setup()
    const other = await startStub(() => json(200, {}))
    try {
      const e = await client.fetch(`${other.url}/steal`).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(OriginNotAllowedError)
      expect(isOriginNotAllowedError(e)).toBe(true)
      expect((e as OriginNotAllowedError).origin).toBe(other.url)
      expect(other.requests).toHaveLength(0)
    } finally {
      await other.close()
    }
  })

  it('with no allowedOrigins everything is refused', async () => {
    const c = new LumenAccountClient({ baseUrl: 'http://127.0.0.1:9', accessToken: 'a' })
    await expect(c.fetch('https://example.com/x')).rejects.toBeInstanceOf(OriginNotAllowedError)
    await expect(c.fetch('/relative')).rejects.toBeInstanceOf(LumenConfigError)
  })

  it('relative URLs resolve against the first allowed origin outside a browser', async () => {
    const client = await setup(() => json(200, { ok: true }))
    await client.fetch('/api/me?y=2')
    expect(app.requests[0]!.url).toBe('/api/me?y=2')
  })

  it('sends x-organization-id, never the service key, and an explicit Authorization wins', async () => {
    app = await startStub(() => json(200, {}))
    const svc = new LumenAccountClient({ baseUrl: 'http://127.0.0.1:9', serviceApiKey: 'lumen_sk_x', allowedOrigins: [app.url] })
    svc.setActiveOrg('org_1')
    await svc.fetch(app.url + '/a')
    await svc.fetch(new Request(app.url + '/b', { headers: { authorization: 'Basic abc' } }))
    expect(app.requests[0]!.headers['x-service-api-key']).toBeUndefined()
    expect(app.requests[0]!.headers.authorization).toBeUndefined()
    expect(app.requests[0]!.headers['x-organization-id']).toBe('org_1')
    expect(app.requests[1]!.headers.authorization).toBe('Basic abc')
  })

  it('retries a GET on 503 and returns HTTP errors as the Response', async () => {
    let n = 0
    const client = await setup(() => (n++ < 1 ? error(503, 'X') : error(404, 'NOT_FOUND')))
    const res = await client.fetch(app.url + '/x')
    expect(res.status).toBe(404)
    expect(app.requests).toHaveLength(2)
  })

  it('a POST is not retried unless the caller set an Idempotency-Key; its body is replayed', async () => {
    const client = await setup(() => error(503, 'X'))
    const res = await client.fetch(app.url + '/x', { method: 'POST', body: '{"a":1}' })
    expect(res.status).toBe(503)
    expect(app.requests).toHaveLength(1)
    app.requests.length = 0
    await client.fetch(app.url + '/x', { method: 'POST', body: '{"a":1}', headers: { 'idempotency-key': 'k1' } })
    expect(app.requests.map((r) => [r.text, r.headers['idempotency-key']])).toEqual(Array(4).fill(['{"a":1}', 'k1']))
  })

  it('a failed refresh rejects with SessionExpiredError', async () => {
    app = await startStub(() => error(401, 'TOKEN_EXPIRED'))
    lumen = await startStub(() => error(401, 'INVALID_REFRESH_TOKEN'))
    const c = new LumenAccountClient({ baseUrl: lumen.url, accessToken: 'a', refreshToken: 'r', allowedOrigins: [app.url] })
    await expect(c.fetch(app.url + '/x')).rejects.toBeInstanceOf(SessionExpiredError)
  })
})
