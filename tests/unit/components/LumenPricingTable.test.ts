import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import LumenPricingTable from '../../../src/components/LumenPricingTable.vue'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import type { Tier } from '../../../src/contract/types.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import type { TestingLumenOptions } from '../../../src/testing/plugin.js'
import { alerts, button, buttons, mountTesting, until } from './helpers.js'

const table = (options: TestingLumenOptions, props: Record<string, unknown> = {}, locale?: string) =>
  mountTesting(LumenPricingTable, options, { props, plugins: locale ? [createLumenUi({ locale })] : [] }).wrapper
const plans = (w: VueWrapper) => w.findAll('.lumen-plan')
const plan = (w: VueWrapper, slug: string) => w.find(`.lumen-plan[data-tier="${slug}"]`)
const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
/** Lumen HR with monthly and yearly prices (two months free). */
const yearly = (): TestingLumenOptions['products'] => [
  fixtures.product({
    tiers: fixtures.product().tiers.map((t): Tier => ({ ...t, prices: [t.price!, { ...t.price!, amount: t.price!.amount * 10, interval: 'year' }] })),
  }),
]

async function click(w: VueWrapper, el: ReturnType<VueWrapper['find']>) {
  const stay = (e: Event) => e.preventDefault()
  document.addEventListener('click', stay)
  try {
    await el.trigger('click')
  } finally {
    document.removeEventListener('click', stay)
  }
  return w
}

describe('LumenPricingTable', () => {
  it('pro org: every tier side by side with name, price, features and limits; Pro marked as the current plan', async () => {
    const w = table({ persona: 'owner-pro' }, { labels: { api_calls: 'API calls' } })
    await flushPromises()
    expect(w.attributes('aria-label')).toBe('Plans')
    expect(plans(w).map((p) => p.find('.lumen-plan__name').text())).toEqual(['Starter', 'Pro', 'Enterprise'])
    expect(plans(w).map((p) => p.find('.lumen-plan__price').text())).toEqual(['€9.00 per month', '€29.00 per month', '€99.00 per month'])
    expect(plan(w, 'starter').findAll('li').map((l) => l.text())).toEqual(['Employee export', 'Report history days: 30', 'Support: Email', 'Seats: 10', 'API calls: 1,000'])
    const pro = plan(w, 'pro')
    expect(pro.attributes('aria-current')).toBe('true')
    expect(pro.find('.lumen-badge').text()).toBe('Current plan')
    expect(pro.find('a, button').exists()).toBe(false) // nothing to choose
    expect(plans(w).filter((p) => p.attributes('aria-current')).length).toBe(1)
    // The tier's name labels its column for screen readers.
    expect(w.find(`[id="${pro.attributes('aria-labelledby')}"]`).text()).toBe('Pro')
  })

  it('calls to action link to the upgradeUrl and emit select with the tier slug', async () => {
    const w = table({ persona: 'owner-pro' })
    await flushPromises()
    const enterprise = plan(w, 'enterprise').find('a')
    expect([enterprise.text(), enterprise.attributes('href')]).toEqual(['Choose Enterprise', 'https://account.lumen.example/billing/upgrade'])
    await click(w, enterprise)
    expect(w.emitted('select')).toEqual([['enterprise']])
  })

  it('trial org: Starter is current; without an upgradeUrl the calls to action are buttons', async () => {
    const w = table({ persona: 'member-trial' }, { upgradeUrl: null })
    await flushPromises()
    expect(plan(w, 'starter').attributes('aria-current')).toBe('true')
    expect(w.find('a').exists()).toBe(false)
    await button(w, 'Choose Pro').trigger('click')
    expect(w.emitted('select')).toEqual([['pro']])
    expect(buttons(w, /^Choose /).map((b) => b.text())).toEqual(['Choose Pro', 'Choose Enterprise'])
  })

  it('no license: no tier is current, every tier can be chosen', async () => {
    const w = table({ persona: 'no-license' }, { upgradeUrl: '/billing' })
    await until(() => plans(w).length === 3, 3_000, 'the tiers')
    expect(w.find('[aria-current]').exists()).toBe(false)
    expect(w.findAll('a').map((a) => a.attributes('href'))).toEqual(['/billing', '/billing', '/billing'])
  })

  it('license service down: the tiers still show, none is marked current, the calls to action are buttons', async () => {
    const w = table({ persona: 'no-license', fail: { '/licenses/:slug': 503 } })
    await until(() => plans(w).length === 3, 3_000, 'the tiers')
    await flushPromises()
    expect(w.find('[aria-current]').exists()).toBe(false)
    expect(buttons(w, /^Choose /)).toHaveLength(3)
  })

  it('monthly/yearly switch only when the catalog has both intervals; it changes every price', async () => {
    const monthly = table({})
    await flushPromises()
    expect(monthly.find('fieldset').exists()).toBe(false)

    const w = table({ products: yearly() })
    await flushPromises()
    const fieldset = w.find('fieldset')
    expect(squash(fieldset.find('legend').text())).toBe('Billing period')
    const radios = w.findAll<HTMLInputElement>('input[type="radio"]')
    expect(radios.map((r) => squash(r.element.parentElement!.textContent!))).toEqual(['Monthly', 'Yearly'])
    expect(radios[0]!.element.checked).toBe(true)
    expect(plan(w, 'pro').find('.lumen-plan__price').text()).toBe('€29.00 per month')
    await radios[1]!.setValue(true)
    expect(plans(w).map((p) => p.find('.lumen-plan__price').text())).toEqual(['€90.00 per year', '€290.00 per year', '€990.00 per year'])
    expect(w.emitted('update:interval')).toEqual([['year']])
  })

  it('one price per tier (the wire shape): each period shows its own tiers, plus free, unpriced and current ones', async () => {
    const [starter, pro, enterprise] = fixtures.product().tiers
    const free: Tier = { ...starter!, slug: 'free', name: 'Free', sortOrder: 0, price: { amount: 0, currency: 'EUR', interval: 'month' } }
    const proYearly: Tier = { ...pro!, slug: 'pro-yearly', name: 'Pro yearly', sortOrder: 2, price: { amount: 29_000, currency: 'EUR', interval: 'year' } }
    const custom: Tier = { ...enterprise!, price: null }
    // Signed in on Starter (monthly): it stays listed, marked, in the yearly view too.
    const w = table({ products: [fixtures.product({ tiers: [free, starter!, pro!, proYearly, custom] })], entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } })
    await flushPromises()
    const names = () => plans(w).map((p) => p.find('.lumen-plan__name').text())
    expect(names()).toEqual(['Free', 'Starter', 'Pro', 'Enterprise'])
    await w.findAll<HTMLInputElement>('input[type="radio"]')[1]!.setValue(true)
    expect(names()).toEqual(['Free', 'Starter', 'Pro yearly', 'Enterprise'])
    expect(plan(w, 'pro-yearly').find('.lumen-plan__price').text()).toBe('€290.00 per year')
    expect(plan(w, 'starter').attributes('aria-current')).toBe('true')
    expect(plan(w, 'enterprise').find('.lumen-plan__price').text()).toBe('Price on request')
  })

  it('v-model:interval sets the period from outside', async () => {
    const w = table({ products: yearly() }, { interval: 'year' })
    await flushPromises()
    expect(plan(w, 'starter').find('.lumen-plan__price').text()).toBe('€90.00 per year')
  })

  it('loading, then the catalog; catalog service down: an announced error with a retry, no tiers', async () => {
    const loading = table({ products: [], delay: 50, fail: { '/products/:slug': 404 } })
    expect(loading.attributes('data-state')).toBe('loading')
    expect(loading.find('[role="status"]').text()).toBe('Loading plans…')
    const down = table({ products: [], fail: { '/products/:slug': 503 } })
    await until(() => down.attributes('data-state') === 'error', 3_000, 'the error')
    expect(alerts(down)).toBe('The plans could not be loaded.')
    expect(button(down, 'Try again').exists()).toBe(true)
    expect(plans(down)).toHaveLength(0)
  })

  it('German and Arabic: texts, Intl prices, right to left', async () => {
    const de = table({ persona: 'owner-pro' }, {}, 'de')
    await flushPromises()
    expect(plan(de, 'pro').find('.lumen-badge').text()).toBe('Aktueller Tarif')
    expect(squash(plan(de, 'starter').find('.lumen-plan__price').text())).toBe('9,00 € pro Monat')
    const ar = table({ persona: 'owner-pro' }, {}, 'ar')
    await flushPromises()
    expect([ar.attributes('dir'), ar.attributes('lang')]).toEqual(['rtl', 'ar'])
    expect(plan(ar, 'pro').find('.lumen-badge').text()).toBe('الخطة الحالية')
  })

  it('the action slot replaces each call to action', async () => {
    const w = mountTesting(LumenPricingTable, { persona: 'owner-pro' }, {
      slots: { action: '<template #action="{ tier, current }"><span class="mine">{{ tier.slug }}:{{ current }}</span></template>' },
    }).wrapper
    await flushPromises()
    expect(w.findAll('.mine').map((s) => s.text())).toEqual(['starter:false', 'pro:true', 'enterprise:false'])
  })
})
