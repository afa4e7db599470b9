/** Test helpers for the Vue layer: mount a tiny app around a composable, build a test plugin. */
import { createPinia } from 'pinia'
import { afterEach } from 'vitest'
import { createApp, defineComponent, h, nextTick } from 'vue'
import type { App, Plugin } from 'vue'
import { createLumen } from '../../../src/vue/createLumen.js'
import type { LumenOptions } from '../../../src/vue/createLumen.js'
import { useFakeApi } from './fakeApi.js'

export interface Setup<T> {
  result: T
  app: App
  el: HTMLElement
  unmount(): void
}

/** Mount an app whose root component calls `fn` in `setup()`; Pinia first unless `pinia: false`. */
export function withSetup<T>(fn: () => T, plugins: Plugin[], options: { pinia?: boolean } = {}): Setup<T> {
  let result: T | undefined
  const app = createApp(defineComponent({ setup: () => ((result = fn()), () => h('div')) }))
  if (options.pinia !== false) app.use(createPinia())
  for (const p of plugins) app.use(p)
  const el = document.createElement('div')
  app.mount(el)
  return { result: result as T, app, el, unmount: () => app.unmount() }
}

/** Wait until `check` passes (bounded). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000, label = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`)
    await new Promise((r) => setTimeout(r, 5))
    await nextTick()
  }
}

/** `createLumen` against a test API: memory storage, no retries (failures show at once), no tab sync. */
export function testLumen(baseUrl: string, options: Partial<LumenOptions> = {}) {
  return createLumen({
    baseUrl,
    product: 'lumen-hr',
    storage: 'memory',
    tabSync: false,
    clientOptions: { retry: false },
    ...options,
  })
}

/**
 * The setup most Vue suites share: one FakeApi for the file (`useFakeApi`), and after each test its
 * `hook` and `calls` reset, everything passed to `mount` unmounted, then the named storages cleared.
 */
export function fakeApiSuite(options: { clear?: Array<'localStorage' | 'sessionStorage'> } = {}) {
  const api = useFakeApi()
  const mounted: Array<{ unmount(): void }> = []
  afterEach(() => {
    api.hook = null
    api.calls.length = 0
    for (const m of mounted.splice(0)) m.unmount()
    for (const storage of options.clear ?? []) globalThis[storage].clear()
  })
  /** Unmount `app` (a `withSetup` result or a Vue app) after the test; returns it. */
  const mount = <T extends { unmount(): void }>(app: T): T => (mounted.push(app), app)
  return { api, mount }
}
