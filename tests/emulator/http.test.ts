import { describe, expect, it } from 'vitest'
import { ROUTES } from '../../src/contract/routes.js'
import { bootEmulator, SEED } from '../helpers/emulator.js'
import { useEmulator } from '../helpers/emulatorSuite.js'

const emu = useEmulator()

const envelope = { error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) }, requestId: expect.stringMatching(/^req_/) }

describe('the error envelope', () => {
  it('unknown routes 404, known paths with another method 405 + Allow', async () => {
    const nf = await emu.api('GET', '/nope/nope')
    expect(nf.status).toBe(404)
    expect(nf.body).toEqual(envelope)
    expect(nf.body.requestId).toBe(nf.headers.get('x-request-id'))
    const na = await emu.api('DELETE', '/auth/login')
    expect(na.status).toBe(405)
    expect(na.headers.get('allow')).toBe('POST')
    expect(na.body).toEqual(envelope)
    expect((await emu.api('PUT', '/assets/ast_x')).headers.get('allow')).toBe('GET, PATCH, DELETE')
    expect((await emu.api('GET', '/auth/me/')).status).toBe(404)
    expect((await emu.api('GET', '/assets/%E0%A4%A')).status).toBe(401)
  })

  it('malformed JSON → 400, a non-object → 400, a foreign content type → 415, oversize JSON → 413', async () => {
    const send = (body: string, type = 'application/json') => emu.api('POST', '/auth/login', { body, headers: { 'content-type': type } })
    const malformed = await send('{"email": "demo@lumen.test", ')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body', message: 'Malformed JSON.' }] })
    for (const body of ['[]', '"x"', 'null', '42']) expect((await send(body)).status).toBe(400)
    expect((await send('email=x', 'application/x-www-form-urlencoded')).status).toBe(415)
    const big = await send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(200 * 1024) }))
    expect(big.status).toBe(413)
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('survives garbage on every route: always an envelope or a 2xx, never a crash', async () => {
    const { accessToken } = await emu.login('bob')
    const bodies = ['\u0000\u0001\u0002', '{"a":', '{"email":{"$gt":""},"password":[1]}', 'x'.repeat(5000), '']
    for (const route of Object.values(ROUTES)) {
      const path = route.path.replace(':id', 'ast_x').replace(':productSlug', 'lumen-hr')
      for (const body of bodies) {
        for (const type of ['application/json', 'multipart/form-data; boundary=zzz', 'text/plain']) {
          const res = await emu.fetch(`/api/v1${path}`, {
            method: route.method, body: route.method === 'GET' ? undefined : body,
            headers: { 'content-type': type, authorization: `Bearer ${accessToken}`, 'x-organization-id': 'org_acme' },
          })
          const text = await res.text()
          expect(res.status, `${route.method} ${path}`).toBeLessThan(500)
          if (res.status >= 400) expect(JSON.parse(text)).toEqual(envelope)
        }
      }
    }
    expect((await emu.api('GET', '/auth/me', { token: accessToken })).status).toBe(200)
  })
})

describe('CORS', () => {
  it('answers preflights from the playground and Storybook with the client headers', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:5173', 'http://localhost:6006']) {
      const res = await emu.fetch('/api/v1/auth/me', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type,x-organization-id,idempotency-key' },
      })
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe(origin)
      const allowed = res.headers.get('access-control-allow-headers')!
      for (const h of ['authorization', 'content-type', 'x-organization-id', 'x-service-api-key', 'idempotency-key']) expect(allowed).toContain(h)
      expect(res.headers.get('access-control-allow-methods')).toContain('PATCH')
    }
    const err = await emu.fetch('/api/v1/auth/me', { headers: { origin: 'http://localhost:5173' } })
    expect(err.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(err.headers.get('access-control-expose-headers')).toMatch(/x-request-id.*Retry-After/i)
    const foreign = await emu.fetch('/api/v1/auth/me', { headers: { origin: 'https://evil.example' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('browser-visible answers keep the CORS headers: injected faults, replays, 404s, 400s', async () => {
    const origin = 'http://localhost:6006'
    await emu.fault({ route: '/products/lumen-hr', status: 429, headers: { 'Retry-After': '3' }, times: 1 })
    await emu.fault({ route: '/products/lumen-crm', status: 503, phase: 'response', times: 1 })
    const replay = { method: 'POST', headers: { origin, 'content-type': 'application/json', 'idempotency-key': 'cors-replay' }, body: '{"refreshToken":"x"}' }
    await emu.fetch('/api/v1/auth/logout', replay)
    const answers = [
      await emu.fetch('/api/v1/products/lumen-hr', { headers: { origin } }),
      await emu.fetch('/api/v1/products/lumen-crm', { headers: { origin } }),
      await emu.fetch('/api/v1/auth/logout', replay),
      await emu.fetch('/api/v1/nope', { headers: { origin } }),
      await emu.fetch('/api/v1/auth/login', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{' }),
    ]
    expect(answers.map((r) => r.status)).toEqual([429, 503, 204, 404, 400])
    for (const r of answers) {
      expect(r.headers.get('access-control-allow-origin')).toBe(origin)
      expect(r.headers.get('access-control-expose-headers')).toMatch(/x-request-id.*Retry-After/i)
    }
    expect(answers[0]!.headers.get('retry-after')).toBe('3')
  })

  it('is configurable', async () => {
    const other = await bootEmulator({ corsOrigins: ['http://localhost:9999'], seed: false })
    try {
      const res = await other.fetch('/api/v1/products/lumen-hr', { headers: { origin: 'http://localhost:9999' } })
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:9999')
      expect(res.status).toBe(404) // no seed, no products
    } finally {
      await other.close()
    }
  })
})

describe('Idempotency-Key', () => {
  it('replays the stored response for a repeated key; the side effect happens once', async () => {
    const { accessToken } = await emu.login('bob')
    const fd = () => { const f = new FormData(); f.set('app', 'idem'); f.set('kind', 'k'); f.set('ownerType', 'user'); f.set('file', new Blob(['hi']), 'a.txt'); return f }
    const headers = { 'idempotency-key': 'key-upload-1' }
    const first = await emu.api('POST', '/assets', { token: accessToken, body: fd(), headers })
    const second = await emu.api('POST', '/assets', { token: accessToken, body: fd(), headers })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect((await emu.api('GET', '/assets?app=idem', { token: accessToken })).body.total).toBe(1)
  })

  it('counts usage once when the first response was lost (fault after the handler)', async () => {
    const body = { organizationId: 'org_acme', productSlug: 'lumen-hr', unitCount: 15 }
    await emu.fault({ route: '/api/v1/service/usage', status: 503, phase: 'response', times: 1 })
    const headers = { 'idempotency-key': 'usage-15' }
    const lost = await emu.api('POST', '/service/usage', { serviceKey: true, body, headers })
    expect(lost.status).toBe(503)
    const retry = await emu.api('POST', '/service/usage', { serviceKey: true, body, headers })
    expect(retry.body).toEqual({ accepted: true })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    // A different body under the same key is refused.
    const mismatch = await emu.api('POST', '/service/usage', { serviceKey: true, body: { ...body, unitCount: 16 }, headers })
    expect(mismatch.status).toBe(422)
  })

  it('two concurrent requests with one key run the handler once (the second waits for the first)', async () => {
    // register hashes the password (scrypt, async): the second request arrives while the first runs.
    const body = { email: 'race@lumen.test', password: 'long-enough', firstName: 'R', lastName: 'C' }
    const headers = { 'idempotency-key': 'race-1' }
    const [a, b] = await Promise.all([
      emu.api('POST', '/auth/register', { body, headers }),
      emu.api('POST', '/auth/register', { body, headers }),
    ])
    expect([a.status, b.status]).toEqual([201, 201])
    expect(a.body.user.id).toBe(b.body.user.id)
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort()).toEqual(['true', null].sort())
  })

  it('does not store 401s, so a retry after a token refresh runs for real', async () => {
    const login = await emu.login('bob')
    await emu.expireTokens()
    const headers = { 'idempotency-key': 'switch-1' }
    const expired = await emu.api('POST', '/auth/switch-org', { token: login.accessToken, body: { organizationId: 'org_acme' }, headers })
    expect(expired.status).toBe(401)
    const fresh = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    const ok = await emu.api('POST', '/auth/switch-org', { token: fresh.body.accessToken, body: { organizationId: 'org_acme' }, headers })
    expect(ok.status).toBe(200)
  })
})

describe('faults', () => {
  it('injects a status a number of times, then the route works again', async () => {
    const f = await emu.fault({ route: '/api/v1/products/:slug', status: 503, times: 2 })
    expect(f).toMatchObject({ id: expect.any(String), remaining: 2 })
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(503)
    const second = await emu.api('GET', '/products/lumen-hr')
    expect(second.body).toEqual({ ...envelope, error: { ...envelope.error, code: 'INTERNAL_ERROR' } })
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
  })

  it('serves an HTML proxy page, custom envelopes and headers, per method', async () => {
    await emu.fault({ route: '/products/lumen-hr', method: 'GET', status: 502, htmlBody: true, times: 1 })
    const html = await emu.fetch('/api/v1/products/lumen-hr')
    expect(html.status).toBe(502)
    expect(html.headers.get('content-type')).toMatch(/text\/html/)
    expect(await html.text()).toContain('502 Bad Gateway')
    await emu.fault({ route: '/api/v1/licenses/*', status: 402, error: { code: 'PAYWALL', product: 'lumen-hr', feature: 'sso', requiredTier: 'enterprise', upgradeUrl: 'http://x' }, times: 1 })
    const { accessToken } = await emu.login('demo')
    const paywall = await emu.api('GET', '/licenses/lumen-hr', { token: accessToken, org: 'org_acme' })
    expect(paywall.status).toBe(402)
    expect(paywall.body.error).toMatchObject({ code: 'PAYWALL', feature: 'sso', requiredTier: 'enterprise' })
    await emu.fault({ route: '*', status: 429, headers: { 'Retry-After': '2' }, method: 'DELETE', times: 1 })
    const limited = await emu.api('DELETE', '/assets/ast_x', { token: accessToken })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
  })

  it('delays and drops connections', async () => {
    await emu.fault({ route: '/api/v1/products/lumen-crm', delayMs: 150, times: 1 })
    const t0 = Date.now()
    expect((await emu.api('GET', '/products/lumen-crm')).status).toBe(200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    await emu.fault({ route: '/api/v1/products/lumen-crm', dropConnection: true, times: 1 })
    await expect(emu.fetch('/api/v1/products/lumen-crm')).rejects.toThrow()
    expect((await emu.api('GET', '/products/lumen-crm')).status).toBe(200)
  })

  it('lists, deletes and validates faults; reset clears them and restores the seed', async () => {
    const f = await emu.fault({ route: '/api/v1/auth/me', status: 500 })
    expect(((await (await emu.fetch('/__emulator/faults')).json()) as { faults: unknown[] }).faults).toHaveLength(1)
    expect((await emu.fetch(`/__emulator/faults/${f.id}`, { method: 'DELETE' })).status).toBe(204)
    const bad = await emu.fetch('/__emulator/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'x' }) })
    expect(bad.status).toBe(400)
    await emu.fault({ route: '*', status: 500 })
    await emu.api('POST', '/auth/register', { body: { email: 'temp@lumen.test', password: 'long-enough', firstName: 'T', lastName: 'T' } })
    expect((await emu.fetch('/__emulator/reset', { method: 'POST' })).status).toBe(200)
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
    expect((await emu.api('POST', '/auth/login', { body: { email: 'temp@lumen.test', password: 'long-enough' } })).status).toBe(401)
    expect((await emu.login('demo')).user.id).toBe(SEED.users.demo.id)
  })
})

describe('emulator info', () => {
  it('GET /__emulator names the logins, the service key and the invitation', async () => {
    const info = (await (await emu.fetch('/__emulator')).json()) as Record<string, unknown>
    expect(info).toMatchObject({ serviceKey: 'lumen_sk_emulator_local', invitation: { token: SEED.invitation.token } })
  })
})
