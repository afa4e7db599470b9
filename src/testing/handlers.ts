/**
 * `lumenHandlers`: the Lumen API of `docs/api.md` as request handlers over an in-memory state. The
 * same handlers run in MSW 2 (`setupServer(...handlers)`, `setupWorker`, msw-storybook-addon) and
 * without it (`handlers.fetch`, or `lumenFetch(handlers)`): Node and happy-dom, no service worker.
 */
import { API_PREFIX, ROUTES } from '../contract/routes.js'
import type { RouteName } from '../contract/routes.js'
import { fixtures as defaultFixtures } from './fixtures.js'
import { RESOLVERS } from './routes.js'
import { errorResponse, wait, WireError } from './respond.js'
import { createTestState } from './world.js'
import type { LumenCall, LumenFixtures, LumenSeed, LumenTestState } from './world.js'

/**
 * How a failed request fails: a status, the connection dropping (`'network'`), or a full answer.
 * A 429 says `Retry-After: 30` unless `retryAfter` is given (`null`: no header).
 */
export type LumenFailure = number | 'network' | { status: number; code?: string; message?: string; retryAfter?: number | null }

/** A route pattern (`'/licenses/:slug'`, optionally with a method: `'POST /auth/login'`) to a value. */
export type LumenRouteMap<T> = Record<string, T>

export interface LumenHandlersOptions {
  /** Answer after this many ms: for every route, per route pattern, or from a function of the call; `Infinity` never answers. @default 0 */
  delay?: number | LumenRouteMap<number> | ((call: LumenCall) => number | undefined | void)
  /** Fail routes instead of answering, e.g. `{ '/licenses/:slug': 503 }`, `{ 'POST /auth/login': 'network' }`, or a function of the call. */
  fail?: LumenRouteMap<LumenFailure> | ((call: LumenCall) => LumenFailure | undefined | void)
  /** Answer only requests to this origin (e.g. `https://api.example.com`). @default any origin */
  baseUrl?: string
}

/** MSW's `http` (or anything shaped like it): `lumenHandlers` then returns MSW's own handler objects. */
export type LumenHttpFactory<H> = Record<'get' | 'post' | 'put' | 'delete', (path: string, resolver: (info: LumenResolverInfo) => Promise<Response>) => H>

/** What a handler's resolver gets, as in MSW: the request and the path parameters. */
export interface LumenResolverInfo {
  request: Request
  params: Record<string, string | readonly string[] | undefined>
}

/** One route as an MSW-compatible request handler (`kind: 'request'`, `run()`), usable without MSW too. */
export interface LumenHttpHandler {
  readonly kind: 'request'
  readonly info: { header: string; method: string; path: string }
  isUsed: boolean
  /** The MSW resolver: `http.get(handler.info.path, handler.resolver)` builds a native MSW handler from it. */
  readonly resolver: (info: LumenResolverInfo) => Promise<Response>
  run(args: { request: Request; requestId?: string; resolutionContext?: unknown }): Promise<{ handler: LumenHttpHandler; request: Request; response: Response; parsedResult: unknown } | null>
  log(): void
}

/** The handlers, plus the state they serve, their live options and an in-memory `fetch`. */
export interface LumenHandlers<H = LumenHttpHandler> extends Array<H> {
  /** The in-memory Lumen: change it between steps (licenses, accounts, sessions); `calls` lists every request. */
  readonly state: LumenTestState
  /** The options, live: set `delay` / `fail` mid-test. */
  readonly options: LumenHandlersOptions
  /** `fetch` answered by these handlers, no network (pass it as the client's `fetch`). */
  readonly fetch: typeof globalThis.fetch
}

/** Client method per route, for `calls[].name` (what the testing kit's `client.calls` lists). */
const METHOD_NAMES: Partial<Record<RouteName, string>> = {
  login: 'auth.login', register: 'auth.register', refresh: 'auth.refresh', logout: 'auth.logout',
  passwordResetRequest: 'auth.requestPasswordReset', passwordResetConfirm: 'auth.resetPassword',
  acceptInvitation: 'auth.acceptInvitation', me: 'me.get', switchOrg: 'me.switchOrg',
  sessionsList: 'auth.sessions.list', sessionsRevoke: 'auth.sessions.revoke', photoUpload: 'me.uploadPhoto',
  photoDelete: 'me.deletePhoto', licenseGet: 'licenses.get', productGet: 'products.get', assetsContent: 'assets.content',
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 402: 'PAYWALL', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED', 503: 'SERVICE_UNAVAILABLE',
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** `/a/:id` → a regex capturing `id`; `:name` matches one segment. */
const compile = (path: string) => new RegExp(`^${path.split(/(:\w+)/).map((part) => (part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : escape(part))).join('')}$`)

/** The value of the first pattern of `map` (`'/path/:x'` or `'METHOD /path/:x'`) matching the call. */
function lookup<T>(map: LumenRouteMap<T> | ((call: LumenCall) => T | undefined | void) | undefined, call: LumenCall): T | undefined {
  if (typeof map === 'function') return map(call) ?? undefined
  for (const [pattern, value] of Object.entries(map ?? {})) {
    const [method, path] = pattern.includes(' ') ? pattern.split(/\s+/, 2) : [null, pattern]
    if ((!method || method.toUpperCase() === call.method) && compile(path!.replace(/^\/api\/v1(?=\/)/, '')).test(call.path)) return value
  }
  return undefined
}

function failure(state: LumenTestState, f: LumenFailure): Response {
  if (f === 'network') return Response.error()
  const { status, code, message, retryAfter } = typeof f === 'number' ? { status: f } : f
  const wait = retryAfter !== undefined ? retryAfter : status === 429 ? 30 : null
  const e = new WireError(status, code ?? DEFAULT_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED'), message ?? `Failed on purpose (${status}).`, [], wait === null ? {} : { 'retry-after': String(wait) })
  return errorResponse(state, e)
}

/**
 * Request handlers for the Lumen API over in-memory data seeded from `seed`: the fixture builders
 * (`fixtures`, the demo data built with them) or a `LumenSeed` of your own.
 * @example setupServer(...lumenHandlers(fixtures, { delay: 300, fail: { '/licenses/:slug': 503 } }))
 */
export function lumenHandlers(seed?: LumenFixtures | LumenSeed, options?: LumenHandlersOptions): LumenHandlers
/** The same, as MSW's own handler objects: `lumenHandlers(fixtures, { http })` with `import { http } from 'msw'` (typed for `setupServer`). */
export function lumenHandlers<H>(seed: LumenFixtures | LumenSeed | undefined, options: LumenHandlersOptions & { http: LumenHttpFactory<H> }): LumenHandlers<H>
export function lumenHandlers(seed: LumenFixtures | LumenSeed = defaultFixtures, options: LumenHandlersOptions & { http?: LumenHttpFactory<unknown> } = {}): LumenHandlers<unknown> {
  const builders = typeof (seed as LumenFixtures).user === 'function' ? (seed as LumenFixtures) : defaultFixtures
  const state = createTestState(builders === seed ? {} : (seed as LumenSeed), builders)
  const replays = new Map<string, Response>()
  const origin = options.baseUrl?.replace(/\/+$/, '').replace(/\/api\/v1$/, '')

  const handlers = (Object.keys(RESOLVERS) as RouteName[]).map((name): LumenHttpHandler => {
    const { method, path } = ROUTES[name]
    const pattern = compile(API_PREFIX + path)
    const resolve = RESOLVERS[name]!
    const match = (request: Request): Record<string, string> | null => {
      const url = new URL(request.url)
      const at = url.pathname.indexOf(API_PREFIX + '/')
      if (request.method !== method || at < 0 || (origin && url.origin !== origin)) return null
      const found = pattern.exec(url.pathname.slice(at))
      return found ? { ...found.groups } : null
    }
    async function resolver({ request, params }: LumenResolverInfo): Promise<Response> {
      const url = new URL(request.url)
      const call: LumenCall = {
        method, name: METHOD_NAMES[name] ?? null,
        path: url.pathname.slice(url.pathname.lastIndexOf(API_PREFIX) + API_PREFIX.length),
        org: request.headers.get('x-organization-id'), auth: request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') || null,
      }
      state.calls.push(call)
      const key = method === 'GET' ? null : request.headers.get('idempotency-key')
      const replay = key && replays.get(`${call.path}:${key}`)
      if (replay) return replay.clone()
      const ms = typeof options.delay === 'number' ? options.delay : lookup(options.delay, call)
      if (ms) await wait(ms, request.signal)
      const failed = lookup(options.fail, call)
      if (failed !== undefined) return failure(state, failed)
      let response: Response
      try {
        response = await resolve({ request, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), state, fixtures: builders })
      } catch (e) {
        if (!(e instanceof WireError)) throw e // an abort, or a bug: let the caller see it
        response = errorResponse(state, e)
      }
      if (key && response.status < 500) replays.set(`${call.path}:${key}`, response.clone())
      return response
    }
    const handler: LumenHttpHandler = {
      kind: 'request',
      // With `baseUrl`, MSW matches that origin only (two apps, or two stories, on one worker).
      info: { header: `${method} ${origin ?? '*'}${API_PREFIX}${path}`, method, path: `${origin ?? '*'}${API_PREFIX}${path}` },
      isUsed: false,
      resolver,
      async run({ request }) {
        const params = match(request)
        if (!params) return null
        handler.isUsed = true
        return { handler, request, response: await resolver({ request, params }), parsedResult: { match: { matches: true, params } } }
      },
      log() {},
    }
    return handler
  })
  const { http } = options
  const list = http ? handlers.map((h) => http[h.info.method.toLowerCase() as 'get'](h.info.path, h.resolver) as LumenHttpHandler) : handlers
  return Object.assign(list, { state, options, fetch: lumenFetch(list) })
}

/**
 * A `fetch` that answers from `handlers` (these, or any MSW 2 handlers) in memory: no network, no
 * service worker. An unmatched request or `'network'` failure rejects like a dropped connection.
 */
export function lumenFetch(handlers: ReadonlyArray<{ run(args: { request: Request; requestId: string }): Promise<{ response?: Response } | null> }>): typeof globalThis.fetch {
  let seq = 0
  return async (input, init) => {
    const request = new Request(input, init)
    const signal = init?.signal ?? (input instanceof Request ? input.signal : null)
    signal?.throwIfAborted()
    const answer = (async () => {
      for (const handler of handlers) {
        const result = await handler.run({ request, requestId: `lumen-fetch-${++seq}` })
        if (result?.response) return result.response
      }
      return null
    })()
    // An abort rejects at once, like fetch, even while a handler is still waiting.
    const response = !signal
      ? await answer
      : await new Promise<Response | null>((resolve, reject) => {
          const onAbort = () => reject(signal.reason as Error)
          signal.addEventListener('abort', onAbort, { once: true })
          answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
        })
    if (!response || response.type === 'error') throw new TypeError(`[lumen-account] testing: ${response ? 'network error' : 'no handler'} for ${request.method} ${request.url}`)
    return response
  }
}
