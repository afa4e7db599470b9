// Issue 14: gates in lists and tables. 1000 gates on one feature ask the license once, share one
// answer (no computed, watcher, listener or timer per gate), and leave nothing behind when they go.
// Data source: the testing kit (the real client over in-memory handlers), requests counted there.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick, ref, toRaw } from 'vue'
import LumenPaywallGate from '../../../src/components/LumenPaywallGate.vue'
import { createLumenUi, provideLumenUi } from '../../../src/components/lumenUi.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { createTestingLumen } from '../../../src/testing/plugin.js'
import type { TestingLumen } from '../../../src/testing/plugin.js'
import { until } from './helpers.js'

const ROWS = 1000
const apps: Array<() => void> = []
afterEach(() => apps.splice(0).forEach((unmount) => unmount()))

/** An app showing `ROWS` gates on advanced_reports while `shown` is true. */
function gateList(lumen: TestingLumen, props: Record<string, unknown> = { feature: 'advanced_reports' }) {
  const shown = ref(true)
  const Page = defineComponent(() => () =>
    shown.value ? Array.from({ length: ROWS }, (_, i) => h(LumenPaywallGate, { key: i, ...props }, { default: () => h('i', 'ok') })) : null)
  const app = createApp(Page).use(lumen)
  const el = document.createElement('div')
  document.body.append(el)
  app.mount(el)
  apps.push(() => (app.unmount(), el.remove()))
  const states = (state: string) => el.querySelectorAll(`.lumen-gate[data-state="${state}"]`).length
  return { shown, el, states }
}

const licenseRequests = (lumen: TestingLumen) => lumen.handlers.state.calls.filter((c) => c.name === 'licenses.get')

/** Effects subscribed to a ref or computed (Vue 3.5 keeps them as a linked list on its `dep`). */
function subscribers(r: unknown): number {
  let n = 0
  for (let link = (r as { dep?: { subs?: { prevSub?: unknown } } }).dep?.subs; link; link = link.prevSub as typeof link) n++
  return n
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('1000 gates on one feature', () => {
  it('make one license request when the user signs in, and one per org switch', async () => {
    const lumen = createTestingLumen({
      user: null,
      organizations: [fixtures.organization(), fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex' })],
    })
    const list = gateList(lumen)
    await nextTick()
    expect(list.states('denied')).toBe(ROWS) // signed out: no license
    expect(licenseRequests(lumen)).toHaveLength(0)

    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => list.states('allowed') === ROWS, 5_000, '1000 allowed gates')
    expect(licenseRequests(lumen).map((c) => `${c.org} ${c.path}`)).toEqual(['org_acme /licenses/lumen-hr'])

    await lumen.store!.switchOrg('org_globex')
    await until(() => licenseRequests(lumen).length === 2 && list.states('allowed') === ROWS, 5_000, 'the switched org checked')
    await new Promise((r) => setTimeout(r, 20))
    expect(licenseRequests(lumen).map((c) => `${c.org} ${c.path}`)).toEqual(['org_acme /licenses/lumen-hr', 'org_globex /licenses/lumen-hr'])
  })

  it('share one answer: 1000 useFeature calls with reactive inputs point at the same decision', () => {
    const lumen = createTestingLumen()
    let calls: ReturnType<typeof useFeature>[] = []
    const feature = ref('advanced_reports')
    const app = createApp(defineComponent(() => {
      calls = Array.from({ length: ROWS }, () => useFeature(feature, { product: () => 'lumen-hr' }))
      return () => null
    })).use(lumen)
    app.mount(document.createElement('div'))
    apps.push(() => app.unmount())
    const shared = lumen.store!.access('lumen-hr', { feature: 'advanced_reports' })
    expect(calls.every((c) => c.access.value === shared.decision.value && c.status.value === 'allowed')).toBe(true)
    feature.value = 'sso'
    const sso = lumen.store!.access('lumen-hr', { feature: 'sso' })
    expect(calls.every((c) => c.access.value === sso.decision.value)).toBe(true)
  })

  it.each([
    ['allowed', 'pro'],
    ['denied', 'starter'],
  ] as const)('%s: leave no effect, listener or timer behind when they unmount', async (shown, tier) => {
    // Listeners on window and document: added minus removed, per event type.
    const spies = [window, document].flatMap((t) => [vi.spyOn(t, 'addEventListener'), vi.spyOn(t, 'removeEventListener')])
    const listeners = () => {
      const net = new Map<string, number>()
      spies.forEach((spy, i) => spy.mock.calls.forEach(([type]) => net.set(type, (net.get(type) ?? 0) + (i % 2 ? -1 : 1))))
      return [...net].filter(([, n]) => n > 0)
    }
    try {
      // Denied gates mount the most (the upgrade card, its catalog and license reads).
      const lumen = createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier }) } })
      const list = gateList(lumen)
      // The store's state refs themselves (a setup store keeps them on its raw object).
      const store = toRaw(lumen.store!) as unknown as Record<string, unknown>
      const state = ['status', 'activeOrganizationId', 'entitlements', 'products'].map((k) => store[k])
      await until(() => list.states(shown) === ROWS, 5_000, `1000 ${shown} gates`)
      await new Promise((r) => setTimeout(r, 20))
      const answer = lumen.store!.access('lumen-hr', { feature: 'advanced_reports' })
      const mounted = { state: state.map(subscribers), status: subscribers(answer.status), timers: timers(), listeners: listeners() }
      // The store's state is read by the shared answers, not by each gate.
      // Gates read the shared answer, never the store's state themselves (the answer does, once).
      expect(mounted.status).toBe(ROWS)
      if (shown === 'allowed') expect(Math.max(...mounted.state)).toBeLessThan(10)

      list.shown.value = false
      await nextTick()
      await new Promise((r) => setTimeout(r, 20))
      expect(list.el.querySelectorAll('.lumen-gate')).toHaveLength(0)
      expect(subscribers(answer.status)).toBe(0)
      expect(subscribers(answer.decision)).toBe(0)
      expect(state.map(subscribers).every((n, i) => n <= mounted.state[i]!)).toBe(true)
      expect(timers()).toBeLessThanOrEqual(mounted.timers)
      expect(listeners()).toEqual(mounted.listeners)

      // Mounting them again and again adds nothing up.
      for (let i = 0; i < 2; i++) {
        list.shown.value = true
        await nextTick()
        expect(list.states(shown)).toBe(ROWS)
        list.shown.value = false
        await nextTick()
      }
      await new Promise((r) => setTimeout(r, 20))
      expect(subscribers(answer.status)).toBe(0)
      expect(state.map(subscribers).every((n, i) => n <= mounted.state[i]!)).toBe(true)
      expect(timers()).toBeLessThanOrEqual(mounted.timers)
      expect(listeners()).toEqual(mounted.listeners)
      expect(licenseRequests(lumen)).toHaveLength(0) // the seeded answer is fresh: no gate asked again
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('share their texts per provider: each subtree keeps its own locale, and a locale change reaches every gate', async () => {
    const locale = ref('de')
    const lumen = createTestingLumen({ entitlements: { 'lumen-hr': 'loading' } })
    const gates = (n: number) => Array.from({ length: n }, () => h(LumenPaywallGate, { feature: 'advanced_reports' }))
    const Subtree = defineComponent({
      props: { lang: { type: String, default: null } },
      setup(props, { slots }) {
        if (props.lang) provideLumenUi({ locale: () => (props.lang === 'app' ? null : props.lang) })
        return () => h('section', { 'data-lang': props.lang ?? 'none' }, slots.default?.())
      },
    })
    const app = createApp(() => [
      h(Subtree, { lang: 'ar' }, () => gates(3)),
      h(Subtree, { lang: 'app' }, () => gates(3)),
      h(Subtree, null, () => gates(3)),
    ]).use(lumen).use(createLumenUi({ locale }))
    const el = document.createElement('div')
    app.mount(el)
    apps.push(() => app.unmount())
    const texts = () => [...el.querySelectorAll('section')].map((s) => [...new Set([...s.querySelectorAll('.lumen-gate')].map((g) => g.textContent?.trim()))])
    expect(texts()).toEqual([['جارٍ التحقق من خطتك…'], ['Ihr Tarif wird geprüft…'], ['Ihr Tarif wird geprüft…']])
    locale.value = 'en'
    await nextTick()
    expect(texts()).toEqual([['جارٍ التحقق من خطتك…'], ['Checking your plan…'], ['Checking your plan…']])
  })
})
