// Issue 14's store part: one shared answer per question, one license request for 1000 gates,
// nothing left behind when they unmount.
import { describe, expect, it } from 'vitest'
import { createPinia } from 'pinia'
import { createApp, defineComponent, h, nextTick, ref } from 'vue'
import LumenPaywallGate from '../../../src/components/LumenPaywallGate.vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { fakeApiSuite, testLumen, until, withSetup } from './helpers.js'

const { api, mount } = fakeApiSuite()
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('one shared answer per question', () => {
  it('1000 useFeature calls for one feature hand out the same reactive answer', async () => {
    const lumen = testLumen(api.url)
    const s = mount(withSetup(() => Array.from({ length: 1000 }, () => useFeature('advanced_reports')), [lumen]))
    const [first, ...rest] = s.result
    expect(rest.every((f) => f.status === first!.status && f.access === first!.access)).toBe(true)
    expect(first!.status).not.toBe(lumen.runWithContext(() => useFeature('sso')).status)
  })

  it('1000 gates make one license request, and unmounting them leaves no listener or timer', async () => {
    const lumen = testLumen(api.url, { tabSync: false })
    const shown = ref(true)
    const Page = defineComponent(() => () =>
      shown.value ? Array.from({ length: 1000 }, (_, i) => h(LumenPaywallGate, { key: i, feature: 'advanced_reports' }, { default: () => h('i', 'ok') })) : null)
    const app = createApp(Page)
    const el = document.createElement('div')
    app.use(createPinia()).use(lumen).mount(el)
    mount({ unmount: () => app.unmount() })
    await lumen.ready
    const before = { timers: timers() }
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => el.querySelectorAll('[data-state="allowed"]').length === 1000, 5000, '1000 allowed gates')
    expect(api.count('/licenses/lumen-hr')).toBe(1)
    shown.value = false
    await nextTick()
    expect(el.querySelectorAll('.lumen-gate')).toHaveLength(0)
    await new Promise((r) => setTimeout(r, 20))
    expect(timers()).toBeLessThanOrEqual(before.timers)
    // The shared answer has no subscriber left: every gate's effect was released with the gate.
    const answer = lumen.store!.access('lumen-hr', { feature: 'advanced_reports' })
    const subscribers = (r: object) => (r as { dep: { subs?: unknown } }).dep.subs
    expect([subscribers(answer.decision), subscribers(answer.status)]).toEqual([undefined, undefined])
    expect(api.count('/licenses/lumen-hr')).toBe(1)
  })
})
