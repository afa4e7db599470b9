/**
 * A small Lumen API on 127.0.0.1 for the Vue layer's unit tests: real HTTP (with CORS, as a
 * browser needs), the API.md routes the store uses, request counts, and knobs for delays and
 * failures. The emulator covers the full contract in tests/integration/vue.
 */
import { createServer } from 'node:http'
import { afterAll, beforeAll } from 'vitest'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EntitlementResponse, MeResponse, OrganizationSummary, Session, User } from '../../../src/contract/types.js'
import { fixtures } from '../../../src/testing/fixtures.js'

export interface FakeCall {
  method: string
  path: string
  org: string | null
  auth: string | null
}

interface FakeSession {
  id: string
  userId: string
  activeOrg: string | null
  refresh: string
  revoked: boolean
}

type Hook = (call: FakeCall) => number | 'network' | { status: number; code: string } | undefined | void

export interface FakeApi {
  url: string
  calls: FakeCall[]
  /** Calls whose path starts with `prefix` (optionally with this method). */
  count(prefix: string, method?: string): number
  users: Map<string, { user: User; password: string; orgs: OrganizationSummary[] }>
  /** `licenses[orgId][product]` */
  licenses: Record<string, Record<string, EntitlementResponse>>
  /** Delay (ms) or fail a request before it is answered. */
  hook: Hook | null
  /** Issue JWT-shaped access tokens that expire after this many ms (`null`: opaque tokens). */
  accessTtlMs: number | null
  /** Log someone in directly, for restore tests: returns their tokens. */
  issue(email: string): { accessToken: string; refreshToken: string }
  close(): Promise<void>
}

export const ORG_IDS = Array.from({ length: 20 }, (_, i) => `org_${String(i + 1).padStart(2, '0')}`)

/** This file's FakeApi: listening (with its `url` set) before the first test, closed after the last. */
export function useFakeApi(): FakeApi {
  const { api, listen } = createFakeApi()
  beforeAll(listen)
  afterAll(() => api.close())
  return api
}

/** The API with its state and routes, not listening yet: `listen()` binds a free port and sets `url`. */
function createFakeApi(): { api: FakeApi; listen(): Promise<void> } {
  let seq = 0
  const sessions = new Map<string, FakeSession>()
  const access = new Map<string, string>() // access token -> session id
  const refresh = new Map<string, string>() // refresh token -> session id
  const orgs: OrganizationSummary[] = [
    fixtures.organization(),
    fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' }),
    ...ORG_IDS.map((id) => fixtures.organization({ id, name: id, slug: id, role: 'member' })),
  ]
  const users = new Map<string, { user: User; password: string; orgs: OrganizationSummary[] }>()
  users.set('demo@lumen.test', { user: fixtures.user(), password: 'lumen-demo-pass', orgs })
  for (let i = 0; i < 100; i++) {
    const email = `user${i}@lumen.test`
    users.set(email, { user: fixtures.user({ id: `usr_${i}`, email, firstName: `User${i}` }), password: 'pw', orgs: [orgs[0]!] })
  }
  const licenses: Record<string, Record<string, EntitlementResponse>> = {
    org_acme: { 'lumen-hr': fixtures.entitlement({ tier: 'pro', organizationId: 'org_acme' }) },
    org_globex: { 'lumen-hr': fixtures.entitlement({ tier: 'starter', status: 'trial', remainingDays: 5, organizationId: 'org_globex' }) },
  }
  for (const id of ORG_IDS) licenses[id] = { 'lumen-hr': fixtures.entitlement({ tier: 'starter', organizationId: id }) }

  const calls: FakeCall[] = []
  const api: FakeApi = {
    url: '',
    calls,
    count: (prefix, method) => calls.filter((c) => c.path.startsWith(prefix) && (!method || c.method === method)).length,
    users,
    licenses,
    hook: null,
    accessTtlMs: null,
    issue: (email) => newSession(email),
    close: () => new Promise((r) => server.close(() => r())),
  }

  function mintAccess(): string {
    const n = ++seq
    if (api.accessTtlMs === null) return `at_${n}`
    const payload = Buffer.from(JSON.stringify({ sub: n, exp: (Date.now() + api.accessTtlMs) / 1000 })).toString('base64url')
    return `eyJhbGciOiJIUzI1NiJ9.${payload}.at_${n}`
  }

  function newSession(email: string) {
    const u = users.get(email)!
    const id = `ses_${++seq}`
    const s: FakeSession = { id, userId: email, activeOrg: u.orgs[0]?.id ?? null, refresh: `rt_${seq}`, revoked: false }
    sessions.set(id, s)
    refresh.set(s.refresh, id)
    const accessToken = mintAccess()
    access.set(accessToken, id)
    return { accessToken, refreshToken: s.refresh }
  }

  const me = (s: FakeSession): MeResponse => {
    const u = users.get(s.userId)!
    // The summaries of /auth/me: what each of the user's orgs holds.
    const held = u.orgs.flatMap((o) => Object.values(licenses[o.id] ?? {}).map((l) => fixtures.license({ organizationId: o.id, productSlug: l.productSlug, tier: l.tier, status: l.status ?? 'active' })))
    return { user: u.user, organizations: u.orgs, licenses: held, activeOrganizationId: s.activeOrg }
  }

  const server = createServer((req, res) => void handle(req, res))
  const cors = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*')
    res.setHeader('access-control-allow-methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS')
    res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*')
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after')
  }
  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.setHeader('x-request-id', `req_${++seq}`)
    if (body === undefined) return void res.writeHead(status).end()
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
  const fail = (res: ServerResponse, status: number, code: string) => send(res, status, { error: { code, message: code }, requestId: `req_${seq}` })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    cors(req, res)
    if (req.method === 'OPTIONS') return send(res, 204)
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname.replace(/^\/api\/v1/, '')
    const auth = (req.headers.authorization ?? '').replace(/^Bearer /, '') || null
    const call: FakeCall = { method: req.method ?? 'GET', path, org: (req.headers['x-organization-id'] as string) ?? null, auth }
    calls.push(call)
    let raw = ''
    for await (const chunk of req) raw += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('latin1')
    const body = (req.headers['content-type'] ?? '').includes('json') && raw ? (JSON.parse(raw) as Record<string, string>) : {}
    const hooked = api.hook?.(call)
    if (hooked === 'network') return void req.socket.destroy()
    if (typeof hooked === 'number') await new Promise((r) => setTimeout(r, hooked))
    else if (hooked) return fail(res, hooked.status, hooked.code)

    if (path === '/auth/login' && req.method === 'POST') {
      const u = users.get(body.email ?? '')
      if (!u || u.password !== body.password) return fail(res, 401, 'INVALID_CREDENTIALS')
      return send(res, 200, { ...newSession(body.email!), user: u.user })
    }
    if (path === '/auth/register' && req.method === 'POST') {
      if (users.has(body.email ?? '')) return fail(res, 409, 'EMAIL_TAKEN')
      const org = fixtures.organization({ id: `org_${++seq}`, name: body.organizationName ?? 'Personal', slug: `o${seq}` })
      const user = fixtures.user({ id: `usr_${++seq}`, email: body.email!, firstName: body.firstName!, lastName: body.lastName! })
      users.set(body.email!, { user, password: body.password!, orgs: [org] })
      return send(res, 200, { ...newSession(body.email!), user, organization: org })
    }
    if (path === '/auth/invitations/accept' && req.method === 'POST') {
      if (body.token !== 'inv_ok') return fail(res, 409, 'INVITATION_USED')
      const email = `invited${++seq}@lumen.test`
      const user = fixtures.user({ id: `usr_${seq}`, email, firstName: body.firstName!, lastName: body.lastName! })
      users.set(email, { user, password: body.password!, orgs: [orgs[1]!] })
      return send(res, 200, { ...newSession(email), user })
    }
    if (path === '/auth/password-reset/request' && req.method === 'POST') return send(res, 200, { message: 'If the email exists, a link was sent.' })
    if (path === '/auth/password-reset/confirm' && req.method === 'POST') {
      if (body.token !== 'rst_ok') return fail(res, 400, 'VALIDATION_FAILED')
      return send(res, 200, { message: 'Password changed.' })
    }
    if (path === '/auth/refresh' && req.method === 'POST') {
      const id = refresh.get(body.refreshToken ?? '')
      const s = id ? sessions.get(id) : undefined
      if (!s || s.revoked) return fail(res, 401, 'INVALID_REFRESH_TOKEN')
      refresh.delete(s.refresh)
      s.refresh = `rt_${++seq}`
      refresh.set(s.refresh, s.id)
      const accessToken = mintAccess()
      access.set(accessToken, s.id)
      return send(res, 200, { accessToken, refreshToken: s.refresh })
    }
    if (path === '/auth/logout' && req.method === 'POST') {
      const id = refresh.get(body.refreshToken ?? '')
      if (id) sessions.get(id)!.revoked = true
      return send(res, 204)
    }
    if (path.startsWith('/products/')) {
      const slug = path.slice('/products/'.length)
      return slug === 'lumen-hr' ? send(res, 200, fixtures.product()) : fail(res, 404, 'NOT_FOUND')
    }
    const sid = auth ? access.get(auth) : undefined
    const s = sid ? sessions.get(sid) : undefined
    if (!s || s.revoked) return fail(res, 401, 'TOKEN_EXPIRED')
    if (path === '/auth/me' && req.method === 'GET') return send(res, 200, me(s))
    if (path === '/auth/switch-org' && req.method === 'POST') {
      if (!users.get(s.userId)!.orgs.some((o) => o.id === body.organizationId)) return fail(res, 403, 'NOT_A_MEMBER')
      s.activeOrg = body.organizationId ?? null
      return send(res, 200, me(s))
    }
    if (path === '/auth/sessions' && req.method === 'GET') {
      const list: Session[] = [...sessions.values()]
        .filter((x) => x.userId === s.userId && !x.revoked)
        .map((x) => fixtures.session({ id: x.id, current: x.id === s.id }))
      return send(res, 200, { sessions: list })
    }
    if (path.startsWith('/auth/sessions/') && req.method === 'DELETE') {
      const target = sessions.get(path.slice('/auth/sessions/'.length))
      if (!target || target.userId !== s.userId) return fail(res, 404, 'NOT_FOUND')
      target.revoked = true
      return send(res, 204)
    }
    if (path === '/auth/me/photo') {
      const u = users.get(s.userId)!
      u.user = { ...u.user, photoUrl: req.method === 'PUT' ? `${api.url}/api/v1/assets/ast_${++seq}/content` : null }
      return send(res, 200, me(s))
    }
    if (path.startsWith('/licenses/')) {
      const slug = path.slice('/licenses/'.length)
      const org = call.org
      if (!org) return fail(res, 400, 'VALIDATION_FAILED')
      const lic = licenses[org]?.[slug] ?? fixtures.entitlement({ tier: null, organizationId: org, productSlug: slug })
      return send(res, 200, { ...lic, organizationId: org })
    }
    return fail(res, 404, 'NOT_FOUND')
  }

  async function listen() {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    api.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  }
  return { api, listen }
}
