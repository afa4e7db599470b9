import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { LumenConfigError, PaywallError, UnauthorizedError } from '../../../src/client/errors.js'
import { FAST_RETRY, ME, error, json, startStub } from './helpers/httpStub.js'
import type { Handler, Recorded, Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

const LOGIN = { accessToken: 'acc_new', refreshToken: 'ref_new', user: ME.user }
const ASSET = { id: 'ast_1', app: 'pmo', kind: 'doc', ownerType: 'user', ownerId: null, orgId: null, visibility: 'private', originalName: 'a.pdf', contentType: 'application/pdf', size: 3, metadata: {}, url: 'x', createdAt: '', updatedAt: '' }

/** Answers every route of docs/api.md with a plausible body. */
const apiHandler: Handler = (r) => {
  const p = r.path.split('?')[0]!
  if (['/auth/login', '/auth/register', '/auth/invitations/accept'].includes(p)) return json(200, LOGIN)
  if (p === '/auth/refresh') return json(200, { accessToken: 'acc_r', refreshToken: 'ref_r' })
  if (p.startsWith('/auth/password-reset')) return json(200, { message: 'ok' })
  if (p === '/auth/logout' || (r.method === 'DELETE' && !p.startsWith('/auth/me'))) return { status: 204 }
  if (p === '/auth/sessions') return json(200, { sessions: [{ id: 'ses_1', current: true }, { id: 'ses_2', current: false }] })
  if (p.startsWith('/auth/') ) return json(200, ME)
  if (p.startsWith('/licenses/')) return json(200, { valid: true, tier: 'pro', features: {}, limits: {}, unitCount: 1, usage: {}, productSlug: 'lumen-hr', organizationId: 'org_1', upgradeUrl: null })
  if (p.startsWith('/products/')) return json(200, { slug: 'lumen-hr', name: 'HR', tiers: [] })
  if (p === '/assets' && r.method === 'GET') return json(200, { items: [ASSET], page: 1, limit: 20, total: 1 })
  if (p.startsWith('/assets')) return json(200, ASSET)
  if (p === '/service/verify-token') return json(200, { user: ME.user, organizations: [], licenses: [] })
  if (p === '/service/licenses/check') return json(200, { valid: true, status: 'trial', tier: 'pro', features: {}, limits: {}, unitCount: 5, remainingDays: 3 })
  if (p === '/service/usage') return json(200, (r.json as { unitCount: number }).unitCount > 10 ? { accepted: true } : { accepted: false, warning: 'limit_exceeded' })
  return json(404, {})
}

async function start(opts: Record<string, unknown> = {}) {
  stub = await startStub(apiHandler)
  return new LumenAccountClient({ baseUrl: stub.url, retry: FAST_RETRY, ...opts })
}
const last = (): Recorded => stub.requests.at(-1)!

describe('constructor', () => {
  it('strips trailing slashes and accepts a baseUrl that already ends in /api/v1', async () => {
    stub = await startStub(apiHandler)
    for (const base of [`${stub.url}///`, `${stub.url}/api/v1`, `${stub.url}/api/v1/`]) {
      const c = new LumenAccountClient({ baseUrl: base })
      expect(c.baseUrl).toBe(stub.url)
      await c.products.get('lumen-hr')
      expect(last().url).toBe('/api/v1/products/lumen-hr')
    }
  })

  it('service vs user mode', () => {
    expect(new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'lumen_sk_1' }).mode).toBe('service')
    expect(new LumenAccountClient({ baseUrl: 'http://x', accessToken: '' }).mode).toBe('user')
    expect(new LumenAccountClient({ baseUrl: 'http://x' }).mode).toBe('user')
  })

  it('types: serviceApiKey xor accessToken', () => {
    // @ts-expect-error the options union forbids both credentials at compile time
    const both = () => new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'k', accessToken: 't' })
    expect(both).toThrow(LumenConfigError)
  })

  it('refuses both credentials, and a missing baseUrl', () => {
    expect(() => new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'k', accessToken: 't' } as never)).toThrow(LumenConfigError)
    expect(() => new LumenAccountClient({ baseUrl: '' })).toThrow(LumenConfigError)
  })

  it('service mode in a browser is refused unless dangerouslyAllowBrowser', () => {
    const g = globalThis as Record<string, unknown>
    g.window = {}
    g.document = {}
    try {
      expect(() => new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'lumen_sk_1' })).toThrow(/never reach a browser/)
      expect(new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'lumen_sk_1', dangerouslyAllowBrowser: true }).mode).toBe('service')
      expect(new LumenAccountClient({ baseUrl: 'http://x', accessToken: 't' }).mode).toBe('user')
    } finally {
      delete g.window
      delete g.document
    }
  })
})

describe('no secret on the instance', () => {
  it('JSON.stringify and util.inspect show no token, service key or core; own keys are the namespaces', async () => {
    const user = new LumenAccountClient({ baseUrl: 'http://x', accessToken: 'acc_secret', refreshToken: 'ref_secret' })
    const service = new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'lumen_sk_secret' })
    for (const client of [user, service]) {
      for (const text of [JSON.stringify(client), inspect(client, { depth: 10, showHidden: true })]) expect(text).not.toMatch(/secret|tokens|emitter/)
      expect(Object.keys(client).sort()).toEqual(['assets', 'auth', 'licenses', 'me', 'products', 'service'])
    }
    expect(await user.getAccessToken()).toBe('acc_secret')
  })
})

describe('service mode in a worker', () => {
  // A dedicated or service worker's global scope: `self`, `importScripts`, no window or document.
  const g = globalThis as Record<string, unknown>
  afterEach(() => {
    delete g.importScripts
    delete g.self
  })

  it('a Web Worker or Service Worker is refused unless dangerouslyAllowBrowser', () => {
    g.self = globalThis
    g.importScripts = () => {}
    expect(() => new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'lumen_sk_1' })).toThrow(/never reach a browser/)
    expect(new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'lumen_sk_1', dangerouslyAllowBrowser: true }).mode).toBe('service')
    expect(new LumenAccountClient({ baseUrl: 'http://x', accessToken: 't' }).mode).toBe('user')
  })

  it('a server runtime with `self` but no importScripts (Node, edge workers) runs service mode', () => {
    g.self = globalThis
    expect(new LumenAccountClient({ baseUrl: 'http://x', serviceApiKey: 'lumen_sk_1' }).mode).toBe('service')
  })
})

describe('headers', () => {
  it('priority: explicit per-call token, then stored access token, then service key', async () => {
    const svc = await start({ serviceApiKey: 'lumen_sk_1' })
    await svc.service.checkLicense('org_1', 'lumen-hr')
    expect(last().headers['x-service-api-key']).toBe('lumen_sk_1')
    expect(last().headers.authorization).toBeUndefined()

    await svc.service.verifyToken('user_jwt')
    expect(last().headers.authorization).toBe('Bearer user_jwt')
    expect(last().headers['x-service-api-key']).toBeUndefined()

    await svc.setTokens('stored_acc')
    await svc.service.checkLicense('org_1', 'lumen-hr')
    expect(last().headers.authorization).toBe('Bearer stored_acc')
    expect(last().headers['x-service-api-key']).toBeUndefined()
    await svc.service.verifyToken('user_jwt')
    expect(last().headers.authorization).toBe('Bearer user_jwt')
  })

  it('verifyToken with an empty token sends no credential at all (never the service key)', async () => {
    const svc = await start({ serviceApiKey: 'lumen_sk_1' })
    await svc.service.verifyToken('')
    expect(last().headers.authorization).toBeUndefined()
    expect(last().headers['x-service-api-key']).toBeUndefined()
  })

  it('auth-flow endpoints send no credential even when the client holds one', async () => {
    for (const opts of [{ serviceApiKey: 'lumen_sk_1' }, { accessToken: 'acc_1', refreshToken: 'ref_1' }]) {
      const c = await start(opts)
      await c.setActiveOrg('org_1')
      await c.auth.login('a@b.c', 'pw')
      await c.auth.register({ email: 'a@b.c', password: 'pw', firstName: 'A', lastName: 'B' })
      await c.auth.requestPasswordReset('a@b.c')
      await c.auth.resetPassword('tok', 'new')
      await c.auth.acceptInvitation({ token: 'inv', firstName: 'A', lastName: 'B', password: 'pw' })
      await c.auth.logout()
      for (const r of stub.requests) {
        expect(r.headers.authorization, r.path).toBeUndefined()
        expect(r.headers['x-service-api-key'], r.path).toBeUndefined()
        expect(r.headers['x-organization-id'], r.path).toBeUndefined()
      }
      await stub.close()
    }
  })

  it('setActiveOrg adds x-organization-id; setActiveOrg(null) removes it', async () => {
    const c = await start({ accessToken: 'acc_1' })
    c.setActiveOrg('org_9')
    expect(c.getActiveOrg()).toBe('org_9')
    await c.licenses.get('lumen-hr')
    expect(last().headers['x-organization-id']).toBe('org_9')
    c.setActiveOrg(null)
    await c.me.get()
    expect(last().headers['x-organization-id']).toBeUndefined()
  })

  it('refresh sends no credential and no x-organization-id either', async () => {
    const c = await start({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    c.setActiveOrg('org_1')
    await c.auth.refresh()
    expect(last().path).toBe('/auth/refresh')
    expect(last().headers.authorization).toBeUndefined()
    expect(last().headers['x-organization-id']).toBeUndefined()
  })

  it('a 401 from login is final even when the client holds tokens (no refresh, nothing cleared)', async () => {
    stub = await startStub((r) => (r.path === '/auth/refresh' ? json(200, { accessToken: 'x', refreshToken: 'y' }) : error(401, 'INVALID_CREDENTIALS')))
    const c = new LumenAccountClient({ baseUrl: stub.url, accessToken: 'acc_1', refreshToken: 'ref_1', retry: FAST_RETRY })
    await expect(c.auth.login('a@b.c', 'wrong')).rejects.toBeInstanceOf(UnauthorizedError)
    expect(stub.calls('POST', '/auth/refresh')).toHaveLength(0)
    expect(await c.getRefreshToken()).toBe('ref_1')
  })

  it('a custom fetch option carries every request (the fetch boundary)', async () => {
    const seen: string[] = []
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const req = new Request(input, init)
      seen.push(`${req.method} ${new URL(req.url).pathname} ${req.headers.get('authorization')}`)
      return Response.json(ME)
    }
    const c = new LumenAccountClient({ baseUrl: 'https://lumen.invalid', accessToken: 'acc_1', fetch })
    await expect(c.me.get()).resolves.toMatchObject({ user: { id: 'usr_1' } })
    expect(seen).toEqual(['GET /api/v1/auth/me Bearer acc_1'])
  })

  it("a fetch mock reads the credentials under the seed's header names (X-Service-API-Key, Authorization)", async () => {
    const seen: Array<Record<string, string>> = []
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      seen.push(init?.headers as Record<string, string>)
      return Response.json({ valid: true, tier: 'pro', features: {}, limits: {}, unitCount: 5 })
    }
    const service = new LumenAccountClient({ baseUrl: 'https://lumen.invalid', serviceApiKey: 'lumen_sk_1', fetch })
    await service.checkLicense('org_abc123', 'lumen-hr')
    expect(seen[0]!['X-Service-API-Key']).toBe('lumen_sk_1')
    expect(seen[0]!.Authorization).toBeUndefined()
    const user = new LumenAccountClient({ baseUrl: 'https://lumen.invalid', accessToken: 'acc_1', fetch })
    user.setActiveOrg('org_abc123')
    await user.licenses.get('lumen-hr').catch(() => {})
    expect(seen[1]).toMatchObject({ Authorization: 'Bearer acc_1', 'x-organization-id': 'org_abc123' })
    expect(seen[1]!['X-Service-API-Key']).toBeUndefined()
  })

  it('a hand-made fetch double ({ ok, status, json }) works like a Response: answers, typed errors, retries', async () => {
    const valid = { valid: true, tier: 'pro', features: {}, limits: {}, unitCount: 5 }
    const answers: Array<Record<string, unknown>> = [
      { ok: true, status: 200, json: async () => valid },
      { ok: false, status: 404, json: async () => ({ error: { code: 'NOT_FOUND', message: 'No such org' } }) },
      { ok: false, status: 503, headers: { 'retry-after': '0' }, json: async () => ({ error: { code: 'SERVICE_UNAVAILABLE' } }) },
      { ok: true, status: 200, json: async () => ({ ...valid, tier: 'starter' }) },
    ]
    let n = 0
    const fetch = (async () => answers[n++]) as unknown as typeof globalThis.fetch
    const c = new LumenAccountClient({ baseUrl: 'https://lumen.invalid', serviceApiKey: 'lumen_sk_1', fetch, retry: { baseDelayMs: 1, maxDelayMs: 2 } })
    await expect(c.checkLicense('org_abc123', 'lumen-hr')).resolves.toEqual(valid)
    await expect(c.checkLicense('org_nope', 'lumen-hr')).rejects.toMatchObject({ name: 'NotFoundError', status: 404, code: 'NOT_FOUND' })
    await expect(c.checkLicense('org_abc123', 'lumen-hr')).resolves.toMatchObject({ tier: 'starter' }) // the 503 was retried
    expect(n).toBe(4)
  })

  it('me.switchOrg calls the API and then sets the active org', async () => {
    const c = await start({ accessToken: 'acc_1' })
    await c.me.switchOrg('org_2')
    expect(last().json).toEqual({ organizationId: 'org_2' })
    expect(c.getActiveOrg()).toBe('org_2')
  })
})

describe('tokens', () => {
  it('a user-mode client stores the tokens from login, register and acceptInvitation', async () => {
    const c = await start()
    for (const call of [
      () => c.auth.login('a@b.c', 'pw'),
      () => c.auth.register({ email: 'a@b.c', password: 'pw', firstName: 'A', lastName: 'B' }),
      () => c.auth.acceptInvitation({ token: 't', firstName: 'A', lastName: 'B', password: 'pw' }),
    ]) {
      await c.clearTokens()
      await call()
      expect(await c.getAccessToken()).toBe('acc_new')
      expect(await c.getRefreshToken()).toBe('ref_new')
    }
  })

  it('a service-mode client never stores user tokens', async () => {
    const c = await start({ serviceApiKey: 'lumen_sk_1' })
    await c.auth.login('a@b.c', 'pw')
    expect(await c.hasTokens()).toBe(false)
  })

  it('setTokens / getRefreshToken / clearTokens are async; setTokens(access) keeps the refresh token', async () => {
    const c = await start()
    for (const p of [c.setTokens('a0', 'r0'), c.getRefreshToken(), c.getAccessToken(), c.hasTokens(), c.clearTokens()]) expect(p).toBeInstanceOf(Promise)
    await c.setTokens('a1', 'r1')
    await c.setTokens('a2')
    expect([await c.getAccessToken(), await c.getRefreshToken()]).toEqual(['a2', 'r1'])
    await c.clearTokens()
    expect(await c.hasTokens()).toBe(false)
  })

  it('seed compatibility: setTokens without await is seen by the next call', async () => {
    const c = await start()
    void c.setTokens('acc_sync', 'ref_sync')
    await c.me.get()
    expect(last().headers.authorization).toBe('Bearer acc_sync')
  })

  it('auth.logout clears the tokens, sends the refresh token and emits auth:logout user', async () => {
    const c = await start({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    const events: unknown[] = []
    c.on('auth:logout', (e) => events.push(e))
    await c.auth.logout()
    expect(last().json).toEqual({ refreshToken: 'ref_1' })
    expect(await c.hasTokens()).toBe(false)
    expect(events).toEqual([{ reason: 'user' }])
  })

  it('auth.logout still signs out locally when the server is unreachable', async () => {
    stub = await startStub(() => ({ drop: true }))
    const c = new LumenAccountClient({ baseUrl: stub.url, accessToken: 'a', refreshToken: 'r', retry: false })
    await expect(c.auth.logout()).resolves.toBeUndefined()
    expect(await c.hasTokens()).toBe(false)
  })

  it('revoking the current session logs this device out (reason revoked)', async () => {
    const c = await start({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    const events: unknown[] = []
    c.on('auth:logout', (e) => events.push(e))
    await c.auth.sessions.list()
    await c.auth.sessions.revoke('ses_2')
    expect(await c.hasTokens()).toBe(true)
    await c.auth.sessions.revoke('ses_1')
    expect(last().method + ' ' + last().path).toBe('DELETE /auth/sessions/ses_1')
    expect(await c.hasTokens()).toBe(false)
    expect(events).toEqual([{ reason: 'revoked' }])
  })
})

describe('events', () => {
  it('checkLicense emits license:valid and license:expiring (remainingDays ≤ 7)', async () => {
    const c = await start({ serviceApiKey: 'lumen_sk_1' })
    const seen: [string, unknown][] = []
    c.on('license:valid', (e) => seen.push(['valid', e]))
    c.on('license:invalid', (e) => seen.push(['invalid', e]))
    c.on('license:expiring', (e) => seen.push(['expiring', e.remainingDays]))
    await c.service.checkLicense('org_1', 'lumen-hr')
    expect(last().path).toBe('/service/licenses/check?organizationId=org_1&productSlug=lumen-hr')
    expect(seen.map(([n]) => n)).toEqual(['valid', 'expiring'])
    expect(seen[0]![1]).toMatchObject({ organizationId: 'org_1', productSlug: 'lumen-hr', valid: true, tier: 'pro' })
    expect(seen[1]![1]).toBe(3)
  })

  it('license:expiring fires at remainingDays 7 (and 0), not at 8 or without remainingDays', async () => {
    let days: number | undefined
    stub = await startStub(() => json(200, { valid: true, status: 'trial', tier: 'pro', features: {}, limits: {}, unitCount: 1, ...(days === undefined ? {} : { remainingDays: days }) }))
    const c = new LumenAccountClient({ baseUrl: stub.url, serviceApiKey: 'k' })
    const seen: number[] = []
    c.on('license:expiring', (e) => seen.push(e.remainingDays))
    for (days of [8, 7, 0, undefined]) await c.service.checkLicense('org_1', 'lumen-hr')
    expect(seen).toEqual([7, 0])
  })

  it('license:invalid on valid: false', async () => {
    stub = await startStub(() => json(200, { valid: false, tier: null, features: null, limits: null, unitCount: null }))
    const c = new LumenAccountClient({ baseUrl: stub.url, serviceApiKey: 'k' })
    const seen: string[] = []
    c.on('license:invalid', () => seen.push('invalid'))
    c.on('license:expiring', () => seen.push('expiring'))
    await c.checkLicense('org_1', 'lumen-hr')
    expect(seen).toEqual(['invalid'])
  })

  it('reportUsage emits usage:accepted / usage:rejected with the report', async () => {
    const c = await start({ serviceApiKey: 'lumen_sk_1' })
    const seen: unknown[] = []
    c.on('usage:accepted', (e) => seen.push(['accepted', e.unitCount]))
    c.on('usage:rejected', (e) => seen.push(['rejected', e.warning]))
    await c.service.reportUsage('org_1', 'lumen-hr', 42)
    await c.service.reportUsage('org_1', 'lumen-hr', 2)
    expect(seen).toEqual([['accepted', 42], ['rejected', 'limit_exceeded']])
    expect(stub.requests[0]!.json).toEqual({ organizationId: 'org_1', productSlug: 'lumen-hr', unitCount: 42 })
  })

  it('handler errors are swallowed; on() returns an unsubscribe; off(event) and off() remove handlers', async () => {
    const c = await start({ serviceApiKey: 'lumen_sk_1' })
    let calls = 0
    c.on('license:valid', () => {
      throw new Error('buggy listener')
    })
    c.on('license:valid', async () => {
      throw new Error('buggy async listener')
    })
    const off = c.on('license:valid', () => calls++)
    await expect(c.service.checkLicense('org_1', 'lumen-hr')).resolves.toBeTruthy()
    expect(calls).toBe(1)
    off()
    await c.service.checkLicense('org_1', 'lumen-hr')
    expect(calls).toBe(1)
    c.on('license:valid', () => calls++)
    c.on('license:expiring', () => calls++)
    c.off('license:valid')
    await c.service.checkLicense('org_1', 'lumen-hr')
    expect(calls).toBe(2)
    c.off()
    await c.service.checkLicense('org_1', 'lumen-hr')
    expect(calls).toBe(2)
  })

  it('dispose() removes every listener', async () => {
    const c = await start({ serviceApiKey: 'lumen_sk_1' })
    let calls = 0
    c.on('license:valid', () => calls++)
    c.dispose()
    await c.service.checkLicense('org_1', 'lumen-hr')
    expect(calls).toBe(0)
  })

  it('a 402 emits request:paywall with the paywall fields', async () => {
    stub = await startStub(() => error(402, 'PAYWALL', { product: 'lumen-hr', feature: 'reports', requiredTier: 'pro', upgradeUrl: 'u' }))
    const c = new LumenAccountClient({ baseUrl: stub.url, accessToken: 'a' })
    const seen: unknown[] = []
    c.on('request:paywall', (e) => seen.push(e))
    await expect(c.licenses.get('lumen-hr')).rejects.toBeInstanceOf(PaywallError)
    expect(seen).toEqual([{ product: 'lumen-hr', feature: 'reports', requiredTier: 'pro', upgradeUrl: 'u', path: '/licenses/lumen-hr' }])
  })

  it('event payloads never carry a token', async () => {
    const c = await start({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    const payloads: unknown[] = []
    c.on('auth:tokens-refreshed', (e) => payloads.push(e))
    c.on('auth:logout', (e) => payloads.push(e))
    await c.auth.refresh()
    await c.auth.logout()
    expect(JSON.stringify(payloads)).not.toMatch(/acc_|ref_/)
  })
})

describe('namespaces hit the docs/api.md routes', () => {
  it('every method', async () => {
    const c = await start({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    const seen = () => `${last().method} ${last().path}`
    await c.me.get(); expect(seen()).toBe('GET /auth/me')
    await c.me.deletePhoto(); expect(seen()).toBe('DELETE /auth/me/photo')
    await c.auth.sessions.list(); expect(seen()).toBe('GET /auth/sessions')
    await c.licenses.get('lumen hr'); expect(seen()).toBe('GET /licenses/lumen%20hr')
    await c.products.get('lumen-crm'); expect(seen()).toBe('GET /products/lumen-crm')
    await c.assets.get('ast_1'); expect(seen()).toBe('GET /assets/ast_1')
    await c.assets.list({ app: 'pmo', page: 2, kind: undefined }); expect(seen()).toBe('GET /assets?app=pmo&page=2')
    await c.assets.update('ast_1', { originalName: 'b.pdf' }); expect(seen()).toBe('PATCH /assets/ast_1')
    expect(last().json).toEqual({ originalName: 'b.pdf' })
    await expect(c.assets.delete('ast_1')).resolves.toBeUndefined(); expect(seen()).toBe('DELETE /assets/ast_1')
    expect(c.assets.contentUrl('ast 1')).toBe(`${stub.url}/api/v1/assets/ast%201/content`)
    await c.auth.requestPasswordReset('a@b.c'); expect(last().json).toEqual({ email: 'a@b.c' })
    await c.auth.resetPassword('t', 'n'); expect(last().json).toEqual({ token: 't', newPassword: 'n' })
    expect(seen()).toBe('POST /auth/password-reset/confirm')
  })

  it('every method takes a last { signal }: an aborted one rejects with its reason and sends nothing', async () => {
    const c = await start({ accessToken: 'acc_1', refreshToken: 'ref_1' })
    const app = new LumenAccountClient({ baseUrl: stub.url, accessToken: 'acc_1', allowedOrigins: [stub.url] })
    const ctrl = new AbortController()
    ctrl.abort(new Error('cancelled'))
    const o = { signal: ctrl.signal }
    const file = new Blob(['x'])
    const calls: Record<string, () => Promise<unknown>> = {
      'auth.login': () => c.auth.login('a@b.c', 'pw', o),
      'auth.register': () => c.auth.register({ email: 'a@b.c', password: 'pw', firstName: 'A', lastName: 'B' }, o),
      'auth.refresh': () => c.auth.refresh(o),
      'auth.requestPasswordReset': () => c.auth.requestPasswordReset('a@b.c', o),
      'auth.resetPassword': () => c.auth.resetPassword('t', 'n', o),
      'auth.acceptInvitation': () => c.auth.acceptInvitation({ token: 't', firstName: 'A', lastName: 'B', password: 'pw' }, o),
      'auth.sessions.list': () => c.auth.sessions.list(o),
      'auth.sessions.revoke': () => c.auth.sessions.revoke('ses_2', o),
      'me.get': () => c.me.get(o),
      'me.switchOrg': () => c.me.switchOrg('org_2', o),
      'me.uploadPhoto': () => c.me.uploadPhoto(file, o),
      'me.deletePhoto': () => c.me.deletePhoto(o),
      'assets.upload': () => c.assets.upload(file, { app: 'a', kind: 'k', ownerType: 'user' }, o),
      'assets.get': () => c.assets.get('ast_1', o),
      'assets.list': () => c.assets.list({}, o),
      'assets.update': () => c.assets.update('ast_1', {}, o),
      'assets.delete': () => c.assets.delete('ast_1', o),
      'licenses.get': () => c.licenses.get('lumen-hr', o),
      'products.get': () => c.products.get('lumen-hr', o),
      'service.verifyToken': () => c.service.verifyToken('jwt', o),
      'service.checkLicense': () => c.service.checkLicense('org_1', 'lumen-hr', o),
      'service.reportUsage': () => c.service.reportUsage('org_1', 'lumen-hr', 1, o),
      login: () => c.login('a@b.c', 'pw', o),
      register: () => c.register('a@b.c', 'pw', 'A', 'B', undefined, o),
      requestPasswordReset: () => c.requestPasswordReset('a@b.c', o),
      resetPassword: () => c.resetPassword('t', 'n', o),
      acceptInvitation: () => c.acceptInvitation('t', 'A', 'B', 'pw', o),
      getSessions: () => c.getSessions(o),
      revokeSession: () => c.revokeSession('ses_2', o),
      verifyToken: () => c.verifyToken('jwt', o),
      checkLicense: () => c.checkLicense('org_1', 'lumen-hr', o),
      reportUsage: () => c.reportUsage('org_1', 'lumen-hr', 1, o),
      fetch: () => app.fetch(`${stub.url}/x`, o),
    }
    for (const [name, call] of Object.entries(calls)) {
      await expect(call(), name).rejects.toThrow('cancelled')
    }
    expect(stub.requests).toEqual([])
    // logout with an aborted signal still signs out locally (the server call is best effort).
    await c.auth.logout(o)
    expect(await c.hasTokens()).toBe(false)
    expect(stub.requests).toEqual([])
  })

  it('the flat methods are marked @deprecated in their JSDoc', () => {
    const source = readFileSync(new URL('../../../src/client/client.ts', import.meta.url), 'utf8')
    for (const name of ['login', 'register', 'requestPasswordReset', 'resetPassword', 'acceptInvitation', 'getSessions', 'revokeSession', 'verifyToken', 'checkLicense', 'reportUsage']) {
      expect(source, name).toMatch(new RegExp(`/\\*\\* @deprecated Use \`client\\.[\\w.]+\\(.*\\*/\\n  ${name}\\(`))
    }
  })

  it('the deprecated flat methods delegate to the namespaces', async () => {
    const c = await start({ serviceApiKey: 'lumen_sk_1' })
    const seen = () => `${last().method} ${last().path.split('?')[0]}`
    await c.login('a@b.c', 'pw'); expect(seen()).toBe('POST /auth/login')
    await c.register('a@b.c', 'pw', 'A', 'B', 'Org'); expect(last().json).toEqual({ email: 'a@b.c', password: 'pw', firstName: 'A', lastName: 'B', organizationName: 'Org' })
    await c.requestPasswordReset('a@b.c'); expect(seen()).toBe('POST /auth/password-reset/request')
    await c.resetPassword('t', 'n'); expect(seen()).toBe('POST /auth/password-reset/confirm')
    await c.acceptInvitation('inv', 'C', 'D', 'pw'); expect(last().json).toEqual({ token: 'inv', firstName: 'C', lastName: 'D', password: 'pw' })
    await c.getSessions(); expect(seen()).toBe('GET /auth/sessions')
    await c.revokeSession('ses_2'); expect(seen()).toBe('DELETE /auth/sessions/ses_2')
    await c.verifyToken('jwt'); expect(seen()).toBe('POST /service/verify-token')
    await c.checkLicense('org_1', 'lumen-hr'); expect(seen()).toBe('GET /service/licenses/check')
    await c.reportUsage('org_1', 'lumen-hr', 50); expect(seen()).toBe('POST /service/usage')
  })
})
