// Issue 10 item 6: the last good license is kept offline only `staleMaxAge` past the TTL; then gates
// show their error state ("can't verify your plan"), never the content.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { fakeApiSuite, testLumen, until, withSetup } from './helpers.js'

const { api, mount } = fakeApiSuite()
afterEach(() => {
  vi.useRealTimers()
})

describe('staleMaxAge', () => {
  it('a kept answer turns into error staleMaxAge past the TTL, and a good answer restores it', async () => {
    const lumen = testLumen(api.url, { ttl: 60_000, staleMaxAge: 300_000 })
    const s = mount(withSetup(() => ({ reports: useFeature('advanced_reports'), lic: useLicense() }), [lumen]))
    await lumen.ready
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => s.result.reports.status.value === 'allowed')
    // Real I/O keeps running; setTimeout and Date are ours to move.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true })
    api.hook = (c) => (c.path.startsWith('/licenses/') ? 'network' : undefined)
    await s.result.reports.refresh()
    expect([s.result.reports.status.value, s.result.reports.isStale.value]).toEqual(['allowed', true])
    vi.advanceTimersByTime(300_000) // still inside TTL + staleMaxAge of the last good answer
    expect(s.result.reports.status.value).toBe('allowed')
    vi.advanceTimersByTime(61_000) // past it: never the content
    await until(() => s.result.reports.status.value === 'error', 1000, 'error after staleMaxAge')
    expect(s.result.reports.canUse.value).toBe(false)
    expect(s.result.lic.status.value).toBe('error')
    api.hook = null
    await s.result.reports.refresh()
    expect(s.result.reports.status.value).toBe('allowed')
  })
})
