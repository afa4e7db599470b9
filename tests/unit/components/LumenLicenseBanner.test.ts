import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import LumenLicenseBanner from '../../../src/components/LumenLicenseBanner.vue'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import type { EntitlementResponse } from '../../../src/contract/types.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import type { EntitlementFixtureInput } from '../../../src/testing/fixtures.js'
import type { TestingLumenOptions } from '../../../src/testing/plugin.js'
import { button, mountTesting, until } from './helpers.js'

const banner = (options: TestingLumenOptions, props: Record<string, unknown> = {}, locale?: string) =>
  mountTesting(LumenLicenseBanner, options, { props, plugins: locale ? [createLumenUi({ locale })] : [] }).wrapper
const withLicense = (input: EntitlementFixtureInput | EntitlementResponse, props: Record<string, unknown> = {}, locale?: string) =>
  banner({ entitlements: { 'lumen-hr': 'valid' in input ? (input as EntitlementResponse) : fixtures.entitlement(input) } }, props, locale)
const region = (w: VueWrapper) => w.find('[role="status"]')
const says = (w: VueWrapper) => region(w).find('.lumen-banner__text').text().replace(/\s+/g, ' ')

beforeEach(() => sessionStorage.clear())

describe('LumenLicenseBanner', () => {
  it('pro org, all fine: renders nothing', async () => {
    const w = banner({ persona: 'owner-pro' })
    await flushPromises()
    expect(region(w).exists()).toBe(false)
    expect(w.text()).toBe('')
  })

  it('trial org ending in 5 days: a labelled status with the relative time and the upgrade link', async () => {
    const w = banner({ persona: 'member-trial' })
    await flushPromises()
    expect(region(w).attributes('aria-label')).toBe('License notice')
    expect(region(w).classes()).toContain('lumen-root')
    expect(says(w)).toBe('Your trial ends in 5 days.')
    const link = w.find('a')
    expect([link.text(), link.attributes('href')]).toEqual(['Upgrade', 'https://account.lumen.example/billing/upgrade'])
  })

  it('trials: only within trialDays; tomorrow and today read naturally', async () => {
    const trial = (remainingDays: number): EntitlementFixtureInput => ({ tier: 'starter', status: 'trial', remainingDays, usage: { seats: 1, api_calls: 1 } })
    expect(region(withLicense(trial(14))).exists()).toBe(false)
    expect(says(withLicense(trial(14), { trialDays: 30 }))).toBe('Your trial ends in 14 days.')
    expect(says(withLicense(trial(1)))).toBe('Your trial ends tomorrow.')
    expect(says(withLicense(trial(0)))).toBe('Your trial ends today.')
  })

  it('no license and expired: say so, with "Choose a plan"', async () => {
    const none = banner({ persona: 'no-license' })
    await until(() => region(none).exists(), 3_000, 'the no-license banner')
    expect(says(none)).toBe('Your organization has no Lumen HR license.')
    expect(none.find('a').text()).toBe('Choose a plan')
    expect(region(none).attributes('data-tone')).toBe('danger')
    const expired = withLicense({ status: 'expired' })
    expect(says(expired)).toBe('Your Lumen HR license has expired.')
  })

  it('usage near a limit (≥ 90 %) and over it; seats count against the license unitCount', () => {
    // Starter: 1000 API calls, 930 used.
    expect(says(withLicense({ tier: 'starter' }, { labels: { api_calls: 'API calls' } }))).toBe('API calls: 930 of 1,000 used (93%).')
    expect(region(withLicense({ tier: 'starter' }, { usageThreshold: 0.95 })).exists()).toBe(false)
    const over = withLicense({ tier: 'pro', unitCount: 10, usage: { seats: 12, api_calls: 10 } })
    expect(says(over)).toBe('Seats: 12 of 10 used. You are over your plan’s limit.')
    expect(region(over).attributes('data-kind')).toBe('limit:seats')
    expect(region(withLicense({ tier: 'enterprise', unitCount: null, usage: { seats: 900, api_calls: 10 } })).exists()).toBe(false) // unlimited seats
  })

  it('license service down or signed out: nothing (the gates say it; a banner would guess)', async () => {
    const down = banner({ persona: 'no-license', fail: { '/licenses/:slug': 503 } })
    const error = banner({ entitlements: { 'lumen-hr': 'error' } })
    const out = banner({ user: null })
    await flushPromises()
    for (const w of [down, error, out]) expect(w.text()).toBe('')
  })

  it('dismiss: hidden for the session (a new app in the same tab too), the next condition shows, another org still sees its own', async () => {
    const trialAndUsage = fixtures.entitlement({ tier: 'starter', status: 'trial', remainingDays: 3, usage: { seats: 1, api_calls: 950 } })
    const w = withLicense(trialAndUsage)
    expect(says(w)).toBe('Your trial ends in 3 days.')
    await button(w, 'Dismiss').trigger('click')
    expect(w.emitted('dismiss')).toEqual([['trial']])
    expect(says(w)).toBe('API calls: 950 of 1,000 used (95%).')
    expect(sessionStorage.getItem('lumen-account:banner:org_acme:lumen-hr:trial')).toBe('1')

    const reloaded = withLicense(trialAndUsage)
    await flushPromises() // this session's dismissals are read once mounted (hydration-safe)
    expect(region(reloaded).attributes('data-kind')).toBe('usage:api_calls')
    await button(reloaded, 'Dismiss').trigger('click')
    expect(region(reloaded).exists()).toBe(false)

    const globex = banner({ persona: 'member-trial' })
    await flushPromises()
    expect(says(globex)).toBe('Your trial ends in 5 days.')
    sessionStorage.clear()
    expect(region(withLicense({ tier: 'starter', status: 'trial', remainingDays: 3 }, { persistent: true })).find('button').exists()).toBe(false)
  })

  it('German and Arabic, right to left', async () => {
    expect(says(withLicense({ tier: 'starter', status: 'trial', remainingDays: 5, usage: { seats: 1, api_calls: 1 } }, {}, 'de'))).toBe('Ihr Testzeitraum endet in 5 Tagen.')
    const ar = withLicense({ tier: 'starter', status: 'trial', remainingDays: 5, usage: { seats: 1, api_calls: 1 } }, {}, 'ar')
    expect(region(ar).attributes('dir')).toBe('rtl')
    expect(says(ar)).toContain('تنتهي فترتك التجريبية')
    expect(button(ar, 'إخفاء').exists()).toBe(true)
  })

  it('the upgrade link emits upgrade with the kind; only safe links', async () => {
    const w = withLicense({ tier: 'starter', status: 'trial', remainingDays: 2, usage: { seats: 1, api_calls: 1 } })
    const stay = (e: Event) => e.preventDefault()
    document.addEventListener('click', stay)
    try {
      await w.find('a').trigger('click')
    } finally {
      document.removeEventListener('click', stay)
    }
    expect(w.emitted('upgrade')).toEqual([['trial']])
    expect(withLicense({ tier: 'starter', status: 'trial', remainingDays: 2 }, { upgradeUrl: 'javascript:alert(1)' }).find('a').exists()).toBe(false)
  })
})
