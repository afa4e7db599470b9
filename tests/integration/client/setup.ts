/** Shared setup: clients of the real `LumenAccountClient` against an emulator, fast retries. */
import { LumenAccountClient, MemoryTokenStorage, type LumenAccountEvent, type LumenAccountEventMap } from '../../../src/index.js'
import { SEED, type TestEmulator } from '../../helpers/emulator.js'

/** Retries as in production, but 10 ms apart so fault tests stay fast. */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 40 }

export function userClient(emu: TestEmulator, storage = new MemoryTokenStorage()): LumenAccountClient {
  return new LumenAccountClient({ baseUrl: emu.url, storage, retry: FAST_RETRY, timeout: 5_000 })
}

export function serviceClient(emu: TestEmulator): LumenAccountClient {
  return new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SEED.serviceKey, retry: FAST_RETRY, timeout: 5_000 })
}

/** A user-mode client signed in as a seeded user. */
export async function signedIn(emu: TestEmulator, who: keyof typeof SEED.users = 'demo'): Promise<LumenAccountClient> {
  const client = userClient(emu)
  await client.auth.login(SEED.users[who].email, SEED.password)
  return client
}

/** Collect the payloads of one event. */
export function record<E extends LumenAccountEvent>(client: LumenAccountClient, event: E): LumenAccountEventMap[E][] {
  const seen: LumenAccountEventMap[E][] = []
  client.on(event, (payload) => seen.push(payload))
  return seen
}

/** The rejection of `promise` (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise
  } catch (error) {
    return error as Record<string, unknown> & Error
  }
  throw new Error('expected a rejection')
}
