/**
 * Conformance: the seed's service helpers (verifyToken, checkLicense, reportUsage), their events,
 * the header priority and the constructor, against a real emulator.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { LumenAccountClient, LumenConfigError, UnauthorizedError } from '../../src/index.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, collect, DEMO, GLOBEX, recordingFetch, rejection, serviceClient, SERVICE_KEY, type Sent, signedIn, userClient } from './support.js'

const emu = useEmulator()

describe('constructor (seed: discriminated union, trailing slashes stripped)', () => {
  it('strips trailing slashes from baseUrl', async () => {
    const client = new LumenAccountClient({ baseUrl: `${emu.url}///`, serviceApiKey: SERVICE_KEY })
    expect(client.baseUrl).toBe(emu.url)
    expect(client.assets.contentUrl('ast_1')).toBe(`${emu.url}/api/v1/assets/ast_1/content`)
    const check = await client.checkLicense(ACME, 'lumen-hr')
    expect(check.valid).toBe(true)
  })

  it('refuses serviceApiKey together with accessToken', () => {
    expect(() => new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, accessToken: 'x' } as never)).toThrow(LumenConfigError)
  })

  it('accepts a timeout option in both modes', () => {
    expect(() => new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, timeout: 2_000 })).not.toThrow()
    expect(() => new LumenAccountClient({ baseUrl: emu.url, accessToken: 'a', refreshToken: 'r', timeout: 2_000 })).not.toThrow()
  })

  it('contentUrl(id) is `${baseUrl}/api/v1/assets/<id>/content`', () => {
    const client = new LumenAccountClient({ baseUrl: 'https://api.lumen.example.com/', accessToken: '' })
    expect(client.assets.contentUrl('ast_42')).toBe('https://api.lumen.example.com/api/v1/assets/ast_42/content')
  })
})

describe('checkLicense(organizationId, productSlug)', () => {
  it('a valid license: tier, features, limits, unitCount, status', async () => {
    const check = await serviceClient(emu).checkLicense(ACME, 'lumen-hr')
    expect(check.valid).toBe(true)
    expect(check.status).toBe('active')
    expect(check.tier).toBe('pro')
    expect(check.unitCount).toBe(25)
    expect(check.features).toMatchObject({ employee_export: true, advanced_reports: true })
    expect(check.features?.sso ?? false).toBeFalsy()
    expect(check.limits).toBeTypeOf('object')
    expect(check.limits).not.toBeNull()
    expect(check.remainingDays).toBeUndefined() // only set on trial licenses
  })

  it('a trial license carries remainingDays (Globex: 5 days)', async () => {
    const check = await serviceClient(emu).service.checkLicense(GLOBEX, 'lumen-hr')
    expect(check.valid).toBe(true)
    expect(check.status).toBe('trial')
    expect(check.tier).toBe('starter')
    expect(check.remainingDays).toBe(5)
  })

  it('no license: valid false with explicit nulls (not undefined)', async () => {
    const check = await serviceClient(emu).checkLicense(ACME, 'lumen-crm')
    expect(check.valid).toBe(false)
    expect(check).toHaveProperty('tier', null)
    expect(check).toHaveProperty('features', null)
    expect(check).toHaveProperty('limits', null)
    expect(check).toHaveProperty('unitCount', null)
  })

  it('sends the service key, the query, and no Authorization', async () => {
    const log: Sent[] = []
    await serviceClient(emu, { fetch: recordingFetch(log) }).checkLicense(ACME, 'lumen-hr')
    expect(log).toHaveLength(1)
    const sent = log[0]!
    expect(sent.method).toBe('GET')
    expect(sent.path).toBe('/api/v1/service/licenses/check')
    const q = new URL(sent.url).searchParams
    expect(q.get('organizationId')).toBe(ACME)
    expect(q.get('productSlug')).toBe('lumen-hr')
    expect(sent.headers.get('x-service-api-key')).toBe(SERVICE_KEY)
    expect(sent.headers.get('authorization')).toBeNull()
  })

  it('a wrong service key is an UnauthorizedError', async () => {
    const client = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: 'lumen_sk_wrong', retry: false })
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(err).toBeInstanceOf(UnauthorizedError)
    expect(err.status).toBe(401)
  })
})

describe('license events', () => {
  it('license:valid fires on valid: true, license:invalid on valid: false', async () => {
    const client = serviceClient(emu)
    const valid = collect(client, 'license:valid')
    const invalid = collect(client, 'license:invalid')
    await client.checkLicense(ACME, 'lumen-hr')
    expect(valid).toHaveLength(1)
    expect(invalid).toHaveLength(0)
    expect(valid[0]).toMatchObject({ valid: true, tier: 'pro', organizationId: ACME, productSlug: 'lumen-hr' })
    await client.checkLicense(ACME, 'lumen-crm')
    expect(invalid).toHaveLength(1)
    expect(invalid[0]).toMatchObject({ valid: false, tier: null })
  })

  it('license:expiring fires when remainingDays ≤ 7, not for an active license', async () => {
    const client = serviceClient(emu)
    const expiring = collect(client, 'license:expiring')
    await client.checkLicense(ACME, 'lumen-hr')
    expect(expiring).toHaveLength(0)
    await client.checkLicense(GLOBEX, 'lumen-hr')
    expect(expiring).toHaveLength(1)
    expect(expiring[0]!.remainingDays).toBe(5)
  })

  it('off(event) removes the handlers of one event; off() removes all', async () => {
    const client = serviceClient(emu)
    const valid = collect(client, 'license:valid')
    const expiring = collect(client, 'license:expiring')
    client.off('license:valid')
    await client.checkLicense(GLOBEX, 'lumen-hr')
    expect(valid).toHaveLength(0)
    expect(expiring).toHaveLength(1)
    client.off()
    await client.checkLicense(GLOBEX, 'lumen-hr')
    expect(expiring).toHaveLength(1)
  })

  it('a throwing handler is swallowed and does not poison the call', async () => {
    const client = serviceClient(emu)
    client.on('license:valid', () => {
      throw new Error('buggy listener')
    })
    const after = collect(client, 'license:valid')
    const check = await client.checkLicense(ACME, 'lumen-hr')
    expect(check.valid).toBe(true)
    expect(after).toHaveLength(1)
  })
})

describe('reportUsage(organizationId, productSlug, unitCount)', () => {
  beforeEach(async () => {
    await emu.reset()
  })

  it('an increase is accepted and emits usage:accepted', async () => {
    const client = serviceClient(emu)
    const accepted = collect(client, 'usage:accepted')
    const rejected = collect(client, 'usage:rejected')
    const result = await client.reportUsage(ACME, 'lumen-hr', 13)
    expect(result.accepted).toBe(true)
    expect(accepted).toHaveLength(1)
    expect(rejected).toHaveLength(0)
  })

  it('shrinking is a no-op: accepted false, warning limit_exceeded, usage:rejected', async () => {
    const client = serviceClient(emu)
    const rejected = collect(client, 'usage:rejected')
    const result = await client.service.reportUsage(ACME, 'lumen-hr', 5)
    expect(result).toMatchObject({ accepted: false, warning: 'limit_exceeded' })
    expect(rejected).toHaveLength(1)
    // The refused report changed nothing: the seeded usage (12) still accepts 13.
    expect((await client.reportUsage(ACME, 'lumen-hr', 13)).accepted).toBe(true)
  })

  it('POSTs { organizationId, productSlug, unitCount } with the service key', async () => {
    const log: Sent[] = []
    await serviceClient(emu, { fetch: recordingFetch(log) }).reportUsage(ACME, 'lumen-hr', 20)
    const sent = log.find((s) => s.path === '/api/v1/service/usage')!
    expect(sent.method).toBe('POST')
    expect(sent.headers.get('x-service-api-key')).toBe(SERVICE_KEY)
  })
})

describe('verifyToken(token)', () => {
  it('returns user, organizations and licenses of the token owner', async () => {
    const { accessToken } = await emu.login('demo')
    const result = await serviceClient(emu).verifyToken(accessToken)
    expect(result.user.email).toBe(DEMO.email)
    expect(result.organizations.map((o) => o.id).sort()).toEqual([ACME, GLOBEX])
    expect(result.licenses.some((l) => l.organizationId === ACME && l.productSlug === 'lumen-hr' && l.tier === 'pro')).toBe(true)
  })

  it('sends Authorization: Bearer <token> and NOT the service key', async () => {
    const { accessToken } = await emu.login('demo')
    const log: Sent[] = []
    await serviceClient(emu, { fetch: recordingFetch(log) }).verifyToken(accessToken)
    const sent = log.find((s) => s.path === '/api/v1/service/verify-token')!
    expect(sent.method).toBe('POST')
    expect(sent.headers.get('authorization')).toBe(`Bearer ${accessToken}`)
    expect(sent.headers.get('x-service-api-key')).toBeNull()
  })

  it('an empty token (no Authorization header on the incoming request) never falls back to the service key', async () => {
    const log: Sent[] = []
    const err = await rejection(serviceClient(emu, { fetch: recordingFetch(log) }).verifyToken(''))
    expect(err).toBeInstanceOf(UnauthorizedError)
    for (const sent of log) expect(sent.headers.get('x-service-api-key')).toBeNull()
  })

  it('the explicit per-call token wins over the stored access token', async () => {
    const { accessToken: bobToken } = await emu.login('bob')
    const log: Sent[] = []
    const dana = await signedIn(emu, DEMO, { fetch: recordingFetch(log) })
    const result = await dana.verifyToken(bobToken)
    expect(result.user.email).toBe('bob@lumen.test')
    expect(log.at(-1)!.headers.get('authorization')).toBe(`Bearer ${bobToken}`)
  })

  it('an invalid token is an UnauthorizedError', async () => {
    const err = await rejection(serviceClient(emu).verifyToken('not-a-jwt'))
    expect(err).toBeInstanceOf(UnauthorizedError)
  })
})

describe('header priority and auth-flow endpoints', () => {
  it('auth-flow endpoints never send the service key', async () => {
    const log: Sent[] = []
    const client = serviceClient(emu, { fetch: recordingFetch(log) })
    await client.login(DEMO.email, DEMO.password)
    await client.requestPasswordReset('nobody@example.com')
    for (const sent of log) {
      expect(sent.headers.get('x-service-api-key')).toBeNull()
      expect(sent.headers.get('authorization')).toBeNull()
    }
  })

  it('auth-flow endpoints never send the stored access token either', async () => {
    const log: Sent[] = []
    const client = await signedIn(emu, DEMO, { fetch: recordingFetch(log) })
    client.setActiveOrg(ACME)
    log.length = 0
    await client.login(DEMO.email, DEMO.password)
    await client.requestPasswordReset('nobody@example.com')
    expect(log.length).toBeGreaterThanOrEqual(2)
    for (const sent of log) {
      expect(sent.headers.get('authorization')).toBeNull()
      expect(sent.headers.get('x-service-api-key')).toBeNull()
    }
  })

  it('a user-mode client sends the stored access token as Bearer', async () => {
    const log: Sent[] = []
    const client = await signedIn(emu, DEMO, { fetch: recordingFetch(log) })
    log.length = 0
    await client.getSessions()
    expect(log[0]!.headers.get('authorization')).toMatch(/^Bearer .+/)
    expect(log[0]!.headers.get('x-service-api-key')).toBeNull()
  })

  it('a user-mode client built with accessToken uses it right away', async () => {
    const { accessToken } = await emu.login('demo')
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken })
    const { sessions } = await client.getSessions()
    expect(sessions.length).toBeGreaterThan(0)
  })

  it('a fresh user-mode client holds no refresh token', async () => {
    const client = userClient(emu)
    expect(await client.getRefreshToken()).toBeNull()
  })
})
