/**
 * What a race, a replay or a hostile web page could do to the emulator (issue 10, items 10–14), and
 * the reuse-detection count of `GET /__emulator` (issue 13). Each test failed on the code before
 * its fix.
 */
import { request } from 'node:http'
import { describe, expect, it, vi } from 'vitest'
import { bootEmulator, INVITATION_TOKEN, SEED } from '../helpers/emulator.js'
import { useEmulator } from '../helpers/emulatorSuite.js'

const emu = useEmulator({ resetBeforeEach: true })

const reuseDetections = async () => ((await (await emu.fetch('/__emulator')).json()) as { reuseDetections: number }).reuseDetections

/** A raw request, so the test controls every header (fetch sets Host and Origin itself). */
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const url = new URL(emu.url + path)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: init.method ?? 'GET', headers: init.headers, timeout: 10_000 }, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(init.body)
  })
}

describe('10: the login rate limit holds against parallel guesses', () => {
  it('30 parallel wrong guesses: at most 5 are checked, the rest 429; the right password is refused afterwards', async () => {
    const email = SEED.users.ada.email
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      emu.api('POST', '/auth/login', { body: { email, password: `wrong-guess-${i}` } })))
    const statuses = guesses.map((g) => g.status)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25)
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
    const right = await emu.api('POST', '/auth/login', { body: { email, password: SEED.password } })
    expect(right.status).toBe(429)
  })
})

describe('11: an Idempotency-Key replay of /auth/refresh does not bypass reuse detection', () => {
  it('the same key after the grace window revokes the session instead of replaying the stored tokens', async () => {
    const login = await emu.login('bob')
    const headers = { 'idempotency-key': 'refresh-key-1' }
    const first = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken }, headers })
    expect(first.status).toBe(200)
    await emu.advanceClock('11s')
    const replay = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken }, headers })
    expect(replay.status).toBe(401)
    expect(replay.body.error.code).toBe('INVALID_REFRESH_TOKEN')
    expect(replay.headers.get('idempotent-replayed')).toBeNull()
    const me = await emu.api('GET', '/auth/me', { token: first.body.accessToken })
    expect(me.body.error.code).toBe('SESSION_REVOKED')
    expect(await reuseDetections()).toBe(1)
  })
})

describe('12: single-use tokens are used once', () => {
  async function resetToken(email: string): Promise<string> {
    await emu.api('POST', '/auth/password-reset/request', { body: { email } })
    return (await emu.outbox(email)).at(-1)!.token!
  }

  it('two concurrent confirms of one reset token: one succeeds, the other is 400 INVALID_TOKEN', async () => {
    const token = await resetToken(SEED.users.bob.email)
    const [a, b] = await Promise.all(['first-new-pass', 'second-new-pass'].map((newPassword) =>
      emu.api('POST', '/auth/password-reset/confirm', { body: { token, newPassword } })))
    expect([a!.status, b!.status].sort()).toEqual([200, 400])
    const loser = a!.status === 400 ? a! : b!
    expect(loser.body.error.code).toBe('INVALID_TOKEN')
    // The winner's password is the one that works.
    const winner = a!.status === 200 ? 'first-new-pass' : 'second-new-pass'
    expect((await emu.api('POST', '/auth/login', { body: { email: SEED.users.bob.email, password: winner } })).status).toBe(200)
  })

  it('a successful reset invalidates every other outstanding reset token of the user', async () => {
    const older = await resetToken(SEED.users.bob.email)
    const newer = await resetToken(SEED.users.bob.email)
    expect((await emu.api('POST', '/auth/password-reset/confirm', { body: { token: newer, newPassword: 'newer-password' } })).status).toBe(200)
    const stale = await emu.api('POST', '/auth/password-reset/confirm', { body: { token: older, newPassword: 'older-password' } })
    expect(stale.status).toBe(400)
    expect(stale.body.error.code).toBe('INVALID_TOKEN')
    expect((await emu.api('POST', '/auth/login', { body: { email: SEED.users.bob.email, password: 'newer-password' } })).status).toBe(200)
  })

  it('racing invitation accepts: one 201, the other 409 INVITATION_USED (never 500)', async () => {
    const body = { token: INVITATION_TOKEN, firstName: 'Carol', lastName: 'Race', password: 'str0ng-pass' }
    const results = await Promise.all([1, 2, 3].map(() => emu.api('POST', '/auth/invitations/accept', { body })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('INVITATION_USED')
  })

  it('racing registrations of one email: one 201, the others 409 EMAIL_TAKEN (never 500)', async () => {
    const body = { email: 'twin@lumen.test', password: 'long-enough', firstName: 'T', lastName: 'W', organizationName: 'Twins' }
    const results = await Promise.all([1, 2, 3].map(() => emu.api('POST', '/auth/register', { body })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('EMAIL_TAKEN')
  })
})

describe('13: the grace window never hands out a rotated token', () => {
  it('a parent presented again after its child was rotated gets the newest token of the family', async () => {
    const login = await emu.login('bob')
    const child = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    const grandchild = await emu.api('POST', '/auth/refresh', { body: { refreshToken: child.body.refreshToken } })
    expect(grandchild.status).toBe(200)
    const late = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    expect(late.status).toBe(200)
    expect(late.body.refreshToken).not.toBe(child.body.refreshToken)
    expect(late.body.refreshToken).toBe(grandchild.body.refreshToken)
    // The newest token still rotates normally, and nothing counted as reuse.
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: late.body.refreshToken } })).status).toBe(200)
    expect(await reuseDetections()).toBe(0)
  })
})

describe('14: a web page cannot drive the emulator', () => {
  it('a JSON body without Content-Type (a form or text/plain "simple request") is 415 and changes nothing', async () => {
    const body = JSON.stringify({ email: 'page@lumen.test', password: 'long-enough', firstName: 'P', lastName: 'G' })
    const none = await raw('/api/v1/auth/register', { method: 'POST', body })
    expect(none.status).toBe(415)
    expect(none.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    const plain = await raw('/api/v1/auth/register', { method: 'POST', body, headers: { 'content-type': 'text/plain' } })
    expect(plain.status).toBe(415)
    const faults = await raw('/__emulator/faults', { method: 'POST', body: JSON.stringify({ route: '*', status: 500 }) })
    expect(faults.status).toBe(415)
    expect((await emu.api('POST', '/auth/login', { body: { email: 'page@lumen.test', password: 'long-enough' } })).status).toBe(401)
    expect((await (await emu.fetch('/__emulator/faults')).json()).faults).toEqual([])
  })

  it('refuses a Host that is not the bound address or localhost (DNS rebinding)', async () => {
    const rebound = await raw('/__emulator/outbox', { headers: { host: `evil.example:${new URL(emu.url).port}` } })
    expect(rebound.status).toBe(421)
    expect(rebound.body.error.code).toBe('HOST_NOT_ALLOWED')
    expect(JSON.stringify(rebound.body)).not.toContain('token=')
    const api = await raw('/api/v1/products/lumen-hr', { headers: { host: 'evil.example' } })
    expect(api.status).toBe(421)
    for (const host of [`localhost:${new URL(emu.url).port}`, `127.0.0.1:${new URL(emu.url).port}`, 'localhost']) {
      expect((await raw('/api/v1/products/lumen-hr', { headers: { host } })).status, host).toBe(200)
    }
  })

  it('refuses cross-site Origins on /__emulator; loopback origins (playground, e2e) pass', async () => {
    const evil = await raw('/__emulator/reset', { method: 'POST', headers: { origin: 'https://evil.example' } })
    expect(evil.status).toBe(403)
    expect(evil.body.error.code).toBe('ORIGIN_NOT_ALLOWED')
    const opaque = await raw('/__emulator/faults', { method: 'DELETE', headers: { origin: 'null' } })
    expect(opaque.status).toBe(403)
    // Nothing was reset: a user registered before is still there.
    await emu.api('POST', '/auth/register', { body: { email: 'kept@lumen.test', password: 'long-enough', firstName: 'K', lastName: 'P' } })
    expect((await raw('/__emulator/reset', { method: 'POST', headers: { origin: 'https://evil.example' } })).status).toBe(403)
    expect((await emu.api('POST', '/auth/login', { body: { email: 'kept@lumen.test', password: 'long-enough' } })).status).toBe(200)
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:5173', 'http://127.0.0.1:4311']) {
      expect((await raw('/__emulator/outbox', { headers: { origin } })).status, origin).toBe(200)
    }
    // The API itself keeps plain CORS: a cross-site GET is answered (without CORS headers).
    expect((await raw('/api/v1/products/lumen-hr', { headers: { origin: 'https://evil.example' } })).status).toBe(200)
  })

  it('allowOrigins replaces the loopback default', async () => {
    const custom = await bootEmulator({ allowOrigins: ['https://dev.example.test'] })
    try {
      const ask = (origin: string) => fetch(`${custom.url}/__emulator`, { headers: { origin } }).then((r) => r.status)
      expect(await ask('https://dev.example.test')).toBe(200)
      expect(await ask('http://localhost:5173')).toBe(403)
    } finally {
      await custom.close()
    }
  })

  it('warns when bound to anything but loopback', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const open = await bootEmulator({ host: '0.0.0.0' })
      await open.close()
      expect(warn.mock.calls.flat().join('\n')).toMatch(/\[lumen-emulator\].*0\.0\.0\.0/)
      warn.mockClear()
      const local = await bootEmulator({ host: '127.0.0.1' })
      await local.close()
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })
})

describe('issue 13: GET /__emulator counts refresh-token reuse detections', () => {
  it('starts at 0, counts each detection, and a reset sets it back to 0', async () => {
    expect(await reuseDetections()).toBe(0)
    const login = await emu.login('bob')
    await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    // Within the grace window: a race between tabs, not a reuse.
    await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    expect(await reuseDetections()).toBe(0)
    await emu.advanceClock('11s')
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })).status).toBe(401)
    expect(await reuseDetections()).toBe(1)
    await emu.reset()
    expect(await reuseDetections()).toBe(0)
  })
})
