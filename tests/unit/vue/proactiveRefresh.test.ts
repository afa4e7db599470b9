import { afterEach, expect, it } from 'vitest'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFakeApi } from './fakeApi.js'
import { testLumen, until, withSetup } from './helpers.js'

const api = useFakeApi()
api.accessTtlMs = 800 // refreshed a quarter of its life before expiry: ~600 ms after issue
afterEach(() => {
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
  api.calls.length = 0
})

it('the visible tab refreshes before the access token expires, then re-arms', async () => {
  const lumen = testLumen(api.url)
  const s = withSetup(() => useAuth(), [lumen])
  await lumen.ready
  await s.result.login('demo@lumen.test', 'lumen-demo-pass')
  await new Promise((r) => setTimeout(r, 300))
  expect(api.count('/auth/refresh')).toBe(0)
  await until(() => api.count('/auth/refresh') === 1, 1500, 'first proactive refresh')
  await until(() => api.count('/auth/refresh') === 2, 1500, 'second proactive refresh (re-armed)')
  expect(api.calls.filter((c) => c.path === '/auth/refresh').length).toBe(2)
  s.unmount()
  const after = api.count('/auth/refresh')
  await new Promise((r) => setTimeout(r, 900))
  expect(api.count('/auth/refresh')).toBe(after) // unmount stopped the timer
})

it('a hidden tab waits, and refreshes when it becomes visible near expiry', async () => {
  const lumen = testLumen(api.url)
  const s = withSetup(() => useAuth(), [lumen])
  await lumen.ready
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
  await s.result.login('demo@lumen.test', 'lumen-demo-pass')
  await new Promise((r) => setTimeout(r, 900))
  expect(api.count('/auth/refresh')).toBe(0)
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
  document.dispatchEvent(new Event('visibilitychange'))
  await until(() => api.count('/auth/refresh') === 1, 1000, 'refresh on becoming visible')
  s.unmount()
})
