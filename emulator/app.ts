/**
 * The Hono app: request ids, CORS, faults, idempotency, the API routes, the emulator controls, and
 * the docs/api.md error envelope for everything that goes wrong (404, 405, 400, 413, 415, 500…).
 */
import { isIP } from 'node:net'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { API_PREFIX, ROUTES } from '../src/contract/routes.js'
import { emu, type AppEnv, type Ctx, type Emulator } from './context.js'
import { ApiError, errorResponse } from './errors.js'
import { stockHtml, type Fault } from './faults.js'
import { idempotency } from './idempotency.js'
import { assetRoutes } from './routes/assets.js'
import { authRoutes } from './routes/auth.js'
import { devRoutes } from './routes/dev.js'
import { licenseRoutes } from './routes/licenses.js'
import { meRoutes } from './routes/me.js'
import { randomToken } from './security.js'

export const DEFAULT_CORS_ORIGINS = [
  'http://localhost:5173', 'http://127.0.0.1:5173', // playground (vite dev)
  'http://localhost:4173', 'http://127.0.0.1:4173', // playground (vite preview)
  'http://localhost:6006', 'http://127.0.0.1:6006', // Storybook
]

const DEV_ROUTES = [
  ['GET', '/__emulator'], ['GET', '/__emulator/outbox'], ['DELETE', '/__emulator/outbox'],
  ['GET', '/__emulator/faults'], ['POST', '/__emulator/faults'], ['DELETE', '/__emulator/faults'], ['DELETE', '/__emulator/faults/:id'],
  ['POST', '/__emulator/reset'], ['POST', '/__emulator/expire-tokens'], ['GET', '/__emulator/clock'], ['POST', '/__emulator/clock'],
] as const
const KNOWN: [string, RegExp][] = [
  ...Object.values(ROUTES).map((r) => [r.method, `${API_PREFIX}${r.path}`] as const),
  ...DEV_ROUTES,
].map(([method, path]) => [method, new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`)])

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A fault's answer, or `undefined` when it only delays. */
async function applyFault(c: Ctx, fault: Fault): Promise<Response | undefined> {
  if (fault.delayMs) await sleep(fault.delayMs)
  if (fault.dropConnection) {
    c.env?.incoming?.socket?.destroy()
    return new Response(null, { status: 599 })
  }
  if (fault.status === undefined && fault.htmlBody === undefined && fault.error === undefined) return undefined
  const status = fault.status ?? 500
  const headers = { ...fault.headers }
  if (fault.htmlBody !== undefined && fault.htmlBody !== false) {
    const html = typeof fault.htmlBody === 'string' ? fault.htmlBody : stockHtml(status)
    return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } })
  }
  const { code, message, details, ...extra } = fault.error ?? {}
  const err = new ApiError(status, code ?? (status >= 500 ? 'INTERNAL_ERROR' : 'FAULT'), message ?? `Injected fault (${status}).`,
    details ?? [], headers, extra)
  return errorResponse(err, c.get('requestId'))
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1']

/** `localhost`, `*.localhost`, 127.x.x.x or ::1. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host)
}

/** The host name of a `Host` header, without the port. */
const hostName = (header: string) => (header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!).toLowerCase()

function originAllowed(e: Emulator, origin: string): boolean {
  const allowed = e.config.allowOrigins
  if (allowed === '*') return true
  if (allowed !== 'loopback') return allowed.includes(origin)
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)
  } catch {
    return false // `null` (sandboxed frames, file: pages) and garbage
  }
}

export function createApp(e: Emulator): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.use('*', async (c, next) => {
    const requestId = `req_${randomToken(9)}`
    c.set('requestId', requestId)
    c.set('emulator', e)
    c.set('auth', undefined)
    c.set('rawBody', undefined)
    await next()
    c.res.headers.set('x-request-id', requestId)
  })

  // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends `Host: evil.example`.
  // IP literals can't be rebound, so a LAN address (bound to 0.0.0.0) passes.
  app.use('*', async (c, next) => {
    const host = c.req.header('host')
    const name = host ? hostName(host) : ''
    if (host && !isLoopbackHost(name) && !isIP(name.replace(/^\[|\]$/g, '')) && !e.config.allowHosts.includes(name)) {
      return errorResponse(new ApiError(421, 'HOST_NOT_ALLOWED', `This emulator does not answer for the host ${JSON.stringify(name)}.`), c.get('requestId'))
    }
    await next()
  })

  // The controls reset data, inject faults and show reset links: only for pages of allowed origins
  // (requests without an Origin, from tests and scripts, pass).
  app.use('/__emulator/*', async (c, next) => {
    const origin = c.req.header('origin')
    if (origin !== undefined && !originAllowed(e, origin)) {
      return errorResponse(new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'This origin may not use the emulator controls (see --allow-origin).'), c.get('requestId'))
    }
    await next()
  })

  const allowed = e.config.corsOrigins
  app.use('*', cors({
    origin: (origin) => (allowed === '*' ? origin || '*' : allowed.includes(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type', 'x-organization-id', 'x-service-api-key', 'idempotency-key', 'x-request-id'],
    exposeHeaders: ['x-request-id', 'Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  }))

  app.use('*', async (c, next) => {
    const before = emu(c).faults.take(c.req.method, c.req.path, 'request')
    const early = before && (await applyFault(c, before))
    if (early) return early
    await next()
    const after = emu(c).faults.take(c.req.method, c.req.path, 'response')
    const late = after && (await applyFault(c, after))
    if (late) c.res = late
  })

  app.use(`${API_PREFIX}/*`, idempotency)

  authRoutes(app)
  meRoutes(app)
  licenseRoutes(app)
  assetRoutes(app)
  devRoutes(app)
  app.get('/', (c) => c.redirect('/__emulator'))

  app.notFound((c) => {
    const path = c.req.path
    const methods = KNOWN.filter(([, re]) => re.test(path)).map(([m]) => m)
    if (methods.length && !methods.includes(c.req.method)) {
      const allow = [...new Set(methods)].join(', ')
      return errorResponse(new ApiError(405, 'METHOD_NOT_ALLOWED', `${c.req.method} is not allowed here. Allowed: ${allow}.`, [], { Allow: allow }), c.get('requestId'))
    }
    return errorResponse(new ApiError(404, 'NOT_FOUND', `No route ${c.req.method} ${path}.`), c.get('requestId'))
  })

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(err, c.get('requestId'))
    // A race that reached a UNIQUE constraint is a conflict, not a crash.
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return errorResponse(new ApiError(409, 'CONFLICT', 'This conflicts with a change made at the same time. Try again.'), c.get('requestId'))
    }
    e.log(`[error] ${c.req.method} ${c.req.path} (${c.get('requestId')}): ${err instanceof Error ? err.stack ?? err.message : String(err)}`)
    return errorResponse(new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on the server.'), c.get('requestId'))
  })

  return app
}
