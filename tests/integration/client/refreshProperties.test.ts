/**
 * Properties of refresh that held already and had no test (issue 10, item 8), against the emulator:
 * a 403 is not a 401, an upload is re-sent whole after a refresh, and an event handler that calls
 * the client in the middle of a refresh does not wait on itself.
 */
import { describe, expect, it } from 'vitest'
import { ForbiddenError, LumenAccountClient, MemoryTokenStorage } from '../../../src/index.js'
import { SEED } from '../../helpers/emulator.js'
import { useEmulator } from '../../helpers/emulatorSuite.js'
import { FAST_RETRY, rejection } from './setup.js'

const emu = useEmulator()
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** A client that records every request it sends: method, path, status and the body's size. */
function recordingClient() {
  const sent: Array<{ method: string; path: string; status: number; bytes: number }> = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const req = new Request(input, init)
    const bytes = req.body ? (await req.clone().arrayBuffer()).byteLength : 0
    const res = await globalThis.fetch(req)
    sent.push({ method: req.method, path: new URL(req.url).pathname.replace(/^\/api\/v1/, ''), status: res.status, bytes })
    return res
  }
  const client = new LumenAccountClient({ baseUrl: emu.url, storage: new MemoryTokenStorage(), fetch, retry: FAST_RETRY, timeout: 5_000 })
  return { client, sent, refreshes: () => sent.filter((s) => s.path === '/auth/refresh').length }
}

describe('refresh properties', () => {
  it('a 403 keeps the session and makes no refresh', async () => {
    const { client, refreshes } = recordingClient()
    await client.auth.login(SEED.users.gus.email, SEED.password)
    expect(await rejection(client.me.switchOrg('org_acme'))).toBeInstanceOf(ForbiddenError)
    expect(refreshes()).toBe(0)
    expect(await client.hasTokens()).toBe(true)
    expect((await client.me.get()).user.email).toBe(SEED.users.gus.email)
  })

  it('a 401 during an upload refreshes once and re-sends the whole file', async () => {
    const { client, sent, refreshes } = recordingClient()
    await client.auth.login(SEED.users.demo.email, SEED.password)
    // The access token went bad (expired, rotated elsewhere); the refresh token is still good.
    await client.setTokens('not-a-valid-access-token', (await client.getRefreshToken())!)
    const me = await client.me.uploadPhoto({ data: PNG, filename: 'dana.png', contentType: 'image/png' })
    expect(me.user.photoUrl).toBeTruthy()
    const uploads = sent.filter((s) => s.method === 'PUT' && s.path === '/auth/me/photo')
    expect(uploads.map((u) => u.status)).toEqual([401, 200])
    expect(uploads[1]!.bytes).toBe(uploads[0]!.bytes)
    expect(uploads[1]!.bytes).toBeGreaterThan(PNG.byteLength)
    expect(refreshes()).toBe(1)
  })

  it('a tokens-refreshed handler that calls the client during the refresh does not deadlock', async () => {
    const { client, refreshes } = recordingClient()
    await client.auth.login(SEED.users.demo.email, SEED.password)
    let inside: Promise<unknown> | null = null
    client.on('auth:tokens-refreshed', () => {
      inside ??= client.me.get()
    })
    await client.setTokens('not-a-valid-access-token', (await client.getRefreshToken())!)
    const outcome = await Promise.race([
      Promise.all([client.me.get(), new Promise((r) => setTimeout(r, 50)).then(() => inside)]).then(() => 'done'),
      new Promise((r) => setTimeout(() => r('deadlocked'), 3_000)),
    ])
    expect(outcome).toBe('done')
    expect(inside).not.toBeNull()
    expect(await inside).toMatchObject({ user: { email: SEED.users.demo.email } })
    expect(refreshes()).toBe(1)
  })
})
