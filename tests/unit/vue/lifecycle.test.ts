import { afterAll, expect, it, vi } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useFakeApi } from './fakeApi.js'
import { testLumen, withSetup } from './helpers.js'

const api = useFakeApi()
api.accessTtlMs = 3_600_000 // JWT-shaped tokens: every signed-in mount arms a proactive-refresh timer
// Runs before useFakeApi's close (hooks unwind in reverse), as it did inline.
afterAll(() => {
  vi.unstubAllGlobals()
})

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
/** Waits (at most 3 s) until `expected` timers are active. A sleep of its own, not vi.waitFor, whose interval timer would count. */
async function timersSettleAt(expected: number): Promise<void> {
  for (let i = 0; i < 150 && timers() !== expected; i++) await new Promise((r) => setTimeout(r, 20))
  expect(timers()).toBe(expected)
}

it('mount/unmount 100× leaves listener, channel, client-handler and timer counts where they were', async () => {
  let channels = 0
  const Native = globalThis.BroadcastChannel
  vi.stubGlobal('BroadcastChannel', class extends Native {
    constructor(name: string) {
      super(name)
      channels++
    }
    override close() {
      channels--
      super.close()
    }
  })
  const listeners = new Map<string, number>()
  const track = (target: EventTarget, prefix: string) => {
    const add = target.addEventListener.bind(target)
    const remove = target.removeEventListener.bind(target)
    vi.spyOn(target, 'addEventListener').mockImplementation((type, fn, opts) => {
      listeners.set(prefix + type, (listeners.get(prefix + type) ?? 0) + 1)
      add(type, fn, opts)
    })
    vi.spyOn(target, 'removeEventListener').mockImplementation((type, fn, opts) => {
      listeners.set(prefix + type, (listeners.get(prefix + type) ?? 0) - 1)
      remove(type, fn, opts)
    })
  }
  track(window, 'window:')
  track(document, 'document:')

  // One signed-in client shared by every mount, counting the handlers the plugin adds.
  const client = new LumenAccountClient({ baseUrl: api.url, retry: false })
  await client.auth.login('demo@lumen.test', 'lumen-demo-pass')
  let handlers = 0
  const on = client.on.bind(client)
  client.on = ((event, fn) => {
    handlers++
    const off = on(event, fn)
    return () => (handlers--, off())
  }) as typeof client.on

  const before = { timers: timers(), handlers, channels, listeners: JSON.stringify([...listeners].filter(([, n]) => n !== 0)) }
  for (let i = 0; i < 100; i++) {
    const lumen = testLumen(api.url, { client, tabSync: true })
    const s = withSetup(() => useFeature('advanced_reports'), [lumen])
    if (i % 2) await lumen.ready // half of them unmount mid-restore
    s.unmount()
  }
  await new Promise((r) => setTimeout(r, 200))
  // The counts are meaningful: one mounted, signed-in app holds one timer and one channel.
  const idle = timers()
  const probe = testLumen(api.url, { client, tabSync: true })
  const p = withSetup(() => useFeature('advanced_reports'), [probe])
  await probe.ready
  // Polled, not slept: on a loaded machine a request's own timeout timer may still be running.
  await timersSettleAt(idle + 1)
  expect(channels).toBe(before.channels + 1)
  p.unmount()
  await timersSettleAt(idle)
  expect(handlers).toBe(before.handlers)
  expect(channels).toBe(before.channels)
  expect(JSON.stringify([...listeners].filter(([, n]) => n !== 0))).toBe(before.listeners)
  expect(timers()).toBeLessThanOrEqual(before.timers)
  expect(listeners.get('window:focus')).toBe(0)
  vi.restoreAllMocks()
})

it('dispose() releases everything without unmounting', async () => {
  const lumen = testLumen(api.url, { tabSync: true })
  const s = withSetup(() => null, [lumen])
  await lumen.ready
  const remove = vi.spyOn(window, 'removeEventListener')
  lumen.dispose()
  lumen.dispose() // idempotent
  expect(remove).toHaveBeenCalledWith('focus', expect.any(Function))
  s.unmount()
  vi.restoreAllMocks()
})

it('a new app on the same Pinia gets a store bound to its own client', async () => {
  const { createPinia } = await import('pinia')
  const { createApp, h } = await import('vue')
  const { useLumenStore } = await import('../../../src/stores/lumen.js')
  const pinia = createPinia()
  const first = testLumen(api.url)
  const a = createApp({ render: () => h('div') }).use(pinia).use(first)
  a.mount(document.createElement('div'))
  await first.ready
  a.unmount()
  const second = testLumen(api.url)
  const b = createApp({ render: () => h('div') }).use(pinia).use(second)
  b.mount(document.createElement('div'))
  await second.ready
  expect(second.store).not.toBe(first.store)
  expect(b.runWithContext(() => useLumenStore())).toBe(second.store)
  b.unmount()
})
