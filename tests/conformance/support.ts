/**
 * Shared helpers of the black-box conformance suite (written from the seed, docs/api.md, issues 3-5 and
 * the README only). Public API only: the package entry, the emulator entry, the emulator helper.
 */
import { LumenAccountClient, type LumenAccountEvent, type LumenAccountEventMap } from '../../src/index.js'
import type { TestEmulator } from '../helpers/emulator.js'

export const DEMO = { email: 'demo@lumen.test', password: 'lumen-demo-pass' }
export const BOB = { email: 'bob@lumen.test', password: 'lumen-demo-pass' }
export const SERVICE_KEY = 'lumen_sk_emulator_local'
export const ACME = 'org_acme'
export const GLOBEX = 'org_globex'

/** Retries as documented, but fast, so fault tests stay quick. */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 40 }

/** One request as the client handed it to `fetch`. */
export interface Sent {
  method: string
  url: string
  path: string
  headers: Headers
}

/** A `fetch` that records what the client sends, then really sends it. */
export function recordingFetch(log: Sent[]): typeof fetch {
  return (input, init) => {
    const req = input instanceof Request ? input : undefined
    const headers = new Headers(req?.headers)
    new Headers(init?.headers).forEach((value, key) => headers.set(key, value))
    const url = req ? req.url : String(input)
    log.push({ method: (init?.method ?? req?.method ?? 'GET').toUpperCase(), url, path: new URL(url).pathname, headers })
    return globalThis.fetch(input, init)
  }
}

export function serviceClient(emu: TestEmulator, extra: { fetch?: typeof fetch } = {}): LumenAccountClient {
  return new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: FAST_RETRY, timeout: 5_000, ...extra })
}

export function userClient(emu: TestEmulator, extra: { fetch?: typeof fetch } = {}): LumenAccountClient {
  return new LumenAccountClient({ baseUrl: emu.url, accessToken: '', retry: FAST_RETRY, timeout: 5_000, ...extra })
}

/** A user-mode client signed in through the seed's flat `login` + `setTokens`. */
export async function signedIn(emu: TestEmulator, who = DEMO, extra: { fetch?: typeof fetch } = {}): Promise<LumenAccountClient> {
  const client = userClient(emu, extra)
  const { accessToken, refreshToken } = await client.login(who.email, who.password)
  await client.setTokens(accessToken, refreshToken)
  return client
}

export function collect<E extends LumenAccountEvent>(client: LumenAccountClient, event: E): LumenAccountEventMap[E][] {
  const seen: LumenAccountEventMap[E][] = []
  client.on(event, (payload) => void seen.push(payload))
  return seen
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected a rejection, got a resolution')
}

/** Poll until `check` passes or `ms` elapse (bounded wait). */
export async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
