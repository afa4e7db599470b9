import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import LumenOrgSwitcher from '../../../src/components/LumenOrgSwitcher.vue'
import LumenPaywallGate from '../../../src/components/LumenPaywallGate.vue'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { useFakeApi } from '../vue/fakeApi.js'
import { alerts, apiLumen, button, mountApi, mountTesting, until } from './helpers.js'

const api = useFakeApi()
const SECRET = '<p class="secret">Quarterly reports</p>'
const gate = (tier: Parameters<typeof fixtures.entitlement>[0] | 'loading' | 'error', props: Record<string, unknown> = { feature: 'advanced_reports' }, slots: Record<string, string> = {}) =>
  mountTesting(LumenPaywallGate, { entitlements: { 'lumen-hr': typeof tier === 'string' ? tier : fixtures.entitlement(tier) } }, { props, slots: { default: SECRET, ...slots } }).wrapper

describe('LumenPaywallGate', () => {
  it('allowed: the content, data-state="allowed"', () => {
    const w = gate({ tier: 'pro' })
    expect(w.attributes('data-state')).toBe('allowed')
    expect(w.find('.secret').text()).toBe('Quarterly reports')
  })

  it('denied: no content, the upgrade card names the required tier and links to upgradeUrl', async () => {
    const w = gate({ tier: 'starter' })
    await flushPromises()
    expect(w.attributes('data-state')).toBe('denied')
    expect(w.find('.secret').exists()).toBe(false)
    expect(w.text()).toContain('Upgrade required')
    expect(w.text()).toContain('This feature is included in the Pro plan and above.')
    const link = w.find('a')
    expect([link.text(), link.attributes('href')]).toEqual(['Upgrade now', 'https://account.lumen.example/billing/upgrade'])
    // The test's window must not navigate away: later tests call 127.0.0.1 from it.
    const stay = (e: Event) => e.preventDefault()
    document.addEventListener('click', stay)
    try {
      await link.trigger('click')
    } finally {
      document.removeEventListener('click', stay)
    }
    expect(w.emitted('upgrade')).toEqual([['pro']])
  })

  it('no license at all: denied (never the content)', () => {
    const w = gate({ tier: null })
    expect(w.attributes('data-state')).toBe('denied')
    expect(w.find('.secret').exists()).toBe(false)
  })

  it('loading and error never reveal the content (nor the upgrade card); error is announced with a retry', () => {
    const loading = gate('loading')
    expect(loading.attributes('data-state')).toBe('loading')
    expect(loading.attributes('aria-busy')).toBe('true')
    expect(loading.find('[role="status"]').text()).toBe('Checking your plan…')
    expect(loading.find('.secret').exists()).toBe(false)
    expect(loading.text()).not.toContain('Upgrade')

    const failed = gate('error')
    expect(failed.attributes('data-state')).toBe('error')
    expect(failed.find('.secret').exists()).toBe(false)
    expect(failed.text()).not.toContain('Upgrade')
    expect(alerts(failed)).toBe('Your plan could not be checked. Please try again.')
    expect(button(failed, 'Try again').exists()).toBe(true)
  })

  it('minTier: by the product tier order (pro reaches starter and pro, not enterprise)', async () => {
    expect(gate({ tier: 'pro' }, { minTier: 'starter' }).find('.secret').exists()).toBe(true)
    expect(gate({ tier: 'pro' }, { minTier: 'pro' }).find('.secret').exists()).toBe(true)
    const denied = gate({ tier: 'pro' }, { minTier: 'enterprise' })
    expect(denied.attributes('data-state')).toBe('denied')
    expect(denied.text()).toContain('the Enterprise plan')
    expect(denied.find('.secret').exists()).toBe(false)
  })

  it('amount over the remaining limit is denied; slots replace every state', async () => {
    // starter: api_calls limit 1000, usage 930
    expect(gate({ tier: 'starter' }, { feature: 'api_calls', amount: 50 }).find('.secret').exists()).toBe(true)
    const over = gate({ tier: 'starter' }, { feature: 'api_calls', amount: 100 }, {
      locked: `<template #locked="{ requiredTier, reason }"><p class="custom">Need {{ requiredTier }} ({{ reason }})</p></template>`,
    })
    expect(over.find('.custom').text()).toBe('Need starter (limit_reached)')
    expect(gate('loading', undefined, { loading: '<p class="spin">…</p>' }).find('.spin').exists()).toBe(true)
    expect(gate('error', undefined, { error: `<template #error="{ message }"><p class="oops">{{ message }}</p></template>` }).find('.oops').exists()).toBe(true)
  })

  it('an upgradeUrl that is not a web link is never rendered as a link', () => {
    const w = gate({ tier: 'starter', upgradeUrl: 'javascript:alert(1)' })
    expect(w.attributes('data-state')).toBe('denied')
    expect(w.find('a').exists()).toBe(false)
  })

  it('against an API: switching to an org on a lower tier locks the content, switching back unlocks it', async () => {
    const Page = defineComponent(() => () => [
      h(LumenOrgSwitcher),
      h(LumenPaywallGate, { feature: 'advanced_reports' }, { default: () => h('p', { class: 'secret' }, 'Quarterly reports') }),
    ])
    const lumen = apiLumen(api.url)
    const wrapper = await mountApi(Page, lumen)
    expect(wrapper.find('.lumen-gate').attributes('data-state')).not.toBe('allowed') // signed out
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => wrapper.find('.secret').exists(), 3_000, 'allowed in Acme (pro)')
    await chooseOrg(wrapper, 'Globex')
    await until(() => wrapper.find('.lumen-gate').attributes('data-state') === 'denied', 3_000, 'denied in Globex (starter)')
    expect(wrapper.find('.secret').exists()).toBe(false)
    expect(wrapper.text()).toContain('the Pro plan')
    await chooseOrg(wrapper, 'Acme Corp')
    await until(() => wrapper.find('.secret').exists(), 3_000, 'allowed again')
  })

  it('against an API: minTier waits for the tier catalog instead of flashing the upgrade card', async () => {
    const lumen = apiLumen(api.url)
    const seen = new Set<string>()
    const Page = defineComponent(() => () => h(LumenPaywallGate, { minTier: 'starter' }, { default: () => h('p', { class: 'secret' }, 'ok') }))
    const wrapper = await mountApi(Page, lumen)
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    api.hook = (call) => (call.path.startsWith('/products/') ? 200 : undefined)
    try {
      const state = () => (seen.add(wrapper.find('.lumen-gate').attributes('data-state')!), wrapper.find('.secret').exists())
      await until(state, 3_000, 'allowed (pro reaches starter)')
      expect(seen.has('denied')).toBe(false)
      expect(seen.has('loading')).toBe(true)
    } finally {
      api.hook = null
    }
  })
})

/** Pick an organization in LumenOrgSwitcher's menu, as a user does. */
async function chooseOrg(wrapper: VueWrapper, name: string) {
  await wrapper.find('button[aria-haspopup="menu"]').trigger('click')
  await wrapper.findAll('[role="menuitemradio"]').find((i) => i.attributes('data-lumen-label') === name)!.trigger('click')
}

describe('LumenPaywallGate modes and the locked event', () => {
  const CONTENT = '<p class="secret">Quarterly reports</p><button class="export">Export</button>'
  const inMode = (tier: Parameters<typeof gate>[0], mode: string) => gate(tier, { feature: 'advanced_reports', mode }, { default: CONTENT })

  it('hide (default): the upgrade card replaces the content, with the tier price and features from the catalog', async () => {
    const w = gate({ tier: 'starter' })
    await flushPromises()
    expect(w.attributes('data-mode')).toBe('hide')
    expect(w.find('.secret').exists()).toBe(false)
    expect(w.find('.lumen-upgrade').exists()).toBe(true)
    expect(w.text()).toContain('€29.00 per month')
    expect(w.findAll('li').map((l) => l.text())).toContain('Advanced reports')
  })

  it('teaser: the content as a blurred preview that is inert and hidden from screen readers, the card over it', async () => {
    const w = inMode({ tier: 'starter' }, 'teaser')
    await flushPromises()
    const preview = w.find('.lumen-gate__preview')
    expect(preview.find('.secret').text()).toBe('Quarterly reports')
    expect(preview.attributes('inert')).toBeDefined()
    expect(preview.attributes('aria-hidden')).toBe('true')
    expect(w.find('.lumen-upgrade').text()).toContain('Upgrade required')
    expect(w.find('.lumen-upgrade').element.closest('[inert]')).toBeNull()
  })

  it('disable: the content inert (readable, not usable) with a one-line hint and the upgrade link', async () => {
    const w = inMode({ tier: 'starter' }, 'disable')
    await flushPromises()
    const preview = w.find('.lumen-gate__preview')
    expect(preview.find('.export').exists()).toBe(true)
    expect(preview.attributes('inert')).toBeDefined()
    expect(preview.attributes('aria-hidden')).toBeUndefined()
    const hint = w.find('.lumen-upgrade-hint')
    expect(hint.text().replace(/\s+/g, ' ')).toBe('Available in the Pro plan and above. Upgrade now')
    expect(hint.element.closest('[inert]')).toBeNull()
    expect(w.find('.lumen-upgrade').exists()).toBe(false)
  })

  it('allowed in every mode: the plain content, nothing inert', () => {
    for (const mode of ['hide', 'teaser', 'disable']) {
      const w = inMode({ tier: 'pro' }, mode)
      expect(w.find('.secret').exists(), mode).toBe(true)
      expect(w.find('[inert]').exists(), mode).toBe(false)
    }
  })

  it('teaser and disable never render the content while loading or on error', () => {
    for (const mode of ['teaser', 'disable']) {
      for (const state of ['loading', 'error'] as const) {
        const w = inMode(state, mode)
        expect(w.attributes('data-state')).toBe(state)
        expect(w.find('.secret').exists(), `${mode} ${state}`).toBe(false)
        expect(w.find('.export').exists(), `${mode} ${state}`).toBe(false)
      }
    }
  })

  it('emits locked with the reason once per change into denied, not on re-renders', async () => {
    const { wrapper, lumen } = mountTesting(LumenPaywallGate, { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } }, {
      props: { feature: 'advanced_reports' },
      slots: { default: SECRET },
    })
    await flushPromises()
    expect(wrapper.emitted('locked')).toEqual([['not_in_tier']])
    await wrapper.setProps({ upgradeUrl: '/billing' }) // a re-render while still denied
    await flushPromises()
    expect(wrapper.emitted('locked')).toHaveLength(1)
    // The org upgrades, then downgrades again: allowed, then a second `locked`.
    const { refresh } = lumen.runWithContext(() => useLicense())
    lumen.handlers.state.licenses.org_acme!['lumen-hr'] = fixtures.entitlement({ tier: 'pro' })
    await refresh()
    await until(() => wrapper.find('.secret').exists(), 3_000, 'allowed after the upgrade')
    expect(wrapper.emitted('locked')).toHaveLength(1)
    lumen.handlers.state.licenses.org_acme!['lumen-hr'] = fixtures.entitlement({ tier: null })
    await refresh()
    await until(() => wrapper.attributes('data-state') === 'denied', 3_000, 'denied again')
    expect(wrapper.emitted('locked')).toEqual([['not_in_tier'], ['no_license']])
  })

  it('loading: a skeleton of decorative bars where the content will be, the status for screen readers', () => {
    const w = gate('loading')
    const status = w.find('[role="status"]')
    expect(status.find('.lumen-visually-hidden').text()).toBe('Checking your plan…')
    const bars = status.findAll('.lumen-skeleton')
    expect(bars).toHaveLength(3)
    expect(bars.every((b) => b.attributes('aria-hidden') === 'true')).toBe(true)
  })

  it('no safe upgrade link: the locked card offers a button only to an app that handles upgrade', async () => {
    const noLink = { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter', upgradeUrl: null }) } }
    const quiet = mountTesting(LumenPaywallGate, noLink, { props: { feature: 'advanced_reports' }, slots: { default: SECRET } }).wrapper
    await flushPromises()
    expect(quiet.text()).toContain('Upgrade required')
    expect(quiet.find('a').exists()).toBe(false)
    expect(quiet.find('button').exists()).toBe(false)
    const tiers: unknown[] = []
    const handled = mountTesting(LumenPaywallGate, noLink, { props: { feature: 'advanced_reports', onUpgrade: (t: unknown) => tiers.push(t) }, slots: { default: SECRET } }).wrapper
    await flushPromises()
    await button(handled, 'Upgrade now').trigger('click')
    expect(tiers).toEqual(['pro'])
  })

  it("Arabic: the gate's own notices read right to left; the gate itself leaves the app's content alone", () => {
    const ui = [createLumenUi({ locale: 'ar' })]
    const loading = mountTesting(LumenPaywallGate, { entitlements: { 'lumen-hr': 'loading' } }, { props: { feature: 'advanced_reports' }, plugins: ui }).wrapper
    expect(loading.attributes('dir')).toBeUndefined()
    expect(loading.find('[role="status"]').attributes()).toMatchObject({ lang: 'ar', dir: 'rtl' })
    const failed = mountTesting(LumenPaywallGate, { entitlements: { 'lumen-hr': 'error' } }, { props: { feature: 'advanced_reports' }, plugins: ui }).wrapper
    expect(failed.find('[role="alert"]').attributes()).toMatchObject({ lang: 'ar', dir: 'rtl' })
    expect(failed.find('button').attributes('lang')).toBe('ar')
  })

  it('no locked event while loading or on error', async () => {
    const loading = gate('loading')
    const failed = gate('error')
    await flushPromises()
    expect(loading.emitted('locked')).toBeUndefined()
    expect(failed.emitted('locked')).toBeUndefined()
  })
})
