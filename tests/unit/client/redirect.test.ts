// Credentials never follow a redirect: API calls don't follow one at all; client.fetch returns it.
import { afterEach, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { LumenApiError } from '../../../src/client/errors.js'
import { json, startStub } from './helpers/httpStub.js'
import type { Stub } from './helpers/httpStub.js'

let api: Stub
let evil: Stub
afterEach(async () => {
  await api?.close()
  await evil?.close()
})

async function redirecting(status: number) {
  evil = await startStub(() => json(200, { accessToken: 'a', refreshToken: 'r', user: {}, valid: true }))
  api = await startStub((r) => ({ status, headers: { location: `${evil.url}${r.url}` } }))
}

it('a 302 from the API to another origin is not followed: the service key stays home, a typed error results', async () => {
  await redirecting(302)
  const svc = new LumenAccountClient({ baseUrl: api.url, serviceApiKey: 'lumen_sk_secret_1234' })
  const e = await svc.service.checkLicense('org_1', 'lumen-hr').catch((x: unknown) => x)
  expect(evil.requests).toHaveLength(0)
  expect(e).toBeInstanceOf(LumenApiError)
  expect(e).toMatchObject({ status: 302, code: 'HTTP_302', method: 'GET' })
  expect(api.requests).toHaveLength(1) // a redirect is final, not retried
})

it('a 307 on login does not re-post the password to another origin', async () => {
  await redirecting(307)
  const c = new LumenAccountClient({ baseUrl: api.url })
  await expect(c.auth.login('a@b.test', 'hunter2-password')).rejects.toMatchObject({ status: 307 })
  expect(evil.requests).toHaveLength(0)
  expect(await c.hasTokens()).toBe(false)
})

it('client.fetch: a redirect to another (even allowed) origin is returned, never sent on with Authorization or x-organization-id', async () => {
  await redirecting(302)
  const c = new LumenAccountClient({ baseUrl: 'http://127.0.0.1:9', accessToken: 'acc_secret_1', allowedOrigins: [api.url, evil.url] })
  c.setActiveOrg('org_1')
  const res = await c.fetch(`${api.url}/api/report`, { method: 'GET' })
  expect(api.requests[0]!.headers).toMatchObject({ authorization: 'Bearer acc_secret_1', 'x-organization-id': 'org_1' })
  expect(evil.requests).toHaveLength(0)
  expect(res.status).toBe(302)
  expect(res.headers.get('location')).toBe(`${evil.url}/api/report`)
})

it("client.fetch: a 307 doesn't re-post the body elsewhere; redirect: 'error' is honoured", async () => {
  await redirecting(307)
  const c = new LumenAccountClient({ baseUrl: 'http://127.0.0.1:9', accessToken: 'acc_secret_1', allowedOrigins: [api.url], retry: false })
  const res = await c.fetch(`${api.url}/api/pay`, { method: 'POST', body: '{"card":"4242"}' })
  expect(res.status).toBe(307)
  await expect(c.fetch(`${api.url}/api/pay`, { method: 'POST', body: '{}', redirect: 'error' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
  expect(evil.requests).toHaveLength(0)
})
