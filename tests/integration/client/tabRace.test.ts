/**
 * Two tabs, one token storage (issue 10, item 5): a slow refresh answer must not overwrite a newer
 * rotation another tab stored meanwhile. Before, tab A's late answer wrote back a refresh token the
 * server had already rotated; presenting it later past the grace window ends the session.
 */
import { describe, expect, it } from 'vitest'
import { LumenAccountClient, MemoryTokenStorage, SessionExpiredError } from '../../../src/index.js'
import { SEED } from '../../helpers/emulator.js'
import { useEmulator } from '../../helpers/emulatorSuite.js'
import { FAST_RETRY, rejection } from './setup.js'

const emu = useEmulator()
const reuseDetections = async () => ((await (await emu.fetch('/__emulator')).json()) as { reuseDetections: number }).reuseDetections

/** A tab: its own client on the shared storage; `hold()` keeps its next refresh answer until released. */
function tab(storage: MemoryTokenStorage) {
  let held: { release: () => void; arrived: Promise<void> } | null = null
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const res = await globalThis.fetch(input, init)
    const h = held
    if (h && String(input instanceof Request ? input.url : input).endsWith('/auth/refresh')) {
      held = null
      await h.arrived
    }
    return res
  }
  const client = new LumenAccountClient({ baseUrl: emu.url, storage, fetch, retry: FAST_RETRY, timeout: 5_000 })
  return {
    client,
    hold() {
      let release!: () => void
      const arrived = new Promise<void>((r) => (release = r))
      held = { release, arrived }
      return release
    },
  }
}

describe('refresh across tabs sharing one storage', () => {
  it("a slow refresh answer keeps the other tab's newer refresh token", async () => {
    const storage = new MemoryTokenStorage()
    const a = tab(storage)
    const b = tab(storage)
    await a.client.auth.login(SEED.users.demo.email, SEED.password)
    const release = a.hold()
    const slow = a.client.auth.refresh() // rotated on the server; the answer waits at tab A
    await new Promise((r) => setTimeout(r, 100))
    await b.client.auth.refresh() // tab B: the grace window hands it the same rotation
    await b.client.auth.refresh() // and B rotates once more: this is the newest token
    const newest = (await storage.get())?.refreshToken
    release()
    await slow
    expect((await storage.get())?.refreshToken).toBe(newest)
    // Both tabs carry on; the server never saw a rotated token come back.
    expect((await a.client.me.get()).user.email).toBe(SEED.users.demo.email)
    await b.client.auth.refresh()
    expect((await b.client.me.get()).user.email).toBe(SEED.users.demo.email)
    expect(await reuseDetections()).toBe(0)
  })

  it('a refresh answer after another tab signed out does not sign back in', async () => {
    const storage = new MemoryTokenStorage()
    const a = tab(storage)
    const b = tab(storage)
    await a.client.auth.login(SEED.users.demo.email, SEED.password)
    const release = a.hold()
    const slow = a.client.auth.refresh()
    await new Promise((r) => setTimeout(r, 100))
    await b.client.auth.logout()
    release()
    expect(await rejection(slow)).toBeInstanceOf(SessionExpiredError)
    expect(await storage.get()).toBeNull()
    expect(await a.client.hasTokens()).toBe(false)
  })
})
