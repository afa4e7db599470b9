/**
 * Conformance: the field-level promises of docs/api.md (shapes of MeResponse, Session, summaries,
 * entitlements), org scoping, logout, idempotency conflicts, the license:expiring threshold and the
 * feature/tier rules shared by the client and the middleware.
 */
import { describe, expect, it } from 'vitest'
import {
  enforceMinTier,
  ForbiddenError,
  InsufficientTierError,
  LumenAccountClient,
  LumenApiError,
  NotFoundError,
  createRequireLicense,
  FeatureNotEnabledError,
  type CheckLicenseResponse,
} from '../../src/index.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, BOB, collect, DEMO, GLOBEX, PNG, rejection, SERVICE_KEY, serviceClient, signedIn, userClient } from './support.js'

const emu = useEmulator({ resetBeforeEach: true })

describe('shapes of docs/api.md', () => {
  it('MeResponse: User, OrganizationSummary and LicenseSummary fields', async () => {
    const me = await (await signedIn(emu)).me.get()
    expect(Object.keys(me.user)).toEqual(expect.arrayContaining(['id', 'email', 'firstName', 'lastName', 'photoUrl', 'createdAt']))
    for (const org of me.organizations) {
      expect(Object.keys(org)).toEqual(expect.arrayContaining(['id', 'name', 'slug', 'role', 'logoUrl']))
    }
    expect(me.organizations.find((o) => o.id === ACME)?.slug).toBe('acme')
    for (const lic of me.licenses) {
      expect(Object.keys(lic)).toEqual(expect.arrayContaining(['organizationId', 'productSlug', 'status', 'tier', 'unitCount', 'trialEndsAt']))
    }
    expect(me.licenses.find((l) => l.organizationId === ACME)?.trialEndsAt).toBeNull()
    expect(Number.isNaN(Date.parse(me.user.createdAt))).toBe(false) // ISO-8601
  })

  it('Session: id, userAgent, ipAddress, createdAt, lastActiveAt, current', async () => {
    const { sessions } = await (await signedIn(emu)).getSessions()
    for (const s of sessions) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'userAgent', 'ipAddress', 'createdAt', 'lastActiveAt', 'current']))
      expect(typeof s.current).toBe('boolean')
    }
  })

  it('EntitlementResponse: usage per limit key (Acme: seats 12, api_calls 930)', async () => {
    const client = await signedIn(emu)
    client.setActiveOrg(ACME)
    const hr = await client.licenses.get('lumen-hr')
    expect(hr.usage).toMatchObject({ seats: 12, api_calls: 930 })
    expect(hr.limits).toHaveProperty('api_calls')
  })

  it('revokeSession resolves with nothing (204)', async () => {
    const a = await signedIn(emu)
    const b = await signedIn(emu)
    const id = (await b.getSessions()).sessions.find((s) => s.current)!.id
    await expect(a.revokeSession(id)).resolves.toBeUndefined()
  })
})

describe('organization scoping', () => {
  it('x-organization-id picks the active org on /auth/me', async () => {
    const client = await signedIn(emu)
    client.setActiveOrg(GLOBEX)
    expect((await client.me.get()).activeOrganizationId).toBe(GLOBEX)
  })

  it('licenses.get needs an active organization', async () => {
    const client = await signedIn(emu)
    const err = await rejection(client.licenses.get('lumen-hr'))
    expect(err).toBeInstanceOf(LumenApiError)
    expect(err.status as number).toBeGreaterThanOrEqual(400)
    expect(err.status as number).toBeLessThan(500)
  })

  it('a non-member org id is 403 NOT_A_MEMBER', async () => {
    const bob = await signedIn(emu, BOB)
    bob.setActiveOrg(GLOBEX)
    const err = await rejection(bob.licenses.get('lumen-hr'))
    expect(err).toBeInstanceOf(ForbiddenError)
    expect(err.code).toBe('NOT_A_MEMBER')
  })
})

describe('logout and tokens on the server', () => {
  it('after logout the refresh token is dead on the server', async () => {
    const client = await signedIn(emu)
    const refreshToken = (await client.getRefreshToken())!
    await client.auth.logout()
    const r = await emu.api('POST', '/auth/refresh', { body: { refreshToken } })
    expect(r.status).toBe(401)
  })

  it('an unknown invitation token is a NotFoundError', async () => {
    const err = await rejection(userClient(emu).acceptInvitation('no-such-invite', 'A', 'B', 'password123'))
    expect(err).toBeInstanceOf(NotFoundError)
  })

  it('the same Idempotency-Key with another body is refused with 422', async () => {
    const headers = { 'idempotency-key': 'conformance-422' }
    const a = await emu.api('POST', '/service/usage', { body: { organizationId: ACME, productSlug: 'lumen-hr', unitCount: 20 }, serviceKey: true, headers })
    expect(a.status).toBe(200)
    const b = await emu.api('POST', '/service/usage', { body: { organizationId: ACME, productSlug: 'lumen-hr', unitCount: 21 }, serviceKey: true, headers })
    expect(b.status).toBe(422)
  })

  it('assets.list paginates: { items, page, limit, total }', async () => {
    const client = await signedIn(emu)
    for (const n of [1, 2]) await client.assets.upload({ data: PNG, filename: `p${n}.png`, contentType: 'image/png' }, { app: 'paging', kind: 'doc', ownerType: 'user' })
    const page = await client.assets.list({ app: 'paging', page: 1, limit: 1 })
    expect(page.items).toHaveLength(1)
    expect(page.total).toBe(2)
    const second = await client.assets.list({ app: 'paging', page: 2, limit: 1 })
    expect(second.items).toHaveLength(1)
    expect(second.items[0]!.id).not.toBe(page.items[0]!.id)
  })
})

describe('license:expiring threshold (remainingDays ≤ 7), at the fetch boundary', () => {
  const answer = (remainingDays: number): CheckLicenseResponse => ({
    valid: true, status: 'trial', tier: 'starter', features: {}, limits: {}, unitCount: 5, remainingDays,
  })
  const clientAnswering = (body: CheckLicenseResponse) => new LumenAccountClient({
    baseUrl: 'http://lumen.invalid',
    serviceApiKey: SERVICE_KEY,
    retry: false,
    fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
  })

  it.each([[0, 1], [7, 1], [8, 0], [30, 0]])('remainingDays %i → %i expiring event(s)', async (days, events) => {
    const client = clientAnswering(answer(days))
    const expiring = collect(client, 'license:expiring')
    const valid = collect(client, 'license:valid')
    await client.checkLicense(ACME, 'lumen-hr')
    expect(expiring).toHaveLength(events)
    expect(valid).toHaveLength(1)
  })
})

describe('tiers and features', () => {
  const TIERS = { starter: 1, pro: 2, enterprise: 3 }
  const lic = (tier: string): CheckLicenseResponse => ({ valid: true, tier, features: {}, limits: {}, unitCount: 1 })

  it('a tier missing from tierSortOrder falls back to slug equality', () => {
    expect(() => enforceMinTier(lic('legacy'), 'lumen-hr', 'pro', TIERS)).toThrow(InsufficientTierError)
    expect(() => enforceMinTier(lic('custom'), 'lumen-hr', 'custom', TIERS)).not.toThrow()
  })

  it('a feature is on when true, a non-zero number or a non-empty string', async () => {
    const client = serviceClient(emu)
    for (const feature of ['advanced_reports', 'report_history_days', 'support']) {
      const gate = createRequireLicense(client, 'lumen-hr', { feature })
      await expect(gate({ headers: { 'x-organization-id': ACME } })).resolves.toMatchObject({ valid: true })
    }
    const sso = createRequireLicense(client, 'lumen-hr', { feature: 'sso' })
    expect(await rejection(sso({ headers: { 'x-organization-id': ACME } }))).toBeInstanceOf(FeatureNotEnabledError)
  })

  it('verifyToken answers for a just-registered user too', async () => {
    const reg = await userClient(emu).register('fresh@example.com', 'password123', 'Fresh', 'User', 'Fresh Org')
    const v = await serviceClient(emu).verifyToken(reg.accessToken)
    expect(v.user.email).toBe('fresh@example.com')
    expect(v.organizations.map((o) => o.name)).toEqual(['Fresh Org'])
    expect(v.licenses).toEqual([])
    expect(DEMO.email).not.toBe(v.user.email)
  })
})

describe('refresh edge cases (issue 3)', () => {
  it('a 5xx on refresh keeps the session; the next 401 refreshes again', async () => {
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '', retry: false })
    await client.auth.login(DEMO.email, DEMO.password)
    const logouts = collect(client, 'auth:logout')
    await emu.expireTokens()
    await emu.fault({ route: '/api/v1/auth/refresh', status: 503, times: 1 })
    const err = await rejection(client.me.get())
    expect(err.status).toBe(503)
    expect(await client.getRefreshToken()).not.toBeNull()
    expect(logouts).toHaveLength(0)
    expect((await client.me.get()).user.email).toBe(DEMO.email)
  })

  it('with only a refresh token stored, the first user call refreshes before it is sent', async () => {
    const { refreshToken } = await emu.login('demo')
    const paths: string[] = []
    const client = new LumenAccountClient({
      baseUrl: emu.url,
      accessToken: '',
      refreshToken,
      fetch: (input, init) => {
        paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname)
        return globalThis.fetch(input, init)
      },
    })
    expect((await client.me.get()).user.email).toBe(DEMO.email)
    expect(paths).toEqual(['/api/v1/auth/refresh', '/api/v1/auth/me'])
  })

  it('client.fetch refreshes once on a 401 and replays', async () => {
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '', allowedOrigins: [emu.url] })
    await client.auth.login(DEMO.email, DEMO.password)
    await emu.expireTokens()
    const res = await client.fetch(`${emu.url}/api/v1/auth/me`)
    expect(res.status).toBe(200)
  })
})

describe('emulator security behaviour (issue 4)', () => {
  it('5 failed logins per email+IP → 429 with Retry-After, lifted after 15 minutes', async () => {
    const body = { email: BOB.email, password: 'wrong-password' }
    for (let i = 0; i < 5; i++) expect((await emu.api('POST', '/auth/login', { body })).status).toBe(401)
    const limited = await emu.api('POST', '/auth/login', { body: { email: BOB.email, password: BOB.password } })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    await emu.advanceClock('16m')
    expect((await emu.api('POST', '/auth/login', { body: { email: BOB.email, password: BOB.password } })).status).toBe(200)
  })

  it('sessions record the user agent', async () => {
    const r = await emu.api('POST', '/auth/login', { body: { email: DEMO.email, password: DEMO.password }, headers: { 'user-agent': 'ConformanceUA/1.0' } })
    const sessions = await emu.api('GET', '/auth/sessions', { token: r.body.accessToken })
    const current = (sessions.body.sessions as { current: boolean; userAgent: string }[]).find((s) => s.current)!
    expect(current.userAgent).toBe('ConformanceUA/1.0')
  })

  it('passwords are at least 8 characters', async () => {
    const r = await emu.api('POST', '/auth/register', { body: { email: 'seven@example.com', password: '1234567', firstName: 'S', lastName: 'E' } })
    expect(r.status).toBe(400)
    const ok = await emu.api('POST', '/auth/register', { body: { email: 'eight@example.com', password: '12345678', firstName: 'E', lastName: 'I' } })
    expect([200, 201]).toContain(ok.status)
  })
})

describe('more transport promises (issue 3, ARCHITECTURE.md)', () => {
  it('a call started during a refresh waits for it: still exactly one refresh', async () => {
    const paths: string[] = []
    const client = new LumenAccountClient({
      baseUrl: emu.url,
      accessToken: '',
      fetch: (input, init) => {
        paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname)
        return globalThis.fetch(input, init)
      },
    })
    await client.auth.login(DEMO.email, DEMO.password)
    await emu.expireTokens()
    await emu.fault({ route: '/api/v1/auth/refresh', delayMs: 400, times: 1 })
    const first = client.me.get()
    await new Promise((r) => setTimeout(r, 150))
    const second = client.auth.sessions.list()
    const [me, list] = await Promise.all([first, second])
    expect(me.user.email).toBe(DEMO.email)
    expect(list.sessions.length).toBeGreaterThan(0)
    expect(paths.filter((p) => p === '/api/v1/auth/refresh')).toHaveLength(1)
  })

  it('a Retry-After beyond maxRetryAfterMs is not waited for: the error carries retryAfter', async () => {
    await emu.fault({ route: '/api/v1/service/licenses/check', status: 503, headers: { 'Retry-After': '120' } })
    const client = serviceClient(emu)
    const started = Date.now()
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(err.status).toBe(503)
    expect(err.retryAfter).toBe(120)
  })
})

describe('middleware against a hanging Lumen (issue 5)', () => {
  it('checkTimeoutMs bounds the check: 503 soon, onError hears phase "check"', async () => {
    await emu.fault({ route: '/api/v1/service/licenses/check', delayMs: 5_000, times: 1 })
    const phases: string[] = []
    const gate = createRequireLicense(
      new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY }),
      'lumen-hr',
      { checkTimeoutMs: 300, onError: (_e, ctx) => void phases.push(ctx.phase) },
    )
    const started = Date.now()
    const err = await rejection(gate({ headers: { 'x-organization-id': ACME } }))
    expect(Date.now() - started).toBeLessThan(2_000)
    expect((err as unknown as { statusCode: number }).statusCode).toBe(503)
    expect(phases).toContain('check')
  })
})

describe('GET /__emulator', () => {
  it('shows logins, the service key and the open invitation', async () => {
    const res = await emu.fetch('/__emulator')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toContain('demo@lumen.test')
    expect(text).toContain(SERVICE_KEY)
    expect(text).toContain('carol@lumen.test')
  })
})
