/**
 * The Lumen API of `./testing` (`lumenHandlers`) served on 127.0.0.1 for the Vue layer's unit tests:
 * real HTTP (with CORS, as a browser needs), the real client, request counts, and a `hook` that
 * delays or fails requests (it drives the handlers' `delay` and `fail` options). The emulator covers
 * the full contract in tests/integration/vue.
 */
import { createServer } from 'node:http'
import { afterAll, beforeAll } from 'vitest'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EntitlementResponse, OrganizationSummary, User } from '../../../src/contract/types.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { lumenHandlers } from '../../../src/testing/handlers.js'
import type { LumenCall, LumenTestAccount } from '../../../src/testing/world.js'

export type FakeCall = LumenCall

type Hook = (call: FakeCall) => number | 'network' | { status: number; code: string } | undefined | void

export interface FakeApi {
  url: string
  calls: FakeCall[]
  /** Calls whose path starts with `prefix` (optionally with this method). */
  count(prefix: string, method?: string): number
  users: Map<string, { user: User; password: string; orgs: OrganizationSummary[] }>
  /** `licenses[orgId][product]` */
  licenses: Record<string, Record<string, EntitlementResponse | 'loading' | 'error'>>
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

/** The demo data plus 20 more orgs for Dana, 100 users in Acme (password `pw`), tokens for invitation and reset. */
function seed() {
  const orgs: OrganizationSummary[] = [
    fixtures.organization(),
    fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' }),
    ...ORG_IDS.map((id) => fixtures.organization({ id, name: id, slug: id, role: 'member' })),
  ]
  const accounts: LumenTestAccount[] = [{ user: fixtures.user(), password: 'lumen-demo-pass', orgs }]
  for (let i = 0; i < 100; i++) {
    const email = `user${i}@lumen.test`
    accounts.push({ user: fixtures.user({ id: `usr_${i}`, email, firstName: `User${i}` }), password: 'pw', orgs: [orgs[0]!] })
  }
  const licenses: FakeApi['licenses'] = {
    org_acme: { 'lumen-hr': fixtures.entitlement({ tier: 'pro', organizationId: 'org_acme' }) },
    org_globex: { 'lumen-hr': fixtures.entitlement({ tier: 'starter', status: 'trial', remainingDays: 5, organizationId: 'org_globex' }) },
  }
  for (const id of ORG_IDS) licenses[id] = { 'lumen-hr': fixtures.entitlement({ tier: 'starter', organizationId: id }) }
  // Lumen CRM exists (tiers) but no org holds it: its license answers `valid: false`.
  const crm = fixtures.product({ slug: 'lumen-crm', name: 'Lumen CRM' })
  return {
    accounts,
    licenses,
    products: [fixtures.product(), crm],
    invitations: { inv_ok: { organizationId: 'org_globex', email: 'ivy@lumen.test' }, inv_used: { organizationId: 'org_globex', email: 'used@lumen.test' } },
    resetTokens: { rst_ok: 'user99@lumen.test' },
  }
}

/** The API with its state and routes, not listening yet: `listen()` binds a free port and sets `url`. */
function createFakeApi(): { api: FakeApi; listen(): Promise<void> } {
  const handlers = lumenHandlers(seed())
  const { state } = handlers
  state.invitations.get('inv_used')!.acceptedAt = new Date(0).toISOString()
  let hook: Hook | null = null
  handlers.options.delay = (call) => {
    const h = hook?.(call)
    return typeof h === 'number' ? h : undefined
  }
  handlers.options.fail = (call) => {
    const h = hook?.(call)
    return h === 'network' || (h && typeof h === 'object') ? h : undefined
  }

  const api: FakeApi = {
    url: '',
    calls: state.calls,
    count: (prefix, method) => state.calls.filter((c) => c.path.startsWith(prefix) && (!method || c.method === method)).length,
    users: state.accounts,
    licenses: state.licenses,
    get hook() {
      return hook
    },
    set hook(next) {
      hook = next
    },
    get accessTtlMs() {
      return state.accessTtlMs
    },
    set accessTtlMs(ms) {
      state.accessTtlMs = ms
    },
    issue: (email) => state.issue(email),
    close: () => new Promise((r) => server.close(() => r())),
  }

  const server = createServer((req, res) => void handle(req, res))
  const cors = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*')
    res.setHeader('access-control-allow-methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS')
    res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*')
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after')
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    cors(req, res)
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(Buffer.from(chunk as Uint8Array))
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0
    // A client that gives up closes the socket: the handler waiting for it (delay, 'loading') stops too.
    const gone = new AbortController()
    res.on('close', () => gone.abort())
    let answer: Response
    try {
      answer = await handlers.fetch(`${api.url}${req.url ?? '/'}`, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined, signal: gone.signal })
    } catch {
      return void req.socket.destroy() // 'network': the connection drops, as a proxy or an outage would
    }
    res.writeHead(answer.status, Object.fromEntries(answer.headers))
    res.end(Buffer.from(await answer.arrayBuffer()))
  }

  async function listen() {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    api.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  }
  return { api, listen }
}
