/**
 * Test fixtures of the middleware suite: a scripted Lumen license endpoint on real HTTP, the real
 * client in service mode (or a structural checker) calling it, and Express 5 / Fastify 5 apps with
 * the middleware mounted.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { LumenAccountClient } from '../../../src/client/client.js'
import type { CheckLicenseResponse } from '../../../src/contract/types.js'
import { checkUsageLimit } from '../../../src/middleware/core.js'
import { isLicenseMiddlewareError } from '../../../src/middleware/errors.js'
import { requiresLicenseExpress } from '../../../src/middleware/express.js'
import { requiresLicenseFastify } from '../../../src/middleware/fastify.js'
import type { LicenseChecker, RequireLicenseOptions } from '../../../src/middleware/types.js'

export const SERVICE_KEY = 'lumen_sk_test_stub'
export const PRODUCT = 'lumen-hr'

export const INVALID: CheckLicenseResponse = { valid: false, tier: null, features: null, limits: null, unitCount: null }

export function license(tier: string, extra: Partial<CheckLicenseResponse> = {}): CheckLicenseResponse {
  return { valid: true, status: 'active', tier, features: { reports: true, sso: false }, limits: { api_calls: '100', seats: 'unlimited' }, unitCount: 10, ...extra }
}

export type StubMode = 'ok' | 'fail503' | 'drop' | 'reject401' | 'unknownOrg404'

export interface LicenseStub {
  url: string
  /** Answers per organization id; unknown orgs get `INVALID`. */
  licenses: Map<string, CheckLicenseResponse>
  mode: StubMode
  /** Delay before each answer, ms. */
  delayMs: number
  calls: number
  callsFor(organizationId: string): number
  /** Checks being answered right now, and the most at once since `reset()`. */
  inFlight: number
  maxInFlight: number
  /** Back to `ok`, no delay, no licenses, zero calls. */
  reset(): void
  close(): Promise<void>
}

/** `GET /api/v1/service/licenses/check` with scripted answers, counting calls. */
export async function startLicenseStub(): Promise<LicenseStub> {
  const perOrg = new Map<string, number>()
  const sockets = new Set<import('node:net').Socket>()
  const stub = {
    url: '',
    licenses: new Map<string, CheckLicenseResponse>(),
    mode: 'ok' as StubMode,
    delayMs: 0,
    calls: 0,
    callsFor: (org: string) => perOrg.get(org) ?? 0,
    inFlight: 0,
    maxInFlight: 0,
    reset: () => {
      stub.licenses.clear()
      stub.mode = 'ok'
      stub.delayMs = 0
      stub.calls = 0
      stub.maxInFlight = stub.inFlight
      perOrg.clear()
    },
    close: async () => {},
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub')
    if (url.pathname !== '/api/v1/service/licenses/check' || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no route' }, requestId: 'req_stub' }))
      return
    }
    const org = url.searchParams.get('organizationId') ?? ''
    stub.calls += 1
    perOrg.set(org, (perOrg.get(org) ?? 0) + 1)
    stub.inFlight += 1
    stub.maxInFlight = Math.max(stub.maxInFlight, stub.inFlight)
    // Until the answer is sent or the caller hangs up, whichever comes first.
    let done = false
    const settle = () => {
      if (!done) stub.inFlight -= 1
      done = true
    }
    res.on('finish', settle)
    res.on('close', settle)
    const answer = () => {
      if (stub.mode === 'drop') return req.socket.destroy()
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_stub' }).end(JSON.stringify(body))
      if (stub.mode === 'fail503') return send(503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'down' }, requestId: 'req_stub' })
      if (stub.mode === 'unknownOrg404') return send(404, { error: { code: 'NOT_FOUND', message: 'No such organization.' }, requestId: 'req_stub' })
      if (stub.mode === 'reject401' || req.headers['x-service-api-key'] !== SERVICE_KEY) {
        return send(401, { error: { code: 'UNAUTHORIZED', message: 'bad service key' }, requestId: 'req_stub' })
      }
      send(200, stub.licenses.get(org) ?? INVALID)
    }
    if (stub.delayMs > 0) setTimeout(answer, stub.delayMs)
    else answer()
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  stub.close = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy()
    server.close(() => resolve())
  })
  return stub
}

/** The real client in service mode against `baseUrl`; no retries, so outage tests stay fast and countable. */
export function serviceClient(baseUrl: string, serviceApiKey = SERVICE_KEY): LumenAccountClient {
  return new LumenAccountClient({ baseUrl, serviceApiKey, retry: false, timeout: 5_000 })
}

/** A minimal structural checker over HTTP, shaped like the client's errors (name + status). */
export function httpChecker(baseUrl: string, serviceKey = SERVICE_KEY): LicenseChecker {
  return {
    async checkLicense(organizationId, productSlug) {
      const query = new URLSearchParams({ organizationId, productSlug })
      let res: Response
      try {
        res = await fetch(`${baseUrl}/api/v1/service/licenses/check?${query}`, {
          headers: { 'x-service-api-key': serviceKey },
          signal: AbortSignal.timeout(5_000),
        })
      } catch (cause) {
        throw Object.assign(new Error('network failure', { cause }), { name: 'NetworkError', status: 0 })
      }
      if (!res.ok) {
        await res.text()
        throw Object.assign(new Error(`HTTP ${res.status}`), { name: res.status >= 500 ? 'ServerError' : 'UnauthorizedError', status: res.status })
      }
      return (await res.json()) as CheckLicenseResponse
    },
  }
}

export interface TestApp {
  url: string
  close(): Promise<void>
}

export type Framework = 'express' | 'fastify'

type Headers = Record<string, string | string[] | undefined>

/** What the test apps run before the gate: headers → `req.user` (or none). */
export type Authenticate = (headers: Headers) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>

/**
 * The auth stand-in of the test apps: `x-test-user-org` → `req.user.orgId`, and the memberships
 * `verifyToken` would return: `x-test-user-orgs: a,b` → `req.user.organizations` as `{ id, … }`
 * objects, `x-test-user-org-ids: a,b` → as plain ids (an empty value: no memberships at all).
 */
function testUser(headers: Headers): Record<string, unknown> | undefined {
  const user: Record<string, unknown> = {}
  const list = (name: string) => {
    const value = headers[name]
    return typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : undefined
  }
  if (typeof headers['x-test-user-org'] === 'string') user.orgId = headers['x-test-user-org']
  const orgs = list('x-test-user-orgs')
  if (orgs) user.organizations = orgs.map((id) => ({ id, name: id, slug: id, role: 'member', logoUrl: null }))
  const ids = list('x-test-user-org-ids')
  if (ids) user.organizations = ids
  return Object.keys(user).length ? user : undefined
}

/**
 * An app with: an auth step (`authenticate`, by default the stand-in `testUser`), `GET /gated`
 * echoing `lumenLicense`, `GET /usage?count=N` running `checkUsageLimit` on `api_calls`,
 * and `GET /bare` without the middleware.
 */
export async function startApp(
  framework: Framework, client: LicenseChecker, options: RequireLicenseOptions = {}, authenticate: Authenticate = testUser,
): Promise<TestApp> {
  return framework === 'express' ? startExpress(client, options, authenticate) : startFastify(client, options, authenticate)
}

async function startExpress(client: LicenseChecker, options: RequireLicenseOptions, authenticate: Authenticate): Promise<TestApp> {
  const app = express()
  app.use((req, _res, next) => {
    Promise.resolve(authenticate(req.headers)).then((user) => {
      if (user) (req as unknown as { user: unknown }).user = user
      next()
    }, next)
  })
  const gate = requiresLicenseExpress(client, PRODUCT, options)
  app.get('/bare', (_req, res) => { res.json({ ok: true }) })
  app.get('/gated', gate, (req, res) => { res.json({ license: req.lumenLicense }) })
  app.get('/usage', gate, (req, res) => {
    checkUsageLimit(req.lumenLicense!, 'api_calls', Number(req.query.count))
    res.json({ ok: true })
  })
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isLicenseMiddlewareError(err)) res.status(err.statusCode).json(err.toJSON())
    else res.status(500).json({ error: 'INTERNAL_ERROR' })
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

async function startFastify(client: LicenseChecker, options: RequireLicenseOptions, authenticate: Authenticate): Promise<TestApp> {
  const app = Fastify({ forceCloseConnections: true })
  app.addHook('onRequest', async (request) => {
    const user = await authenticate(request.headers)
    if (user) (request as unknown as { user: unknown }).user = user
  })
  // The seed's error handler: statusCode-bearing errors keep their status, with the toJSON() body.
  app.setErrorHandler((err, _request, reply) => {
    if (isLicenseMiddlewareError(err)) void reply.code(err.statusCode).headers(err.headers ?? {}).send(err.toJSON())
    else void reply.code(500).send({ error: 'INTERNAL_ERROR' })
  })
  const preHandler = requiresLicenseFastify(client, PRODUCT, options)
  app.get('/bare', async () => ({ ok: true }))
  app.get('/gated', { preHandler }, async (request) => ({ license: request.lumenLicense }))
  app.get<{ Querystring: { count: string } }>('/usage', { preHandler }, async (request) => {
    checkUsageLimit(request.lumenLicense!, 'api_calls', Number(request.query.count))
    return { ok: true }
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: () => app.close(),
  }
}

export async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) })
  const text = await res.text()
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    body = { raw: text }
  }
  return { status: res.status, headers: res.headers, body }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
