/**
 * Boot a Lumen emulator for a test: in memory, on a free 127.0.0.1 port, quiet.
 * No test-runner import, so Vitest, Playwright and plain scripts can all use it.
 *
 * @example
 * let emu: TestEmulator
 * beforeAll(async () => { emu = await bootEmulator() })
 * afterAll(() => emu.close())
 * const client = new LumenAccountClient({ baseUrl: emu.url })
 */
import { startEmulator, SEED, type Fault, type FaultSpec, type OutboxMessage, type RunningEmulator, type StartEmulatorOptions } from '../../emulator/index.js'
import type { LoginResponse } from '../../src/contract/types.js'

export { SEED, SEED_PASSWORD, SERVICE_KEY, INVITATION_TOKEN, PRODUCTS } from '../../emulator/index.js'
export type { Fault, FaultSpec, OutboxMessage, RunningEmulator, StartEmulatorOptions }

export interface ApiCall {
  body?: unknown
  /** Bearer access token. */
  token?: string
  /** `x-organization-id`. */
  org?: string
  /** Send the seeded service key (`true`) or this key. */
  serviceKey?: boolean | string
  headers?: Record<string, string>
}

export interface ApiResult<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number
  body: T
  headers: Headers
}

export interface TestEmulator extends RunningEmulator {
  /** `fetch` against the emulator: `path` starts with `/api/v1/…` or `/__emulator/…`. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /** A JSON call to `/api/v1` + `path`; returns status, parsed body (or text) and headers. */
  api<T = any>(method: string, path: string, call?: ApiCall): Promise<ApiResult<T>> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Log a seeded user in (`'demo'`, `'bob'`, `'ada'`, `'gus'`) or any email + password. */
  login(who?: keyof typeof SEED.users | string, password?: string): Promise<LoginResponse>
  /** `POST /__emulator/faults`. */
  fault(spec: FaultSpec): Promise<Fault>
  clearFaults(): Promise<void>
  outbox(to?: string): Promise<OutboxMessage[]>
  /** Move the emulator's clock forward: `'11s'`, `'16m'`, `'6d'` or ms. */
  advanceClock(by: string | number): Promise<void>
  /** Every access token issued so far answers 401 TOKEN_EXPIRED (and refresh tokens too, if asked). */
  expireTokens(options?: { refreshTokens?: boolean }): Promise<void>
}

export async function bootEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const running = await startEmulator({ port: 0, memory: true, quiet: true, ...options })
  const base = running.url

  const doFetch = (path: string, init?: RequestInit) => fetch(base + path, { ...init, signal: init?.signal ?? AbortSignal.timeout(15_000) })

  async function api(method: string, path: string, call: ApiCall = {}): Promise<ApiResult> {
    const headers: Record<string, string> = { ...call.headers }
    if (call.token) headers.authorization = `Bearer ${call.token}`
    if (call.org) headers['x-organization-id'] = call.org
    if (call.serviceKey) headers['x-service-api-key'] = call.serviceKey === true ? SEED.serviceKey : call.serviceKey
    let body: BodyInit | undefined
    if (call.body instanceof FormData || typeof call.body === 'string') body = call.body
    else if (call.body !== undefined) {
      body = JSON.stringify(call.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await doFetch(`/api/v1${path}`, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers }
  }

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await doFetch(`/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`[lumen-emulator] ${method} /__emulator${path}: ${res.status} ${await res.text()}`)
    return res.status === 204 ? null : res.json()
  }

  return {
    ...running,
    fetch: doFetch,
    api,
    async login(who = 'demo', password = SEED.password) {
      const email = who in SEED.users ? SEED.users[who as keyof typeof SEED.users].email : who
      const r = await api('POST', '/auth/login', { body: { email, password } })
      if (r.status !== 200) throw new Error(`[lumen-emulator] login ${email}: ${r.status} ${JSON.stringify(r.body)}`)
      return r.body as LoginResponse
    },
    fault: (spec) => control('POST', '/faults', spec) as Promise<Fault>,
    clearFaults: async () => void (await control('DELETE', '/faults')),
    outbox: async (to) => ((await control('GET', `/outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`)) as { messages: OutboxMessage[] }).messages,
    advanceClock: async (by) => void (await control('POST', '/clock', typeof by === 'number' ? { advanceMs: by } : { advance: by })),
    expireTokens: async (opts = {}) => void (await control('POST', '/expire-tokens', opts)),
  }
}
