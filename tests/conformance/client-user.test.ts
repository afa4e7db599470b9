/**
 * Conformance: auth helpers, sessions, tokens, the namespaces of user mode, active org and automatic
 * refresh, against a real emulator.
 */
import { describe, expect, it } from 'vitest'
import {
  ConflictError,
  ForbiddenError,
  LumenAccountClient,
  SessionExpiredError,
  UnauthorizedError,
  ValidationError,
} from '../../src/index.js'
import { bootEmulator } from '../helpers/emulator.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, BOB, collect, DEMO, GLOBEX, recordingFetch, rejection, type Sent, signedIn, userClient } from './support.js'

const emu = useEmulator({ resetBeforeEach: true })

describe('login(email, password)', () => {
  it('returns accessToken, refreshToken and user', async () => {
    const { accessToken, refreshToken, user } = await userClient(emu).login(DEMO.email, DEMO.password)
    expect(accessToken).toBeTypeOf('string')
    expect(accessToken.split('.')).toHaveLength(3) // a JWT
    expect(refreshToken).toBeTypeOf('string')
    expect(user).toMatchObject({ email: DEMO.email, firstName: 'Dana' })
    expect(user).toHaveProperty('photoUrl')
    expect(user).toHaveProperty('createdAt')
  })

  it('wrong password and unknown email fail alike with INVALID_CREDENTIALS', async () => {
    const client = userClient(emu)
    const a = await rejection(client.login(DEMO.email, 'wrong-password'))
    const b = await rejection(client.login('nobody@lumen.test', 'wrong-password'))
    for (const err of [a, b]) {
      expect(err).toBeInstanceOf(UnauthorizedError)
      expect(err.status).toBe(401)
      expect(err.code).toBe('INVALID_CREDENTIALS')
    }
    expect(a.message.replace(/req_[^)\s]*/, '')).toBe(b.message.replace(/req_[^)\s]*/, ''))
  })

  it('auth.login is the namespaced form of the flat login', async () => {
    const client = userClient(emu)
    const res = await client.auth.login(DEMO.email, DEMO.password)
    expect(res.user.email).toBe(DEMO.email)
    // a user-mode client stores the tokens itself
    expect(await client.getRefreshToken()).toBe(res.refreshToken)
  })
})

describe('register(email, password, firstName, lastName, organizationName?)', () => {
  it('creates the user and, when named, an organization', async () => {
    const client = userClient(emu)
    const result = await client.register('builder@example.com', 'password123', 'Bob', 'Builder', 'Builder Inc')
    expect(result.accessToken).toBeTypeOf('string')
    expect(result.refreshToken).toBeTypeOf('string')
    expect(result.user).toMatchObject({ email: 'builder@example.com', firstName: 'Bob', lastName: 'Builder' })
    expect(result.organization?.name).toBe('Builder Inc')
    await client.setTokens(result.accessToken, result.refreshToken)
    const me = await client.me.get()
    expect(me.organizations.map((o) => o.name)).toContain('Builder Inc')
    expect(me.organizations.find((o) => o.name === 'Builder Inc')?.role).toBe('owner')
  })

  it('works without an organization name', async () => {
    const result = await userClient(emu).register('solo@example.com', 'password123', 'Solo', 'User')
    expect(result.user.email).toBe('solo@example.com')
    expect(result.organization ?? null).toBeNull()
  })

  it('a taken email is a ConflictError (409 EMAIL_TAKEN)', async () => {
    const err = await rejection(userClient(emu).register(DEMO.email, 'password123', 'Dana', 'Again'))
    expect(err).toBeInstanceOf(ConflictError)
    expect(err.status).toBe(409)
    expect(err.code).toBe('EMAIL_TAKEN')
  })

  it('a too short password is a ValidationError with details [{ field, message }]', async () => {
    const err = await rejection(userClient(emu).register('short@example.com', 'short', 'S', 'P'))
    expect(err).toBeInstanceOf(ValidationError)
    expect(err.status).toBe(400)
    const details = err.details as { field: string; message: string }[]
    expect(Array.isArray(details)).toBe(true)
    expect(details.some((d) => d.field === 'password' && typeof d.message === 'string')).toBe(true)
  })
})

describe('password reset', () => {
  it('requestPasswordReset answers the same whether or not the email exists', async () => {
    const client = userClient(emu)
    const known = await client.requestPasswordReset(DEMO.email)
    const unknown = await client.requestPasswordReset('nobody@lumen.test')
    expect(known.message).toBeTypeOf('string')
    expect(known).toEqual(unknown)
  })

  it('resetPassword(token, newPassword) with the mailed token; the token is single use', async () => {
    const client = userClient(emu)
    await client.requestPasswordReset(BOB.email)
    const mail = (await emu.outbox(BOB.email)).find((m) => m.kind !== 'invitation' && m.token)
    expect(mail?.token).toBeTruthy()
    const res = await client.resetPassword(mail!.token!, 'n3w_s3cr3t_pass')
    expect(res.message).toBeTypeOf('string')
    const login = await client.login(BOB.email, 'n3w_s3cr3t_pass')
    expect(login.user.email).toBe(BOB.email)
    const again = await rejection(client.resetPassword(mail!.token!, 'another_pass_1'))
    expect(again).toBeInstanceOf(ValidationError)
  })
})

describe('acceptInvitation(token, firstName, lastName, password)', () => {
  it('creates the invited user in the inviting org and returns tokens; single use', async () => {
    const client = userClient(emu)
    const invitation = emu.openInvitation()
    expect(invitation?.email).toBe('carol@lumen.test')
    const token = new URL(invitation!.link).searchParams.get('token')!
    const { accessToken, refreshToken, user } = await client.acceptInvitation(token, 'Carol', 'Danvers', 'str0ng!pass')
    expect(user).toMatchObject({ email: 'carol@lumen.test', firstName: 'Carol', lastName: 'Danvers' })
    await client.setTokens(accessToken, refreshToken)
    const me = await client.me.get()
    expect(me.organizations.map((o) => o.id)).toEqual([ACME])
    const again = await rejection(userClient(emu).acceptInvitation(token, 'Carol', 'Danvers', 'str0ng!pass'))
    expect(again).toBeInstanceOf(ConflictError)
    expect(again.code).toBe('INVITATION_USED')
  })
})

describe('sessions', () => {
  it('getSessions lists the active sessions, the current one marked', async () => {
    const first = await signedIn(emu)
    await signedIn(emu)
    const { sessions } = await first.getSessions()
    expect(sessions.length).toBeGreaterThanOrEqual(2)
    expect(sessions.filter((s) => s.current)).toHaveLength(1)
    for (const s of sessions) {
      expect(s.id).toBeTypeOf('string')
      expect(s).toHaveProperty('userAgent')
      expect(s).toHaveProperty('lastActiveAt')
      expect(s).toHaveProperty('createdAt')
    }
  })

  it('revokeSession(id) logs that device out', async () => {
    const mine = await signedIn(emu)
    const other = await signedIn(emu)
    const { sessions } = await other.getSessions()
    const otherId = sessions.find((s) => s.current)!.id
    await mine.revokeSession(otherId)
    const err = await rejection(other.getSessions())
    expect(err).toBeInstanceOf(UnauthorizedError)
    const after = await mine.getSessions()
    expect(after.sessions.map((s) => s.id)).not.toContain(otherId)
  })

  it('revoking the current session emits auth:logout { reason: "revoked" }', async () => {
    const client = await signedIn(emu)
    const logouts = collect(client, 'auth:logout')
    const { sessions } = await client.auth.sessions.list()
    await client.auth.sessions.revoke(sessions.find((s) => s.current)!.id)
    expect(logouts).toEqual([{ reason: 'revoked' }])
  })
})

describe('token management', () => {
  it('setTokens and getRefreshToken are async', async () => {
    const client = userClient(emu)
    const { accessToken, refreshToken } = await client.login(DEMO.email, DEMO.password)
    const set = client.setTokens(accessToken, refreshToken)
    expect(set).toBeInstanceOf(Promise)
    await set
    const got = client.getRefreshToken()
    expect(got).toBeInstanceOf(Promise)
    expect(await got).toBe(refreshToken)
  })

  it('a caller that does not await setTokens still works (default MemoryTokenStorage)', async () => {
    const { accessToken, refreshToken } = await emu.login('demo')
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '' })
    void client.setTokens(accessToken, refreshToken)
    const { sessions } = await client.getSessions()
    expect(sessions.length).toBeGreaterThan(0)
  })

  it('logout clears the tokens and emits auth:logout { reason: "user" }', async () => {
    const client = await signedIn(emu)
    const logouts = collect(client, 'auth:logout')
    await client.auth.logout()
    expect(logouts).toEqual([{ reason: 'user' }])
    expect(await client.getRefreshToken()).toBeNull()
  })
})

describe('client.me and the active organization', () => {
  it('me.get(): user, organizations with roles, licenses', async () => {
    const me = await (await signedIn(emu)).me.get()
    expect(me.user.email).toBe(DEMO.email)
    const roles = Object.fromEntries(me.organizations.map((o) => [o.id, o.role]))
    expect(roles).toEqual({ [ACME]: 'owner', [GLOBEX]: 'member' })
    expect(me.organizations.find((o) => o.id === ACME)?.name).toBe('Acme Corp')
    const hr = me.licenses.filter((l) => l.productSlug === 'lumen-hr')
    expect(hr.find((l) => l.organizationId === ACME)).toMatchObject({ status: 'active', tier: 'pro', unitCount: 25 })
    expect(hr.find((l) => l.organizationId === GLOBEX)).toMatchObject({ status: 'trial', tier: 'starter' })
    expect(me).toHaveProperty('activeOrganizationId')
  })

  it('setActiveOrg attaches x-organization-id to every later request; null removes it', async () => {
    const log: Sent[] = []
    const client = await signedIn(emu, DEMO, { fetch: recordingFetch(log) })
    client.setActiveOrg(ACME)
    log.length = 0
    await client.me.get()
    await client.getSessions()
    expect(log.map((s) => s.headers.get('x-organization-id'))).toEqual([ACME, ACME])
    client.setActiveOrg(null)
    await client.me.get()
    expect(log.at(-1)!.headers.get('x-organization-id')).toBeNull()
  })

  it('me.switchOrg(orgId) returns the new activeOrganizationId and makes it active', async () => {
    const client = await signedIn(emu)
    const me = await client.me.switchOrg(GLOBEX)
    expect(me.activeOrganizationId).toBe(GLOBEX)
    expect(client.getActiveOrg()).toBe(GLOBEX)
    const license = await client.licenses.get('lumen-hr')
    expect(license).toMatchObject({ organizationId: GLOBEX, tier: 'starter', status: 'trial' })
  })

  it('switching to an org the user is not a member of is 403 NOT_A_MEMBER', async () => {
    const client = await signedIn(emu, BOB)
    const err = await rejection(client.me.switchOrg(GLOBEX))
    expect(err).toBeInstanceOf(ForbiddenError)
    expect(err.status).toBe(403)
    expect(err.code).toBe('NOT_A_MEMBER')
  })
})

describe('licenses.get and products.get', () => {
  it('licenses.get(product) returns the entitlement of the active org, with usage and upgradeUrl', async () => {
    const client = await signedIn(emu)
    client.setActiveOrg(ACME)
    const hr = await client.licenses.get('lumen-hr')
    expect(hr).toMatchObject({ valid: true, productSlug: 'lumen-hr', organizationId: ACME, tier: 'pro', unitCount: 25 })
    expect(hr.usage.seats).toBe(12)
    expect(hr).toHaveProperty('upgradeUrl')
  })

  it('licenses.get for a product without license: valid false, nulls', async () => {
    const client = await signedIn(emu)
    client.setActiveOrg(ACME)
    const crm = await client.licenses.get('lumen-crm')
    expect(crm.valid).toBe(false)
    expect(crm.tier).toBeNull()
    expect(crm.features).toBeNull()
    expect(crm.limits).toBeNull()
    expect(crm.unitCount).toBeNull()
  })

  it('products.get(lumen-hr): starter/pro/enterprise, sortOrder 1/2/3, monthly prices, features by tier', async () => {
    const client = await signedIn(emu)
    const hr = await client.products.get('lumen-hr')
    expect(hr.slug).toBe('lumen-hr')
    const tiers = [...hr.tiers].sort((a, b) => a.sortOrder - b.sortOrder)
    expect(tiers.map((t) => [t.slug, t.sortOrder])).toEqual([['starter', 1], ['pro', 2], ['enterprise', 3]])
    for (const t of tiers) {
      expect(t.price?.interval).toBe('month')
      expect(t.price?.amount).toBeTypeOf('number')
      expect(t.limits).toBeTypeOf('object')
    }
    const [starter, pro, enterprise] = tiers as [typeof tiers[0], typeof tiers[0], typeof tiers[0]]
    expect(starter.features.employee_export).toBe(true)
    expect(starter.features.advanced_reports ?? false).toBeFalsy()
    expect(pro.features.advanced_reports).toBe(true)
    expect(pro.features.sso ?? false).toBeFalsy()
    expect(enterprise.features.sso).toBe(true)
    expect(Object.keys(starter.limits)).toEqual(expect.arrayContaining(['seats', 'api_calls']))
  })

  it('products.get(lumen-crm) exists with tiers', async () => {
    const crm = await (await signedIn(emu)).products.get('lumen-crm')
    expect(crm.slug).toBe('lumen-crm')
    expect(crm.tiers.length).toBeGreaterThan(0)
  })
})

describe('automatic refresh', () => {
  it('a 401 triggers one POST /auth/refresh and a replay; auth:tokens-refreshed fires; the refresh token rotates', async () => {
    const log: Sent[] = []
    const client = await signedIn(emu, DEMO, { fetch: recordingFetch(log) })
    const before = await client.getRefreshToken()
    const refreshed = collect(client, 'auth:tokens-refreshed')
    await emu.expireTokens()
    log.length = 0
    const { sessions } = await client.getSessions()
    expect(sessions.length).toBeGreaterThan(0)
    expect(log.filter((s) => s.path === '/api/v1/auth/refresh')).toHaveLength(1)
    expect(refreshed).toHaveLength(1)
    expect(await client.getRefreshToken()).not.toBe(before)
  })

  it('concurrent 401s share a single refresh (single-flight)', async () => {
    const log: Sent[] = []
    const client = await signedIn(emu, DEMO, { fetch: recordingFetch(log) })
    await emu.expireTokens()
    log.length = 0
    const results = await Promise.all(Array.from({ length: 10 }, () => client.me.get()))
    expect(results.every((r) => r.user.email === DEMO.email)).toBe(true)
    expect(log.filter((s) => s.path === '/api/v1/auth/refresh')).toHaveLength(1)
  })

  it('a failed refresh ends the session: SessionExpiredError, tokens cleared, auth:logout { reason: "expired" }', async () => {
    const client = await signedIn(emu)
    const logouts = collect(client, 'auth:logout')
    await emu.expireTokens({ refreshTokens: true })
    const err = await rejection(client.getSessions())
    expect(err).toBeInstanceOf(SessionExpiredError)
    expect(err).toBeInstanceOf(UnauthorizedError)
    expect(logouts).toEqual([{ reason: 'expired' }])
    expect(await client.getRefreshToken()).toBeNull()
  })

  it('short access tokens (startEmulator accessTtl) are refreshed transparently', async () => {
    const short = await bootEmulator({ accessTtl: 1 })
    try {
      const client = await signedIn(short)
      const refreshed = collect(client, 'auth:tokens-refreshed')
      await new Promise((r) => setTimeout(r, 1_300))
      const me = await client.me.get()
      expect(me.user.email).toBe(DEMO.email)
      expect(refreshed.length).toBe(1)
    } finally {
      await short.close()
    }
  })

  it('a client without a refresh token just throws the UnauthorizedError', async () => {
    const { accessToken } = await emu.login('demo')
    const log: Sent[] = []
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken, fetch: recordingFetch(log), retry: false })
    await emu.expireTokens()
    const err = await rejection(client.getSessions())
    expect(err).toBeInstanceOf(UnauthorizedError)
    expect(err.code).toBe('TOKEN_EXPIRED')
    expect(log.filter((s) => s.path === '/api/v1/auth/refresh')).toHaveLength(0)
  })
})
