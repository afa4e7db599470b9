// The real LumenAccountClient over lumenHandlers in memory (happy-dom): the wire contract, delay, fail.
import { describe, expect, it, vi } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { fixtures, lumenFetch, lumenHandlers } from '../../../src/testing/index.js'
import type { LumenHandlersOptions } from '../../../src/testing/index.js'

const BASE = 'https://api.lumen.test'
const PASSWORD = 'lumen-demo-pass'

function setup(options: LumenHandlersOptions = {}, seed: Parameters<typeof lumenHandlers>[0] = fixtures) {
  const handlers = lumenHandlers(seed, options)
  const client = new LumenAccountClient({ baseUrl: BASE, fetch: handlers.fetch, retry: false })
  return { handlers, client, state: handlers.state }
}

const png = () => new File([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], 'me.png', { type: 'image/png' })

describe('lumenHandlers: the contract, in memory', () => {
  it('signs in, reads /auth/me, the active org license and the product; calls are recorded by client method', async () => {
    const { client, state } = setup()
    const login = await client.auth.login('demo@lumen.test', PASSWORD)
    expect(login.user.firstName).toBe('Dana')
    const me = await client.me.get()
    expect(me.organizations.map((o) => o.id)).toEqual(['org_acme', 'org_globex'])
    expect(me.activeOrganizationId).toBe('org_acme')
    expect(me.licenses).toEqual([
      expect.objectContaining({ organizationId: 'org_acme', productSlug: 'lumen-hr', tier: 'pro', status: 'active' }),
      expect.objectContaining({ organizationId: 'org_globex', tier: 'starter', status: 'trial', trialEndsAt: expect.any(String) }),
    ])
    client.setActiveOrg('org_acme')
    expect(await client.licenses.get('lumen-hr')).toMatchObject({ valid: true, tier: 'pro', organizationId: 'org_acme' })
    expect((await client.products.get('lumen-hr')).tiers.map((t) => t.slug)).toEqual(['starter', 'pro', 'enterprise'])
    expect(state.calls.map((c) => c.name)).toEqual(['auth.login', 'me.get', 'licenses.get', 'products.get'])
    expect(state.calls[2]).toMatchObject({ method: 'GET', path: '/licenses/lumen-hr', org: 'org_acme' })
  })

  it('errors come in the envelope and become the typed errors of the client', async () => {
    const { client } = setup()
    await expect(client.auth.login('demo@lumen.test', 'wrong')).rejects.toMatchObject({ name: 'UnauthorizedError', status: 401, code: 'INVALID_CREDENTIALS', requestId: expect.stringMatching(/^req_/) })
    await expect(client.me.get()).rejects.toMatchObject({ name: 'UnauthorizedError', code: 'UNAUTHORIZED' })
    await expect(client.auth.register({ email: 'demo@lumen.test', password: 'long-enough', firstName: 'D', lastName: 'D' })).rejects.toMatchObject({ name: 'ConflictError', code: 'EMAIL_TAKEN' })
    await expect(client.auth.register({ email: 'nope', password: 'short', firstName: 'D', lastName: 'D' })).rejects.toMatchObject({
      name: 'ValidationError', status: 400, details: [{ field: 'email', message: expect.any(String) }, { field: 'password', message: expect.any(String) }],
    })
    await client.auth.login('demo@lumen.test', PASSWORD)
    await expect(client.me.switchOrg('org_initech')).rejects.toMatchObject({ name: 'ForbiddenError', code: 'NOT_A_MEMBER' })
    client.setActiveOrg('org_acme')
    await expect(client.licenses.get('no-such-product')).rejects.toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND' })
  })

  it('five failed sign-ins are rate limited with Retry-After', async () => {
    const { client } = setup()
    for (let i = 0; i < 5; i++) await expect(client.auth.login('demo@lumen.test', 'wrong')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    await expect(client.auth.login('demo@lumen.test', PASSWORD)).rejects.toMatchObject({ name: 'LimitExceededError', status: 429, code: 'RATE_LIMITED', retryAfter: expect.any(Number) })
  })

  it('register with an organization, switch org, sessions list and revoke, refresh rotation, logout', async () => {
    const { client, state } = setup()
    const reg = await client.auth.register({ email: 'new@lumen.test', password: 'long-enough', firstName: 'New', lastName: 'User', organizationName: 'New Co' })
    expect(reg.organization).toMatchObject({ name: 'New Co', role: 'owner' })
    expect((await client.me.get()).organizations).toHaveLength(1)

    await client.auth.login('demo@lumen.test', PASSWORD)
    const switched = await client.me.switchOrg('org_globex')
    expect(switched.activeOrganizationId).toBe('org_globex')
    expect(await client.licenses.get('lumen-hr')).toMatchObject({ valid: true, status: 'trial', remainingDays: 5, organizationId: 'org_globex' })

    const device = state.issue('demo@lumen.test')
    const { sessions } = await client.auth.sessions.list()
    expect(sessions.filter((s) => s.current)).toHaveLength(1)
    expect(sessions.map((s) => s.id)).toContain(device.sessionId)
    await client.auth.sessions.revoke(device.sessionId)
    expect((await client.auth.sessions.list()).sessions.map((s) => s.id)).not.toContain(device.sessionId)
    await expect(client.auth.sessions.revoke('ses_nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })

    const before = await client.getRefreshToken()
    await client.auth.refresh()
    expect(await client.getRefreshToken()).not.toBe(before)
    await client.auth.logout()
    expect(state.calls.at(-1)).toMatchObject({ name: 'auth.logout' })
    expect([...state.sessions.values()].filter((s) => s.email === 'demo@lumen.test' && !s.revoked)).toHaveLength(0)
  })

  it('a rotated refresh token coming back ends the session', async () => {
    const { handlers } = setup()
    const { refreshToken } = handlers.state.issue('demo@lumen.test')
    const refresh = (token: string) => handlers.fetch(`${BASE}/api/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: token }) })
    const first = (await (await refresh(refreshToken)).json()) as { refreshToken: string }
    expect((await refresh(refreshToken)).status).toBe(401)
    expect(((await (await refresh(first.refreshToken)).json()) as { error: { code: string } }).error.code).toBe('INVALID_REFRESH_TOKEN')
  })

  it('password reset, invitation accept (single use), photo upload served back and deleted', async () => {
    const { client, state, handlers } = setup()
    await client.auth.requestPasswordReset('demo@lumen.test')
    const [token] = [...state.resetTokens.keys()]
    await expect(client.auth.resetPassword('bad-token', 'new-password')).rejects.toMatchObject({ name: 'ValidationError', code: 'INVALID_TOKEN' })
    await client.auth.resetPassword(token!, 'new-password')
    await expect(client.auth.login('demo@lumen.test', PASSWORD)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    await client.auth.login('demo@lumen.test', 'new-password')

    const me = await client.me.uploadPhoto(png())
    expect(me.user.photoUrl).toMatch(/^https:\/\/api\.lumen\.test\/api\/v1\/assets\/ast_\d+\/content$/)
    const served = await handlers.fetch(me.user.photoUrl!)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await served.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([137, 80, 78, 71]))
    await expect(client.me.uploadPhoto(new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' }))).rejects.toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
    expect((await client.me.deletePhoto()).user.photoUrl).toBeNull()
    expect((await handlers.fetch(me.user.photoUrl!)).status).toBe(404)

    const invited = new LumenAccountClient({ baseUrl: BASE, fetch: handlers.fetch, retry: false })
    await invited.auth.acceptInvitation({ token: 'lumen-invite-acme-carol', firstName: 'Carol', lastName: 'C', password: 'carol-password' })
    expect((await invited.me.get()).organizations).toEqual([expect.objectContaining({ id: 'org_acme', role: 'member' })])
    await expect(invited.auth.acceptInvitation({ token: 'lumen-invite-acme-carol', firstName: 'C', lastName: 'C', password: 'carol-password' })).rejects.toMatchObject({ code: 'INVITATION_USED' })
  })

  it('state changes show on the next request, like an admin changing the server', async () => {
    const { client, state } = setup()
    await client.auth.login('demo@lumen.test', PASSWORD)
    client.setActiveOrg('org_acme')
    state.licenses.org_acme!['lumen-hr'] = fixtures.entitlement({ tier: 'enterprise' })
    expect((await client.licenses.get('lumen-hr')).tier).toBe('enterprise')
    state.licenses.org_acme!['lumen-hr'] = 'error'
    await expect(client.licenses.get('lumen-hr')).rejects.toMatchObject({ name: 'ServerError', status: 503 })
  })
})

describe('lumenHandlers options', () => {
  it('fail: a status per route pattern, a method-qualified pattern, a network drop, a function', async () => {
    const { client, handlers } = setup({ fail: { '/licenses/:slug': 503, 'POST /auth/switch-org': 'network' } })
    await client.auth.login('demo@lumen.test', PASSWORD)
    client.setActiveOrg('org_acme')
    await expect(client.licenses.get('lumen-hr')).rejects.toMatchObject({ name: 'ServerError', status: 503, code: 'SERVICE_UNAVAILABLE' })
    await expect(client.me.switchOrg('org_globex')).rejects.toMatchObject({ name: 'NetworkError' })
    expect((await client.me.get()).user.email).toBe('demo@lumen.test') // other routes answer
    handlers.options.fail = (call) => (call.name === 'me.get' ? { status: 429, retryAfter: 7 } : undefined)
    await expect(client.me.get()).rejects.toMatchObject({ name: 'LimitExceededError', retryAfter: 7 })
    handlers.options.fail = undefined
    expect(await client.licenses.get('lumen-hr')).toMatchObject({ tier: 'pro' })
  })

  it('delay: per route; an abort ends a delayed or held request at once', async () => {
    vi.useFakeTimers()
    try {
      const { client, handlers } = setup({ delay: { '/auth/me': 5_000 } })
      const login = client.auth.login('demo@lumen.test', PASSWORD)
      await vi.advanceTimersByTimeAsync(0)
      await login // not delayed
      let settled = false
      const me = client.me.get().finally(() => (settled = true))
      await vi.advanceTimersByTimeAsync(4_000)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1_000)
      expect((await me).user.firstName).toBe('Dana')

      handlers.state.licenses.org_acme!['lumen-hr'] = 'loading'
      client.setActiveOrg('org_acme')
      const controller = new AbortController()
      const held = client.licenses.get('lumen-hr', { signal: controller.signal })
      const outcome = held.then(() => 'answered', (e: Error) => e.name)
      await vi.advanceTimersByTimeAsync(5_000) // held (the client's own 10 s timeout is later)
      controller.abort()
      expect(await outcome).toBe('AbortError')
    } finally {
      vi.useRealTimers()
    }
  })

  it('baseUrl: requests to another origin are not answered; lumenFetch runs any handler list', async () => {
    const handlers = lumenHandlers(fixtures, { baseUrl: BASE })
    await expect(handlers.fetch('https://elsewhere.test/api/v1/products/lumen-hr')).rejects.toThrow(/no handler/)
    const only = lumenFetch(handlers.filter((h) => h.info.path.endsWith('/products/:productSlug')))
    expect((await only(`${BASE}/api/v1/products/lumen-hr`)).status).toBe(200)
    await expect(only(`${BASE}/api/v1/auth/me`)).rejects.toThrow(/no handler/)
  })

  it('a seed of your own: accounts, licenses and products', async () => {
    const { client } = setup({}, {
      accounts: [{ user: fixtures.user({ email: 'zoe@example.com', firstName: 'Zoe' }), password: 'zoe-password', orgs: [fixtures.organization({ id: 'org_z' })] }],
      licenses: { org_z: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } },
    })
    await expect(client.auth.login('demo@lumen.test', PASSWORD)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    await client.auth.login('zoe@example.com', 'zoe-password')
    client.setActiveOrg('org_z')
    expect(await client.licenses.get('lumen-hr')).toMatchObject({ tier: 'starter', organizationId: 'org_z' })
  })
})
