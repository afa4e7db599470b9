/* eslint-disable vue/one-component-per-file -- tiny test apps */
/**
 * Conformance harness for `./vue` (black-box): the emulator in a child process (reused from the
 * integration suite), a tiny app mounted with the public plugin, bounded waits and cleanup.
 * Demo data as documented: demo@lumen.test / lumen-demo-pass; Acme Corp (lumen-hr pro, active,
 * 25 seats, 12 used); Globex (lumen-hr starter trial, 5 days left).
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createPinia } from 'pinia'
import { createApp, defineComponent, h } from 'vue'
import type { App, Plugin } from 'vue'
import { createLumen } from '../../../src/vue/index.js'
import type { LumenOptions } from '../../../src/vue/index.js'
import { spawnEmulator } from '../../integration/vue/emulatorProcess.js'
import type { EmulatorProcess } from '../../integration/vue/emulatorProcess.js'

export const DEMO = { email: 'demo@lumen.test', password: 'lumen-demo-pass', firstName: 'Dana', lastName: 'Demo' }
export const ACME = { id: 'org_acme', name: 'Acme Corp' }
export const GLOBEX = { id: 'org_globex', name: 'Globex' }
export const PRODUCT = 'lumen-hr'

/** Polls `check` every 10 ms; fails after `ms` with `label`. */
export async function until(check: () => boolean, label: string, ms = 4000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${label}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export interface Harness {
  readonly emu: EmulatorProcess
  /** Requests the app's client made (method + path under /api/v1), in order. */
  readonly requests: string[]
  /** The `x-organization-id` each of those requests carried (same index), or null. */
  readonly orgHeaders: Array<string | null>
  /** Mounts an app with Pinia + createLumen; `fn` runs inside the root component's setup. */
  mount<T>(fn: () => T, options?: Partial<LumenOptions>, plugins?: Plugin[]): Mounted<T>
  /** Installs Pinia + createLumen on an app that renders nothing (composables used outside components). */
  install(options?: Partial<LumenOptions>): Installed
  reset(): Promise<void>
}

export interface Installed {
  app: App
  lumen: ReturnType<typeof createLumen>
  unmount(): void
}
export interface Mounted<T> extends Installed {
  result: T
}

/** Call once per file, at top level: one emulator per file, apps unmounted and storage cleared after each test. */
export function useHarness(): Harness {
  let emu: EmulatorProcess | undefined
  const cleanups: Array<() => void> = []
  const requests: string[] = []
  const orgHeaders: Array<string | null> = []
  const recordingFetch: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = (init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')).toUpperCase()
    requests.push(`${method} ${url.replace(/^https?:\/\/[^/]+\/api\/v1/, '').replace(/\?.*$/, '')}`)
    const headers = new Headers(init?.headers ?? (typeof input === 'object' && 'headers' in input ? input.headers : undefined))
    orgHeaders.push(headers.get('x-organization-id'))
    return fetch(input, init)
  }

  beforeAll(async () => {
    emu = await spawnEmulator()
  })
  afterAll(async () => {
    await emu?.close()
  })
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        fn()
      } catch {
        /* already unmounted */
      }
    }
    localStorage.clear()
    sessionStorage.clear()
    requests.length = 0
    orgHeaders.length = 0
    await emu?.clearFaults()
  })

  const options = (extra: Partial<LumenOptions>): LumenOptions =>
    ({
      baseUrl: emu!.url,
      product: PRODUCT,
      storage: 'memory',
      ...extra,
      clientOptions: { retry: false, fetch: recordingFetch, ...extra.clientOptions },
    }) as LumenOptions

  /** `app.unmount` that runs at most once, also called after the test. */
  function unmountOnce(app: App): () => void {
    let done = false
    const unmount = () => {
      if (done) return
      done = true
      app.unmount()
    }
    cleanups.push(unmount)
    return unmount
  }

  function install(extra: Partial<LumenOptions> = {}): Installed {
    const lumen = createLumen(options(extra))
    const app = createApp(defineComponent({ render: () => h('div') }))
    app.use(createPinia()).use(lumen)
    app.mount(document.createElement('div'))
    const unmount = unmountOnce(app)
    return { app, lumen, unmount }
  }

  function mount<T>(fn: () => T, extra: Partial<LumenOptions> = {}, plugins: Plugin[] = []): Mounted<T> {
    const lumen = createLumen(options(extra))
    let result!: T
    const app = createApp(defineComponent({ setup: () => ((result = fn()), () => h('div')) }))
    app.use(createPinia()).use(lumen)
    for (const p of plugins) app.use(p)
    app.mount(document.createElement('div'))
    const unmount = unmountOnce(app)
    return { app, lumen, unmount, result }
  }

  return {
    get emu() {
      return emu!
    },
    requests,
    orgHeaders,
    mount,
    install,
    reset: async () => {
      const res = await fetch(`${emu!.url}/__emulator/reset`, { method: 'POST' })
      if (!res.ok) throw new Error(`[test] reset: ${res.status}`)
    },
  }
}
