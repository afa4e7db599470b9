import { expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { LumenAccountClient } from '../../../src/client/client.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { createLumen } from '../../../src/vue/createLumen.js'
import type { LumenInitialState } from '../../../src/stores/types.js'
import { useFakeApi } from './fakeApi.js'

const api = useFakeApi()

const Page = defineComponent({
  setup() {
    const { user, isAuthenticated } = useAuth()
    const reports = useFeature('advanced_reports')
    const { tier } = useLicense()
    return () =>
      h('main', [
        h('h1', isAuthenticated.value ? `Hello ${user.value?.firstName}` : 'Sign in'),
        reports.status.value === 'allowed' ? h('section', 'Reports') : h('p', reports.status.value),
        h('small', tier.value ?? '-'),
      ])
  },
})

function app(initialState: LumenInitialState | undefined, tokens: { accessToken: string; refreshToken: string }) {
  const a = createSSRApp(Page)
  const client = new LumenAccountClient({ baseUrl: api.url, retry: false, ...tokens })
  const lumen = createLumen({ client, product: 'lumen-hr', tabSync: false, ...(initialState ? { initialState } : {}) })
  a.use(createPinia()).use(lumen)
  return { app: a, lumen }
}

it('initialState hydrates the server HTML without mismatch warnings or a flash', async () => {
  const tokens = api.issue('demo@lumen.test')
  const server = app(undefined, tokens)
  await server.lumen.ready
  const html = await renderToString(server.app)
  const state = server.lumen.dehydrate()
  expect(html).toBe('<main><h1>Hello Dana</h1><section>Reports</section><small>pro</small></main>')

  const container = document.createElement('div')
  container.innerHTML = html
  const warnings: string[] = []
  const errors = vi.spyOn(console, 'error').mockImplementation((...a) => void warnings.push(a.join(' ')))
  const warn = vi.spyOn(console, 'warn').mockImplementation((...a) => void warnings.push(a.join(' ')))
  const browser = app(JSON.parse(JSON.stringify(state)) as LumenInitialState, tokens)
  browser.app.config.warnHandler = (msg) => void warnings.push(msg)
  api.calls.length = 0
  browser.app.mount(container)
  expect(container.innerHTML).toBe(html) // same markup right at mount: nothing flashed
  await browser.lumen.ready
  await new Promise((r) => setTimeout(r, 50))
  expect(warnings.filter((w) => /hydration|mismatch/i.test(w))).toEqual([])
  expect(container.innerHTML).toBe(html)
  expect(api.count('/licenses/')).toBe(0) // the hydrated license is fresh: no refetch
  errors.mockRestore()
  warn.mockRestore()
  browser.app.unmount()
})

it('without initialState: restoring, gates loading (never denied) until the session is known', async () => {
  const tokens = api.issue('demo@lumen.test')
  const { app: a, lumen } = app(undefined, tokens)
  const el = document.createElement('div')
  el.innerHTML = '<main></main>'
  vi.spyOn(console, 'warn').mockImplementation(() => undefined) // hydrating foreign markup is not the point here
  a.config.warnHandler = () => undefined
  a.mount(el)
  expect(lumen.store?.status).toBe('restoring')
  expect(el.querySelector('p')?.textContent).toBe('loading')
  await lumen.ready
  await vi.waitFor(() => expect(el.querySelector('section')?.textContent).toBe('Reports'), { timeout: 2000 })
  vi.restoreAllMocks()
  a.unmount()
})

it('a license banner dismissed earlier in this session hydrates as the server rendered it, then goes', async () => {
  const { default: LumenLicenseBanner } = await import('../../../src/components/LumenLicenseBanner.vue')
  const tokens = api.issue('demo@lumen.test')
  const page = (initialState?: LumenInitialState) => {
    const a = createSSRApp(() => h(LumenLicenseBanner, { usageThreshold: 0.01 }))
    const lumen = createLumen({ client: new LumenAccountClient({ baseUrl: api.url, retry: false, ...tokens }), product: 'lumen-hr', tabSync: false, ...(initialState ? { initialState } : {}) })
    a.use(createPinia()).use(lumen)
    return { app: a, lumen }
  }
  const server = page()
  await server.lumen.ready
  await server.lumen.store!.ensureEntitlement('lumen-hr')
  const html = await renderToString(server.app)
  expect(html).toContain('Seats: 12 of 25 used')
  sessionStorage.setItem(`lumen-account:banner:${server.lumen.store!.activeOrganizationId}:lumen-hr:usage:seats`, '1')

  const container = document.createElement('div')
  container.innerHTML = html
  const warnings: string[] = []
  const browser = page(JSON.parse(JSON.stringify(server.lumen.dehydrate())) as LumenInitialState)
  browser.app.config.warnHandler = (msg) => void warnings.push(msg)
  const warn = vi.spyOn(console, 'warn').mockImplementation((...a) => void warnings.push(a.join(' ')))
  const errors = vi.spyOn(console, 'error').mockImplementation((...a) => void warnings.push(a.join(' ')))
  try {
    browser.app.mount(container)
    await vi.waitFor(() => expect(container.textContent).not.toContain('Seats'), { timeout: 2000 })
    expect(warnings.filter((w) => /hydration|mismatch/i.test(w))).toEqual([])
  } finally {
    warn.mockRestore()
    errors.mockRestore()
    sessionStorage.clear()
    browser.app.unmount()
  }
})

it("the kit's session list and a locked gate (its upgrade card) hydrate as the server rendered them", async () => {
  const { default: LumenSessionList } = await import('../../../src/components/LumenSessionList.vue')
  const { default: LumenPaywallGate } = await import('../../../src/components/LumenPaywallGate.vue')
  const tokens = api.issue('demo@lumen.test')
  const page = (initialState?: LumenInitialState) => {
    const a = createSSRApp(() => h('main', [h(LumenSessionList), h(LumenPaywallGate, { feature: 'sso' }, { default: () => h('p', 'SSO settings') })]))
    const lumen = createLumen({ client: new LumenAccountClient({ baseUrl: api.url, retry: false, ...tokens }), product: 'lumen-hr', tabSync: false, ...(initialState ? { initialState } : {}) })
    a.use(createPinia()).use(lumen)
    return { app: a, lumen }
  }
  // The server has no window (this file's DOM stays for the browser half).
  vi.stubGlobal('window', undefined)
  let html: string
  let state: LumenInitialState
  try {
    const server = page()
    await server.lumen.ready
    html = await renderToString(server.app)
    state = server.lumen.dehydrate()
  } finally {
    vi.unstubAllGlobals()
  }
  // Sessions are per device, never server-rendered: loading, not "No active sessions".
  expect(html).toContain('data-state="loading"')
  expect(html).not.toContain('No active sessions')
  // The locked card knows its tier on the server: the catalog came with the license.
  expect(html).toContain('Enterprise')

  const container = document.createElement('div')
  container.innerHTML = html
  const warnings: string[] = []
  const browser = page(JSON.parse(JSON.stringify(state)) as LumenInitialState)
  browser.app.config.warnHandler = (msg) => void warnings.push(msg)
  const warn = vi.spyOn(console, 'warn').mockImplementation((...a) => void warnings.push(a.join(' ')))
  const errors = vi.spyOn(console, 'error').mockImplementation((...a) => void warnings.push(a.join(' ')))
  try {
    browser.app.mount(container)
    await vi.waitFor(() => expect(container.querySelector('.lumen-sessions')?.getAttribute('data-state')).toBe('ready'), { timeout: 2000 })
    expect(warnings.filter((w) => /hydration|mismatch/i.test(w))).toEqual([])
    expect(container.textContent).not.toContain('SSO settings')
  } finally {
    warn.mockRestore()
    errors.mockRestore()
    browser.app.unmount()
  }
})
