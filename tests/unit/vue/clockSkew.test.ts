/**
 * Proactive refresh with a wrong local clock (issue 10, item 1): the real plugin and client over the
 * in-memory handlers, whose server clock is real while the app's `Date.now()` is 1 h off. Before
 * scheduling from the token's own lifetime, +1 h refreshed ~140 times a second and -1 h never
 * refreshed before expiry.
 */
import { afterEach, expect, it, vi } from 'vitest'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { lumenHandlers } from '../../../src/testing/handlers.js'
import { createTestingLumen } from '../../../src/testing/plugin.js'
import { withSetup } from './helpers.js'

const HOUR = 3_600_000
const TTL = 20_000 // 20-second access tokens: refreshed 15 s after each arrives

afterEach(() => {
  vi.useRealTimers()
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
})

/** Signed in as Dana with the app's clock `skew` ms off the server's. */
async function signedIn(skew: number) {
  const real = Date.now()
  vi.useFakeTimers({ now: real + skew, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  const handlers = lumenHandlers(fixtures)
  handlers.state.accessTtlMs = TTL
  handlers.state.now = () => Date.now() - skew
  const s = withSetup(() => ({ auth: useAuth(), license: useLicense() }), [createTestingLumen({ handlers, user: null })])
  await s.result.auth.login('demo@lumen.test', 'lumen-demo-pass')
  await vi.advanceTimersByTimeAsync(0)
  const refreshes = () => handlers.state.calls.filter((c) => c.path === '/auth/refresh').length
  return { s, handlers, refreshes }
}

for (const [label, skew] of [['1 h ahead', HOUR], ['1 h behind', -HOUR]] as const) {
  it(`clock ${label}: one refresh per token, before it expires, for 60 simulated seconds`, async () => {
    const { s, handlers, refreshes } = await signedIn(skew)
    for (let t = 1; t <= 60; t++) {
      await vi.advanceTimersByTimeAsync(1_000)
      // Never more than one refresh per token: 15 s apart at most once.
      expect(refreshes()).toBeLessThanOrEqual(Math.floor(t / 15))
    }
    expect(refreshes()).toBe(4) // at 15, 30, 45 and 60 s: the session never lapsed
    // The current token is still good on the server: the next call needs no 401 first.
    const before = handlers.state.calls.length
    await s.result.license.refresh()
    expect(handlers.state.calls.slice(before).map((c) => c.path)).toEqual(['/licenses/lumen-hr'])
    expect(s.result.auth.isAuthenticated.value).toBe(true)
    s.unmount()
  })
}

it('after sleep (timers frozen, wall clock jumped), coming online refreshes once before the next request', async () => {
  const { s, handlers, refreshes } = await signedIn(0)
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
  // The laptop sleeps 30 min: no timer runs, the wall clock jumps; the token expired meanwhile.
  vi.setSystemTime(Date.now() + 30 * 60_000)
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
  const before = handlers.state.calls.length
  window.dispatchEvent(new Event('online'))
  window.dispatchEvent(new Event('focus'))
  document.dispatchEvent(new Event('visibilitychange'))
  await s.result.license.refresh()
  await vi.advanceTimersByTimeAsync(0)
  const after = handlers.state.calls.slice(before).map((c) => c.path)
  // One refresh, first; then the license call with the new token (no 401 on the way).
  expect(after[0]).toBe('/auth/refresh')
  expect(after.filter((p) => p === '/auth/refresh')).toHaveLength(1)
  expect(after).toContain('/licenses/lumen-hr')
  expect(refreshes()).toBe(1)
  expect(handlers.state.calls.slice(before).filter((c) => c.path !== '/auth/refresh' && !handlers.state.sessionOf(c.auth))).toEqual([])
  s.unmount()
})

it('a hidden tab does not refresh on its timer; it refreshes once on becoming visible', async () => {
  const { s, refreshes } = await signedIn(0)
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
  await vi.advanceTimersByTimeAsync(40_000)
  expect(refreshes()).toBe(0)
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
  document.dispatchEvent(new Event('visibilitychange'))
  document.dispatchEvent(new Event('visibilitychange'))
  await vi.advanceTimersByTimeAsync(0)
  expect(refreshes()).toBe(1)
  s.unmount()
})
