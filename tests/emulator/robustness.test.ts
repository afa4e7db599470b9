/**
 * Hostile and odd input: nothing crashes the process, nothing hangs, every answer carries an
 * `x-request-id` and every error is the docs/api.md envelope, and nothing changes on a refused request.
 */
import { connect } from 'node:net'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { form, TEXT } from './fixtures.js'

const emu = useEmulator()
let bob: string
beforeAll(async () => {
  bob = (await emu.login('bob')).accessToken
})

const envelope = { error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) }, requestId: expect.stringMatching(/^req_/) }

/** Write raw bytes on a fresh socket; resolve with everything the server sent before closing. */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    const socket = connect(emu.port, '127.0.0.1', () => socket.end(bytes))
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer in 5 s: ${out}`)))
    socket.on('data', (d) => (out += d.toString('latin1')))
    socket.on('error', reject)
    socket.on('close', () => resolve(out))
  })
}

function parseRaw(text: string) {
  const [head, body = ''] = text.split('\r\n\r\n')
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1])
  const requestId = /\r\nx-request-id: (\S+)/i.exec(head!)?.[1]
  return { status, requestId, body: JSON.parse(body) as { requestId: string } }
}

describe('x-request-id on every response', () => {
  it('2xx, 204, 404, 405, 413, faults, replays, HEAD and CORS preflights (allowed or not)', async () => {
    const responses: [string, Response][] = [
      ['200', await emu.fetch('/api/v1/products/lumen-hr')],
      ['HEAD', await emu.fetch('/api/v1/products/lumen-hr', { method: 'HEAD' })],
      ['204', await emu.fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"refreshToken":"lrt_x"}' })],
      ['404', await emu.fetch('/api/v1/nope')],
      ['404 outside the API', await emu.fetch('/favicon.ico')],
      ['405', await emu.fetch('/api/v1/auth/login', { method: 'PURGE' })],
      ['413', await emu.fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(200_000) })],
      ['preflight', await emu.fetch('/api/v1/auth/me', { method: 'OPTIONS', headers: { origin: 'http://localhost:6006', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } })],
      ['foreign preflight', await emu.fetch('/api/v1/auth/me', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } })],
      ['emulator control', await emu.fetch('/__emulator/clock')],
    ]
    await emu.fault({ route: '/products/lumen-crm', status: 502, htmlBody: true, times: 1 })
    responses.push(['HTML fault', await emu.fetch('/api/v1/products/lumen-crm')])
    await emu.fault({ route: '/products/lumen-crm', status: 500, phase: 'response', times: 1 })
    responses.push(['response-phase fault', await emu.fetch('/api/v1/products/lumen-crm')])
    const replay = { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'rid-replay' }, body: '{"refreshToken":"lrt_y"}' }
    await emu.fetch('/api/v1/auth/logout', replay)
    const replayed = await emu.fetch('/api/v1/auth/logout', replay)
    expect(replayed.headers.get('idempotent-replayed')).toBe('true')
    responses.push(['replay', replayed])
    const ids = new Set<string>()
    for (const [label, res] of responses) {
      const id = res.headers.get('x-request-id')
      expect(id, label).toMatch(/^req_[\w-]+$/)
      ids.add(id!)
      if (res.status >= 400 && !/html/.test(res.headers.get('content-type') ?? '')) {
        const body = (await res.json()) as { requestId: string }
        expect(body, label).toEqual(envelope)
        expect(body.requestId, label).toBe(id)
      }
    }
    expect(ids.size).toBe(responses.length)
  })

  it("requests Node's parser refuses (huge headers, an unknown method, garbage) get an envelope too", async () => {
    const big = parseRaw(await raw(`GET /api/v1/products/lumen-hr HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`))
    expect(big.status).toBe(431)
    expect(big.body).toEqual(envelope)
    expect(big.body.requestId).toBe(big.requestId)
    for (const request of ['FOO /api/v1/auth/me HTTP/1.1\r\nHost: x\r\n\r\n', 'garbage\r\n\r\n', Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a])]) {
      const r = parseRaw(await raw(request))
      expect(r.status).toBe(400)
      expect(r.body).toEqual({ ...envelope, error: { ...envelope.error, code: 'MALFORMED_REQUEST' } })
      expect(r.body.requestId).toBe(r.requestId)
    }
    // Through fetch as well: an unknown method.
    const foo = await emu.fetch('/api/v1/products/lumen-hr', { method: 'FOO' })
    expect(foo.status).toBe(400)
    expect(foo.headers.get('x-request-id')).toMatch(/^req_/)
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
  })
})

describe('nasty input', () => {
  it('invalid UTF-8, deep nesting, __proto__ keys, huge numbers: 400 envelopes, no prototype pollution', async () => {
    const post = (path: string, body: string | Buffer, token?: string) => emu.fetch(`/api/v1${path}`, {
      method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    })
    const cases: [string, string | Buffer][] = [
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x65, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
      ['lone surrogate escape', '{"email":"\\ud800@lumen.test","password":"x"}'],
      ['deep array', '['.repeat(40_000) + ']'.repeat(40_000)],
      ['deep object', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
      ['__proto__', '{"__proto__":{"email":"demo@lumen.test","password":"lumen-demo-pass"}}'],
      ['constructor', '{"constructor":{"prototype":{"polluted":true}},"email":"x@y.z","password":"12345678"}'],
    ]
    for (const [label, body] of cases) {
      const res = await post('/auth/login', body)
      expect(res.status, label).toBeGreaterThanOrEqual(400)
      expect(res.status, label).toBeLessThan(500)
      expect(await res.json(), label).toEqual(envelope)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).email).toBeUndefined()

    // __proto__ inside metadata is stored as plain data and read back as such.
    const up = await emu.api('POST', '/assets', { token: bob, body: form({ app: 'nasty', kind: 'k', ownerType: 'user', metadata: '{"__proto__":{"admin":true},"a":1}' }, { bytes: TEXT, name: 'n.txt' }) })
    expect(up.status).toBe(201)
    const patched = await emu.fetch(`/api/v1/assets/${up.body.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${bob}` }, body: '{"metadata":{"__proto__":{"admin":true},"b":2}}',
    })
    expect(patched.status).toBe(200)
    const text = await patched.text()
    expect(text).toContain('"__proto__":{"admin":true}')
    expect((JSON.parse(text) as { metadata: Record<string, unknown> }).metadata.b).toBe(2)
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  it('negative, fractional, huge and non-numeric numbers are refused with 400 and change nothing', async () => {
    for (const unitCount of [-1, 1.5, '1e3', 'NaN', null, true, [], {}]) {
      const r = await emu.api('POST', '/service/usage', { serviceKey: true, body: { organizationId: 'org_acme', productSlug: 'lumen-hr', unitCount } })
      expect(r.status, JSON.stringify(unitCount)).toBe(400)
    }
    const inf = await emu.fetch('/api/v1/service/usage', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-service-api-key': 'lumen_sk_emulator_local' },
      body: '{"organizationId":"org_acme","productSlug":"lumen-hr","unitCount":1e400}',
    })
    expect(inf.status).toBe(400)
    for (const q of ['page=-1', 'page=0', 'page=NaN', 'page=1e999', 'limit=-5', 'limit=1.5', 'page=99999999999999999999']) {
      const r = await emu.api('GET', `/assets?${q}`, { token: bob })
      expect(r.status, q).toBe(400)
      expect(r.body, q).toEqual(envelope)
    }
    const demo = (await emu.login('demo')).accessToken
    expect((await emu.api('GET', '/licenses/lumen-hr', { token: demo, org: 'org_acme' })).body.usage.seats).toBe(12)
  })

  it('emulator controls refuse out-of-range numbers instead of breaking the clock', async () => {
    const control = (path: string, body: unknown) => emu.fetch(`/__emulator${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    for (const body of [{ advance: 1e308 }, { advance: -5 }, { advance: '99999999999999999999d' }, { advanceMs: 1e20 }, { advanceMs: -1 }, { advance: 'soon' }, {}]) {
      const r = await control('/clock', body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(await r.json()).toEqual(envelope)
    }
    for (const body of [{ route: '*', delayMs: -1 }, { route: '*', delayMs: 1e12 }, { route: '*', times: 0 }, { route: '*', status: 42 }, { route: '*', status: 'x' }, { route: 5 }]) {
      expect((await control('/faults', body)).status, JSON.stringify(body)).toBe(400)
    }
    expect(((await (await emu.fetch('/__emulator/faults')).json()) as { faults: unknown[] }).faults).toEqual([])
    // Time still works: tokens are issued and accepted.
    const { accessToken } = await emu.login('gus')
    expect((await emu.api('GET', '/auth/me', { token: accessToken })).status).toBe(200)
  })

  it('very long strings and headers are refused or harmless', async () => {
    const long = 'x'.repeat(20_000)
    const login = await emu.api('POST', '/auth/login', { body: { email: `${long}@lumen.test`, password: long } })
    expect(login.status).toBe(400)
    expect(login.body.error.details.map((d: { field: string }) => d.field)).toEqual(['email', 'password'])
    const reg = await emu.api('POST', '/auth/register', { body: { email: 'long@lumen.test', password: 'long-enough', firstName: long, lastName: 'L' } })
    expect(reg.status).toBe(400)
    expect((await emu.api('POST', '/auth/login', { body: { email: 'long@lumen.test', password: 'long-enough' } })).status).toBe(401)
    const org = await emu.api('GET', '/licenses/lumen-hr', { token: bob, org: 'o'.repeat(8_000) })
    expect(org.status).toBe(403)
    expect(org.body.error.code).toBe('NOT_A_MEMBER')
    const key = await emu.api('POST', '/auth/logout', { body: { refreshToken: 'x' }, headers: { 'idempotency-key': 'k'.repeat(1_000) } })
    expect(key.status).toBe(400)
    expect((await emu.api('GET', `/assets/${'a'.repeat(4_000)}`, { token: bob })).status).toBe(404)
  })

  it('multipart without a file, with a broken boundary or a file in a text field: 400, nothing stored', async () => {
    const before = (await emu.api('GET', '/assets', { token: bob })).body.total
    const noFile = await emu.api('POST', '/assets', { token: bob, body: form({ app: 'a', kind: 'k', ownerType: 'user' }) })
    expect(noFile.status).toBe(400)
    expect(noFile.body.error.details).toEqual([{ field: 'file', message: 'Required.' }])
    const broken = await emu.fetch('/api/v1/assets', {
      method: 'POST', headers: { authorization: `Bearer ${bob}`, 'content-type': 'multipart/form-data; boundary=abc' }, body: '--abc\r\nContent-Disposition: form-data; name="file"\r\n\r\nunterminated',
    })
    expect(broken.status).toBe(400)
    expect(await broken.json()).toEqual(envelope)
    const noBoundary = await emu.fetch('/api/v1/assets', { method: 'POST', headers: { authorization: `Bearer ${bob}`, 'content-type': 'multipart/form-data' }, body: 'x' })
    expect(noBoundary.status).toBe(400)
    const fd = form({ kind: 'k', ownerType: 'user' }, { bytes: TEXT, name: 'a.txt' })
    fd.set('app', new Blob(['x']), 'app.txt')
    const fileAsField = await emu.api('POST', '/assets', { token: bob, body: fd })
    expect(fileAsField.status).toBe(400)
    expect(fileAsField.body.error.details).toEqual([{ field: 'app', message: 'Must be a string.' }])
    const photo = await emu.api('PUT', '/auth/me/photo', { token: bob, body: form({ file: 'not a file' }) })
    expect(photo.status).toBe(400)
    expect((await emu.api('GET', '/assets', { token: bob })).body.total).toBe(before)
  })

  it('a slow client cannot stall other requests', async () => {
    // Headers sent, body never finished: other requests are answered meanwhile.
    const socket = connect(emu.port, '127.0.0.1', () => socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em`))
    socket.on('error', () => {})
    try {
      const t0 = Date.now()
      expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
      expect(Date.now() - t0).toBeLessThan(2_000)
    } finally {
      socket.destroy()
    }
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
  })
})
