import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { INVITATION_TOKEN, SEED } from '../helpers/emulator.js'
import { useEmulator } from '../helpers/emulatorSuite.js'

const emu = useEmulator()

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>

describe('login', () => {
  it('returns a JWT with sub, sid, iat, exp, an opaque refresh token and the user', async () => {
    const r = await emu.api('POST', '/auth/login', { body: { email: 'demo@lumen.test', password: SEED.password } })
    expect(r.status).toBe(200)
    expect(r.body.user).toEqual({ id: 'usr_demo', email: 'demo@lumen.test', firstName: 'Dana', lastName: 'Demo', photoUrl: null, createdAt: expect.any(String) })
    const claims = decode(r.body.accessToken)
    expect(claims).toMatchObject({ sub: 'usr_demo', sid: expect.stringMatching(/^sess_/) })
    expect((claims.exp as number) - (claims.iat as number)).toBe(15 * 60)
    expect(r.body.refreshToken).toMatch(/^lrt_/)
    expect(r.body.refreshToken.split('.')).toHaveLength(1)
  })

  it('fails generically for a wrong password and an unknown email alike', async () => {
    const wrong = await emu.api('POST', '/auth/login', { body: { email: 'bob@lumen.test', password: 'nope-nope' } })
    const unknown = await emu.api('POST', '/auth/login', { body: { email: 'nobody@lumen.test', password: 'nope-nope' } })
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401)
      expect(r.body.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect.', details: [] })
      expect(r.body.requestId).toBe(r.headers.get('x-request-id'))
    }
  })

  it('rate limits 5 failures per email+IP with 429 and Retry-After, even for the right password', async () => {
    const email = 'ada@lumen.test'
    for (let i = 0; i < 5; i++) {
      expect((await emu.api('POST', '/auth/login', { body: { email, password: 'wrong-password' } })).status).toBe(401)
    }
    const limited = await emu.api('POST', '/auth/login', { body: { email, password: SEED.password } })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('RATE_LIMITED')
    const retryAfter = Number(limited.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(890)
    expect(retryAfter).toBeLessThanOrEqual(900)
    // Another email from the same IP is not affected.
    expect((await emu.api('POST', '/auth/login', { body: { email: 'gus@lumen.test', password: SEED.password } })).status).toBe(200)
    await emu.advanceClock('15m')
    expect((await emu.api('POST', '/auth/login', { body: { email, password: SEED.password } })).status).toBe(200)
  })

  it('counts failures per email and IP: another address is not limited, and the 429 is the same for unknown emails', async () => {
    // 127.0.0.2 is loopback too, but another client IP for the emulator listening on 127.0.0.1.
    const loginFrom = (localAddress: string, email: string) => new Promise<{ status: number; body: { error: { code: string } } }>((resolve, reject) => {
      const body = JSON.stringify({ email, password: 'wrong-password' })
      const req = request({ host: '127.0.0.1', port: emu.port, localAddress, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 10_000 }, (res) => {
        let text = ''
        res.on('data', (d: Buffer) => (text += d.toString()))
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as { error: { code: string } } }))
      })
      req.on('error', reject)
      req.end(body)
    })
    for (const email of ['nobody-ip@lumen.test', 'ada@lumen.test']) {
      for (let i = 0; i < 5; i++) expect((await loginFrom('127.0.0.1', email)).body.error.code).toBe('INVALID_CREDENTIALS')
      expect((await loginFrom('127.0.0.1', email)).status).toBe(429)
      expect((await loginFrom('127.0.0.2', email)).body.error.code).toBe('INVALID_CREDENTIALS')
    }
    // The key ignores the email's case: the right password from the limited address is still refused.
    expect((await emu.api('POST', '/auth/login', { body: { email: 'ADA@lumen.test', password: SEED.password } })).status).toBe(429)
  })

  it('validates the body', async () => {
    const r = await emu.api('POST', '/auth/login', { body: { email: 42 } })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('VALIDATION_FAILED')
    expect(r.body.error.details).toEqual([
      { field: 'email', message: 'Must be a string.' },
      { field: 'password', message: 'Required.' },
    ])
  })
})

describe('register', () => {
  it('creates a user and, when named, an organization it owns', async () => {
    const r = await emu.api('POST', '/auth/register', {
      body: { email: 'new@lumen.test', password: 'long-enough', firstName: 'New', lastName: 'User', organizationName: 'Initech Ltd' },
    })
    expect(r.status).toBe(201)
    expect(r.body.user).toMatchObject({ email: 'new@lumen.test', firstName: 'New', lastName: 'User', photoUrl: null })
    expect(r.body.organization).toMatchObject({ name: 'Initech Ltd', slug: 'initech-ltd', role: 'owner', logoUrl: null })
    const me = await emu.api('GET', '/auth/me', { token: r.body.accessToken })
    expect(me.body.organizations.map((o: { id: string }) => o.id)).toEqual([r.body.organization.id])
    expect(me.body.licenses).toEqual([])
  })

  it('password policy: 7 characters are refused, 8 are enough (register, reset, invitation)', async () => {
    const body = { email: 'policy@lumen.test', firstName: 'P', lastName: 'O' }
    const seven = await emu.api('POST', '/auth/register', { body: { ...body, password: '1234567' } })
    expect(seven.status).toBe(400)
    expect(seven.body.error.details).toEqual([{ field: 'password', message: 'Must be at least 8 characters.' }])
    expect((await emu.api('POST', '/auth/register', { body: { ...body, password: '12345678' } })).status).toBe(201)
    await emu.api('POST', '/auth/password-reset/request', { body: { email: 'policy@lumen.test' } })
    const mail = (await emu.outbox('policy@lumen.test')).at(-1)!
    expect((await emu.api('POST', '/auth/password-reset/confirm', { body: { token: mail.token, newPassword: '7654321' } })).status).toBe(400)
    expect((await emu.api('POST', '/auth/password-reset/confirm', { body: { token: mail.token, newPassword: '87654321' } })).status).toBe(200)
  })

  it('answers 409 EMAIL_TAKEN (any case) and 400 for a short password or a bad email', async () => {
    const taken = await emu.api('POST', '/auth/register', { body: { email: 'DEMO@lumen.test', password: 'long-enough', firstName: 'A', lastName: 'B' } })
    expect(taken.status).toBe(409)
    expect(taken.body.error.code).toBe('EMAIL_TAKEN')
    const bad = await emu.api('POST', '/auth/register', { body: { email: 'not-an-email', password: 'short', firstName: '', lastName: 'B' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['email', 'password', 'firstName'])
  })
})

describe('refresh tokens', () => {
  it('rotates on every refresh; the new access token carries the same session', async () => {
    const login = await emu.login('bob')
    const r = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    expect(r.status).toBe(200)
    expect(r.body.refreshToken).not.toBe(login.refreshToken)
    expect(decode(r.body.accessToken).sid).toBe(decode(login.accessToken).sid)
    const again = await emu.api('POST', '/auth/refresh', { body: { refreshToken: r.body.refreshToken } })
    expect(again.status).toBe(200)
  })

  it('accepts the parent again within the 10 s grace window and returns the same child', async () => {
    const login = await emu.login('bob')
    const first = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    const second = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    expect(second.status).toBe(200)
    expect(second.body.refreshToken).toBe(first.body.refreshToken)
    expect((await emu.api('GET', '/auth/me', { token: second.body.accessToken })).status).toBe(200)
  })

  it('revokes the whole session when a rotated token comes back after the grace window', async () => {
    const login = await emu.login('bob')
    const child = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    await emu.advanceClock('11s')
    const reuse = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    expect(reuse.status).toBe(401)
    expect(reuse.body.error.code).toBe('INVALID_REFRESH_TOKEN')
    // The child is dead too, and so are the session's access tokens.
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: child.body.refreshToken } })).status).toBe(401)
    const me = await emu.api('GET', '/auth/me', { token: child.body.accessToken })
    expect(me.status).toBe(401)
    expect(me.body.error.code).toBe('SESSION_REVOKED')
  })

  it('rejects unknown tokens and expired access tokens answer TOKEN_EXPIRED', async () => {
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: 'lrt_nope' } })).body.error.code).toBe('INVALID_REFRESH_TOKEN')
    const login = await emu.login('bob')
    await emu.advanceClock('16m')
    const me = await emu.api('GET', '/auth/me', { token: login.accessToken })
    expect(me.status).toBe(401)
    expect(me.body.error.code).toBe('TOKEN_EXPIRED')
    const r = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    expect((await emu.api('GET', '/auth/me', { token: r.body.accessToken })).status).toBe(200)
    expect((await emu.api('GET', '/auth/me', { token: 'not.a.jwt' })).body.error.code).toBe('INVALID_TOKEN')
  })

  it('expire-tokens makes every access token issued so far expire', async () => {
    const login = await emu.login('bob')
    await emu.expireTokens()
    expect((await emu.api('GET', '/auth/me', { token: login.accessToken })).body.error.code).toBe('TOKEN_EXPIRED')
    const r = await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })
    expect((await emu.api('GET', '/auth/me', { token: r.body.accessToken })).status).toBe(200)
    await emu.expireTokens({ refreshTokens: true })
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: r.body.refreshToken } })).status).toBe(401)
  })

  it('logout revokes the session: refresh and access fail; unknown tokens still get 204', async () => {
    const login = await emu.login('bob')
    expect((await emu.api('POST', '/auth/logout', { body: { refreshToken: login.refreshToken } })).status).toBe(204)
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })).status).toBe(401)
    expect((await emu.api('GET', '/auth/me', { token: login.accessToken })).body.error.code).toBe('SESSION_REVOKED')
    expect((await emu.api('POST', '/auth/logout', { body: { refreshToken: 'lrt_unknown' } })).status).toBe(204)
    expect((await emu.api('POST', '/auth/logout', { body: {} })).status).toBe(400)
  })
})

describe('password reset', () => {
  it('answers the same for known and unknown emails and mails a single-use link', async () => {
    const user = await emu.api('POST', '/auth/register', { body: { email: 'reset@lumen.test', password: 'first-password', firstName: 'Re', lastName: 'Set' } })
    const known = await emu.api('POST', '/auth/password-reset/request', { body: { email: 'reset@lumen.test' } })
    const unknown = await emu.api('POST', '/auth/password-reset/request', { body: { email: 'ghost@lumen.test' } })
    expect(known.status).toBe(200)
    expect(known.body).toEqual(unknown.body)
    expect(await emu.outbox('ghost@lumen.test')).toEqual([])
    const [mail] = await emu.outbox('reset@lumen.test')
    expect(mail).toMatchObject({ kind: 'password-reset', link: expect.stringContaining('/reset-password?token=') })

    const weak = await emu.api('POST', '/auth/password-reset/confirm', { body: { token: mail!.token, newPassword: 'short' } })
    expect(weak.status).toBe(400)
    const ok = await emu.api('POST', '/auth/password-reset/confirm', { body: { token: mail!.token, newPassword: 'second-password' } })
    expect(ok.status).toBe(200)
    // Used once; every session of the user is signed out; the new password works.
    const reuse = await emu.api('POST', '/auth/password-reset/confirm', { body: { token: mail!.token, newPassword: 'third-password' } })
    expect(reuse.status).toBe(400)
    expect(reuse.body.error.code).toBe('INVALID_TOKEN')
    expect((await emu.api('GET', '/auth/me', { token: user.body.accessToken })).status).toBe(401)
    expect((await emu.api('POST', '/auth/login', { body: { email: 'reset@lumen.test', password: 'second-password' } })).status).toBe(200)
  })

  it('expires after 30 minutes', async () => {
    await emu.api('POST', '/auth/password-reset/request', { body: { email: 'gus@lumen.test' } })
    const mail = (await emu.outbox('gus@lumen.test')).at(-1)!
    await emu.advanceClock('31m')
    const r = await emu.api('POST', '/auth/password-reset/confirm', { body: { token: mail.token, newPassword: 'whatever-long' } })
    expect(r.status).toBe(400)
  })
})

describe('invitations', () => {
  it('a refused accept (short password) leaves the invitation open', async () => {
    const r = await emu.api('POST', '/auth/invitations/accept', { body: { token: INVITATION_TOKEN, firstName: 'Carol', lastName: 'D', password: '1234567' } })
    expect(r.status).toBe(400)
    expect(r.body.error.details).toEqual([{ field: 'password', message: 'Must be at least 8 characters.' }])
    const info = (await (await emu.fetch('/__emulator')).json()) as { invitation: { token: string } | null }
    expect(info.invitation?.token).toBe(INVITATION_TOKEN)
  })

  it('the seeded invitation creates carol in Acme once, then answers 409 INVITATION_USED', async () => {
    const outbox = await emu.outbox('carol@lumen.test')
    expect(outbox[0]).toMatchObject({ kind: 'invitation', token: INVITATION_TOKEN })
    const body = { token: INVITATION_TOKEN, firstName: 'Carol', lastName: 'Danvers', password: 'str0ng-pass' }
    const r = await emu.api('POST', '/auth/invitations/accept', { body })
    expect(r.status).toBe(201)
    expect(r.body.user).toMatchObject({ email: 'carol@lumen.test', firstName: 'Carol' })
    const me = await emu.api('GET', '/auth/me', { token: r.body.accessToken })
    expect(me.body.organizations).toEqual([expect.objectContaining({ id: 'org_acme', role: 'member' })])
    const again = await emu.api('POST', '/auth/invitations/accept', { body })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('INVITATION_USED')
    const unknown = await emu.api('POST', '/auth/invitations/accept', { body: { ...body, token: 'nope' } })
    expect(unknown.status).toBe(404)
    // Used: GET /__emulator (like the CLI banner) no longer offers it.
    expect(((await (await emu.fetch('/__emulator')).json()) as { invitation: unknown }).invitation).toBeNull()
  })

  it('expires after 7 days (reset brings it back)', async () => {
    await emu.reset()
    await emu.advanceClock('7d')
    const r = await emu.api('POST', '/auth/invitations/accept', { body: { token: INVITATION_TOKEN, firstName: 'C', lastName: 'D', password: 'str0ng-pass' } })
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe('INVITATION_EXPIRED')
  })
})
