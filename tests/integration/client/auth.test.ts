import { describe, expect, it } from 'vitest'
import {
  ConflictError, LimitExceededError, MemoryTokenStorage, NotFoundError, SessionExpiredError, UnauthorizedError, ValidationError,
} from '../../../src/index.js'
import { INVITATION_TOKEN, SEED } from '../../helpers/emulator.js'
import { useEmulator } from '../../helpers/emulatorSuite.js'
import { record, rejection, signedIn, userClient } from './setup.js'

const emu = useEmulator()

describe('auth flows through the client', () => {
  it('login stores the tokens; me.get works; logout ends the session server-side', async () => {
    const client = userClient(emu)
    const res = await client.auth.login('demo@lumen.test', SEED.password)
    expect(res.user.id).toBe('usr_demo')
    expect(await client.getAccessToken()).toBe(res.accessToken)
    expect((await client.me.get()).user.email).toBe('demo@lumen.test')
    const logouts = record(client, 'auth:logout')
    await client.auth.logout()
    expect(logouts).toEqual([{ reason: 'user' }])
    expect(await client.hasTokens()).toBe(false)
    // The server revoked the session: the old refresh token is dead.
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: res.refreshToken } })).status).toBe(401)
  })

  it('wrong credentials → UnauthorizedError INVALID_CREDENTIALS; 5 failures → LimitExceededError with retryAfter', async () => {
    const client = userClient(emu)
    const wrong = await rejection(client.auth.login('gus@lumen.test', 'wrong-password'))
    expect(wrong).toBeInstanceOf(UnauthorizedError)
    expect(wrong).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', requestId: expect.stringMatching(/^req_/) })
    for (let i = 0; i < 4; i++) await rejection(client.auth.login('gus@lumen.test', 'wrong-password'))
    const limited = await rejection(client.auth.login('gus@lumen.test', SEED.password))
    expect(limited).toBeInstanceOf(LimitExceededError)
    expect(limited.code).toBe('RATE_LIMITED')
    expect(limited.retryAfter).toBeGreaterThan(800)
    expect(await client.hasTokens()).toBe(false)
  })

  it('register: ValidationError with details, ConflictError EMAIL_TAKEN, success with an org', async () => {
    const client = userClient(emu)
    const invalid = await rejection(client.auth.register({ email: 'x', password: 'short', firstName: 'A', lastName: 'B' }))
    expect(invalid).toBeInstanceOf(ValidationError)
    expect(invalid.details).toEqual([{ field: 'email', message: expect.any(String) }, { field: 'password', message: expect.any(String) }])
    const taken = await rejection(client.auth.register({ email: 'bob@lumen.test', password: 'long-enough', firstName: 'A', lastName: 'B' }))
    expect(taken).toBeInstanceOf(ConflictError)
    expect(taken.code).toBe('EMAIL_TAKEN')
    const ok = await client.auth.register({ email: 'int-new@lumen.test', password: 'long-enough', firstName: 'Int', lastName: 'New', organizationName: 'Hooli' })
    expect(ok.organization).toMatchObject({ name: 'Hooli', role: 'owner' })
    expect((await client.me.get()).organizations[0]!.id).toBe(ok.organization!.id)
  })

  it('password reset via the outbox link, then login with the new password', async () => {
    const client = userClient(emu)
    await client.auth.register({ email: 'int-reset@lumen.test', password: 'old-password', firstName: 'R', lastName: 'S' })
    const { message } = await userClient(emu).auth.requestPasswordReset('int-reset@lumen.test')
    expect(message).toBe((await userClient(emu).auth.requestPasswordReset('nobody@lumen.test')).message)
    const mail = (await emu.outbox('int-reset@lumen.test')).at(-1)!
    await userClient(emu).auth.resetPassword(mail.token!, 'new-password')
    const reused = await rejection(userClient(emu).auth.resetPassword(mail.token!, 'newer-password'))
    expect(reused).toBeInstanceOf(ValidationError)
    // Every old session ended with the reset: the old client's next call ends in SessionExpiredError.
    expect(await rejection(client.me.get())).toBeInstanceOf(SessionExpiredError)
    await userClient(emu).auth.login('int-reset@lumen.test', 'new-password')
  })

  it('accepts the seeded invitation once (then ConflictError), unknown → NotFoundError', async () => {
    const client = userClient(emu)
    const input = { token: INVITATION_TOKEN, firstName: 'Carol', lastName: 'Danvers', password: 'carol-pass-1' }
    const res = await client.auth.acceptInvitation(input)
    expect(res.user.email).toBe('carol@lumen.test')
    expect((await client.me.get()).organizations.map((o) => o.id)).toEqual(['org_acme'])
    const used = await rejection(userClient(emu).auth.acceptInvitation(input))
    expect(used).toBeInstanceOf(ConflictError)
    expect(used.code).toBe('INVITATION_USED')
    expect(await rejection(userClient(emu).auth.acceptInvitation({ ...input, token: 'nope' }))).toBeInstanceOf(NotFoundError)
  })
})

describe('refresh, rotation, grace and reuse', () => {
  it('an expired access token is refreshed once and the call replayed; the refresh token rotates', async () => {
    const client = await signedIn(emu, 'bob')
    const refreshed = record(client, 'auth:tokens-refreshed')
    const before = await client.getRefreshToken()
    await emu.advanceClock('16m')
    const [a, b, c] = await Promise.all([client.me.get(), client.auth.sessions.list(), client.licenses.get('lumen-hr').catch((e: Error) => e)])
    expect(a.user.id).toBe('usr_bob')
    expect(b.sessions.some((s) => s.current)).toBe(true)
    expect(c).toBeInstanceOf(Error) // no active org chosen: 400
    expect(refreshed).toHaveLength(1)
    expect(refreshed[0]!.expiresAt).toEqual(expect.any(Number))
    expect(await client.getRefreshToken()).not.toBe(before)
  })

  it('two tabs racing with the same refresh token both stay signed in (grace window)', async () => {
    const login = await emu.login('bob')
    const tab1 = userClient(emu, new MemoryTokenStorage())
    const tab2 = userClient(emu, new MemoryTokenStorage())
    for (const tab of [tab1, tab2]) await tab.setTokens(login.accessToken, login.refreshToken)
    await emu.expireTokens()
    const [me1, me2] = await Promise.all([tab1.me.get(), tab2.me.get()])
    expect(me1.user.id).toBe('usr_bob')
    expect(me2.user.id).toBe('usr_bob')
    expect(await tab1.getRefreshToken()).toBe(await tab2.getRefreshToken())
  })

  it('reuse after the grace window revokes the session: SessionExpiredError and auth:logout expired', async () => {
    const login = await emu.login('bob')
    const thief = userClient(emu)
    await thief.setTokens(login.accessToken, login.refreshToken)
    const victim = userClient(emu)
    await victim.setTokens(login.accessToken, login.refreshToken)
    await victim.auth.refresh()
    await emu.advanceClock('11s')
    const logouts = record(thief, 'auth:logout')
    expect(await rejection(thief.auth.refresh())).toBeInstanceOf(SessionExpiredError)
    expect(logouts).toEqual([{ reason: 'expired' }])
    // The whole session is gone, including the victim's fresh tokens.
    const victimLogouts = record(victim, 'auth:logout')
    expect(await rejection(victim.me.get())).toBeInstanceOf(SessionExpiredError)
    expect(victimLogouts).toEqual([{ reason: 'expired' }])
  })

  it('sessions: list marks the current one; revoking another device logs it out; revoking the current one logs out here', async () => {
    const laptop = await signedIn(emu, 'ada')
    const phone = await signedIn(emu, 'ada')
    const { sessions } = await laptop.auth.sessions.list()
    const mine = sessions.find((s) => s.current)!
    const other = (await phone.auth.sessions.list()).sessions.find((s) => s.current)!
    expect(mine.id).not.toBe(other.id)
    await laptop.auth.sessions.revoke(other.id)
    expect(await rejection(phone.me.get())).toBeInstanceOf(SessionExpiredError)
    const logouts = record(laptop, 'auth:logout')
    await laptop.auth.sessions.revoke(mine.id)
    expect(logouts).toEqual([{ reason: 'revoked' }])
    expect(await laptop.hasTokens()).toBe(false)
    expect(await rejection(laptop.auth.sessions.revoke('sess_nope'))).toBeInstanceOf(Error)
  })
})
