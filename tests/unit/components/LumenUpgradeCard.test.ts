import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import LumenUpgradeCard from '../../../src/components/LumenUpgradeCard.vue'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import type { TestingLumenOptions } from '../../../src/testing/plugin.js'
import { mountTesting, until } from './helpers.js'

const card = (options: TestingLumenOptions, props: Record<string, unknown> = {}, locale?: string) =>
  mountTesting(LumenUpgradeCard, options, { props, plugins: locale ? [createLumenUi({ locale })] : [] })
const text = (w: VueWrapper) => w.text().replace(/\s+/g, ' ')
const lines = (w: VueWrapper) => w.findAll('li').map((li) => li.text())

/** Click a link without letting the test window navigate away. */
async function click(w: VueWrapper, selector = 'a') {
  const stay = (e: Event) => e.preventDefault()
  document.addEventListener('click', stay)
  try {
    await w.find(selector).trigger('click')
  } finally {
    document.removeEventListener('click', stay)
  }
}

describe('LumenUpgradeCard', () => {
  it('trial org on Starter: offers the next tier with its price and features from the catalog, links to upgradeUrl', async () => {
    const { wrapper } = card({ persona: 'member-trial' })
    await flushPromises()
    expect(wrapper.classes()).toContain('lumen-root')
    expect(text(wrapper)).toContain('Upgrade required')
    expect(text(wrapper)).toContain('This feature is included in the Pro plan and above.')
    expect(text(wrapper)).toContain('€29.00 per month')
    expect(text(wrapper)).toContain('The Pro plan includes:')
    expect(lines(wrapper)).toEqual(['Employee export', 'Advanced reports', 'Report history days: 365', 'Support: Priority', 'Seats: 50', 'API calls: 10,000'])
    const link = wrapper.find('a')
    expect([link.text(), link.attributes('href')]).toEqual(['Upgrade now', 'https://account.lumen.example/billing/upgrade'])
    await click(wrapper)
    expect(wrapper.emitted('upgrade')).toEqual([['pro']])
  })

  it('a named tier; app labels for feature keys; "unlimited" and string limits', async () => {
    const { wrapper } = card({ persona: 'owner-pro' }, { tier: 'enterprise', labels: { sso: 'Single sign-on', api_calls: 'API calls' } })
    await flushPromises()
    expect(text(wrapper)).toContain('the Enterprise plan')
    expect(text(wrapper)).toContain('€99.00 per month')
    expect(lines(wrapper)).toContain('Single sign-on')
    expect(lines(wrapper)).toContain('API calls: 100,000')
    // Without labels, initialisms in a key stay capitals.
    const plain = card({ persona: 'owner-pro' }, { tier: 'enterprise' }).wrapper
    await flushPromises()
    expect(lines(plain)).toContain('SSO')
    const unlimited = card({ products: [fixtures.product({ tiers: [{ ...fixtures.product().tiers[2]!, limits: { seats: 'unlimited' } }] })] }, { tier: 'enterprise' }).wrapper
    expect(lines(unlimited)).toContain('Seats: unlimited')
  })

  it('no license: offers the lowest tier', async () => {
    const { wrapper } = card({ persona: 'no-license' })
    await until(() => text(wrapper).includes('Starter'), 3_000, 'the Starter offer')
    expect(text(wrapper)).toContain('€9.00 per month')
  })

  it('the top tier has nothing above it: no tier named, no price; an upgradeUrl of null shows no link', async () => {
    const { wrapper } = card({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'enterprise', upgradeUrl: null }) } })
    await flushPromises()
    expect(text(wrapper)).toContain('This feature is not included in your plan.')
    expect(wrapper.find('.lumen-upgrade__price').exists()).toBe(false)
    expect(wrapper.find('a').exists()).toBe(false)
    expect(wrapper.find('button').exists()).toBe(false) // nothing to upgrade to
  })

  it('license service down: the tier the caller names; no upgradeUrl is known, so the call to action is a button for an app that handles upgrade', async () => {
    const unhandled = card({ persona: 'no-license', fail: { '/licenses/:slug': 503 } }, { tier: 'pro' }).wrapper
    await flushPromises()
    expect(text(unhandled)).toContain('€29.00 per month')
    expect(unhandled.find('a').exists()).toBe(false)
    expect(unhandled.find('button').exists()).toBe(false) // nobody would act on it
    const upgrades: unknown[] = []
    const { wrapper } = card({ persona: 'no-license', fail: { '/licenses/:slug': 503 } }, { tier: 'pro', onUpgrade: (tier: unknown) => upgrades.push(tier) })
    await flushPromises()
    expect(wrapper.find('a').exists()).toBe(false)
    const cta = wrapper.find('button')
    expect([cta.text(), cta.attributes('type')]).toEqual(['Upgrade now', 'button'])
    await cta.trigger('click')
    expect(upgrades).toEqual(['pro'])
  })

  it('only web links and same-site paths become the call to action', () => {
    for (const bad of ['javascript:alert(1)', '//evil.example/x', '/\\evil.example', 'data:text/html,x', ' https://x.example']) {
      const { wrapper } = card({}, { tier: 'pro', upgradeUrl: bad, onUpgrade: () => undefined })
      expect(wrapper.find('a').exists(), bad).toBe(false)
      expect(wrapper.find('button').text(), bad).toBe('Upgrade now')
    }
    for (const good of ['/billing/upgrade', 'https://pay.example/upgrade', 'HTTP://pay.example']) {
      expect(card({}, { tier: 'pro', upgradeUrl: good }).wrapper.find('a').attributes('href'), good).toBe(good)
    }
  })

  it('catalog service down: still names the tier and links to the upgrade, without a price', async () => {
    const { wrapper } = card({ products: [], fail: { '/products/:slug': 503 } }, { tier: 'pro' })
    await flushPromises()
    expect(text(wrapper)).toContain('the Pro plan')
    expect(wrapper.find('.lumen-upgrade__price').exists()).toBe(false)
    expect(wrapper.find('a').text()).toBe('Upgrade now')
  })

  it('prices through Intl: German and Arabic, zero-decimal currencies, yearly, free and on request', async () => {
    expect(text(card({}, { tier: 'pro' }, 'de').wrapper)).toContain('29,00 € pro Monat')
    const ar = card({}, { tier: 'pro' }, 'ar').wrapper
    expect(ar.attributes('dir')).toBe('rtl')
    expect(ar.attributes('lang')).toBe('ar')
    expect(text(ar)).toContain('شهريًا')
    const tier = (price: unknown) => ({ products: [fixtures.product({ tiers: [{ ...fixtures.product().tiers[1]!, price: price as null }] })] })
    expect(text(card(tier({ amount: 1500, currency: 'JPY', interval: 'month' }), { tier: 'pro' }).wrapper)).toContain('¥1,500 per month')
    expect(text(card(tier({ amount: 29000, currency: 'EUR', interval: 'year' }), { tier: 'pro' }).wrapper)).toContain('€290.00 per year')
    expect(text(card(tier({ amount: 0, currency: 'EUR', interval: 'month' }), { tier: 'pro' }).wrapper)).toContain('Free')
    expect(text(card(tier(null), { tier: 'pro' }).wrapper)).toContain('Price on request')
  })

  it('compact: one line with the tier and the link', () => {
    const { wrapper } = card({}, { tier: 'pro', compact: true })
    expect(wrapper.element.tagName).toBe('P')
    expect(text(wrapper)).toBe('Available in the Pro plan and above. Upgrade now')
  })

  it('slots replace the title, the features and the action', () => {
    const { wrapper } = mountTesting(LumenUpgradeCard, {}, {
      props: { tier: 'pro' },
      slots: {
        title: '<template #title="{ tierName }"><h2>Go {{ tierName }}</h2></template>',
        features: '<template #features="{ lines }"><p class="n">{{ lines.length }} perks</p></template>',
        action: '<template #action="{ href, tier }"><button class="cta">{{ tier }} {{ href }}</button></template>',
      },
    })
    expect(wrapper.find('h2').text()).toBe('Go Pro')
    expect(wrapper.find('.n').text()).toBe('6 perks')
    expect(wrapper.find('.cta').text()).toBe('pro https://account.lumen.example/billing/upgrade')
  })
})
