// The one access rule: every reason, the tier model, and the thin wrappers that keep their names.
import { describe, expect, it } from 'vitest'
import { decideAccess, meetsTier, requiredTierFor } from '../../../src/client/access.js'
import type { AccessLicense } from '../../../src/client/access.js'
import { featureAccess } from '../../../src/client/entitlements.js'
import { fixtures } from '../../../src/testing/fixtures.js'

const product = fixtures.product() // starter 1 < pro 2 < enterprise 3
const pro = fixtures.entitlement({ tier: 'pro' }) // seats 12 of 50, api_calls 930 of 10000
const starter = fixtures.entitlement({ tier: 'starter' }) // api_calls 930 of 1000
const ready = { license: 'ready', catalog: 'ready' } as const

describe('decideAccess: every reason', () => {
  it('no license: denied / no_license (null answer or valid: false)', () => {
    expect(decideAccess(null, product, {}, ready)).toMatchObject({ status: 'denied', reason: 'no_license', isEnabled: false, canUse: false })
    expect(decideAccess(fixtures.entitlement({ tier: null }), product, { feature: 'sso' }, ready)).toMatchObject({ status: 'denied', reason: 'no_license', requiredTier: 'enterprise' })
  })

  it('expired: denied / expired', () => {
    const expired = { ...fixtures.entitlement({ tier: null }), status: 'expired' } as unknown as AccessLicense
    expect(decideAccess(expired, product, { feature: 'advanced_reports' }, ready)).toMatchObject({ status: 'denied', reason: 'expired' })
  })

  it('not in tier: denied / not_in_tier with the lowest tier that has it', () => {
    expect(decideAccess(pro, product, { feature: 'sso' }, ready)).toMatchObject({ status: 'denied', reason: 'not_in_tier', requiredTier: 'enterprise', value: false })
  })

  it('tier too low: denied / tier_too_low naming minTier', () => {
    expect(decideAccess(pro, product, { minTier: 'enterprise' }, ready)).toMatchObject({ status: 'denied', reason: 'tier_too_low', requiredTier: 'enterprise' })
  })

  it('metered at its limit: denied / limit_reached, still enabled; amount 0 asks inclusion only', () => {
    const d = decideAccess(pro, product, { feature: 'seats', amount: 39 }, ready)
    expect(d).toMatchObject({ status: 'denied', reason: 'limit_reached', isEnabled: true, canUse: false, limit: 50, usage: 12, remaining: 38 })
    expect(decideAccess(pro, product, { feature: 'seats', amount: 38 }, ready)).toMatchObject({ status: 'allowed', reason: 'ok', remaining: 38 })
    expect(decideAccess({ ...pro, usage: { seats: 50 } }, product, { feature: 'seats', amount: 0 }, ready).status).toBe('allowed')
  })

  it('catalog loading: loading / catalog_loading when the tiers differ; equality needs no catalog', () => {
    expect(decideAccess(pro, null, { minTier: 'starter' }, { license: 'ready', catalog: 'loading' })).toMatchObject({ status: 'loading', reason: 'catalog_loading' })
    expect(decideAccess(pro, null, { minTier: 'pro' }, { license: 'ready', catalog: 'loading' })).toMatchObject({ status: 'allowed', reason: 'ok' })
  })

  it('catalog failed: error / catalog_error, never denied or allowed', () => {
    expect(decideAccess(pro, null, { minTier: 'starter' }, { license: 'ready', catalog: 'error' })).toMatchObject({ status: 'error', reason: 'catalog_error' })
    expect(decideAccess(pro, null, { minTier: 'enterprise' }, { license: 'ready', catalog: 'error' })).toMatchObject({ status: 'error', reason: 'catalog_error' })
  })

  it('license loading / license failed: loading / license_loading, error / license_error, whatever the data', () => {
    expect(decideAccess(pro, product, { feature: 'advanced_reports' }, { license: 'loading' })).toMatchObject({ status: 'loading', reason: 'license_loading', isEnabled: false })
    expect(decideAccess(pro, product, { feature: 'advanced_reports' }, { license: 'error' })).toMatchObject({ status: 'error', reason: 'license_error', canUse: false })
  })

  it('allowed: a valid license with no query, a feature in it, a tier that reaches minTier', () => {
    expect(decideAccess(starter, product, {}, ready)).toMatchObject({ status: 'allowed', reason: 'ok', isEnabled: true, canUse: true })
    expect(decideAccess(pro, product, { feature: 'advanced_reports', minTier: 'starter' }, ready)).toMatchObject({ status: 'allowed', reason: 'ok', value: true })
  })

  it('minTier is checked before the feature (the middleware order)', () => {
    expect(decideAccess(starter, product, { feature: 'sso', minTier: 'pro' }, ready).reason).toBe('tier_too_low')
  })
})

describe('one tier model', () => {
  it('by sortOrder when the catalog ranks both; equality otherwise; unknown tiers fail closed', () => {
    expect(meetsTier(product, 'enterprise', 'pro')).toBe(true)
    expect(meetsTier(product, 'starter', 'pro')).toBe(false)
    expect(meetsTier(null, 'pro', 'pro')).toBe(true)
    expect(meetsTier(null, 'enterprise', 'pro')).toBe(false)
    expect(meetsTier(product, 'gold', 'starter')).toBe(false)
    expect(meetsTier(product, 'pro', 'platinum')).toBe(false)
    expect(decideAccess({ ...pro, tier: 'gold' }, product, { minTier: 'starter' }, ready).reason).toBe('tier_too_low')
    // No catalog to wait for (a middleware without tierSortOrder): equality decides at once.
    expect(decideAccess(pro, null, { minTier: 'starter' }, { license: 'ready', catalog: 'none' }).reason).toBe('tier_too_low')
  })

  it('requiredTierFor: the lowest tier with the feature on or a non-zero limit', () => {
    expect(requiredTierFor(product, 'advanced_reports')).toBe('pro')
    expect(requiredTierFor(product, 'api_calls')).toBe('starter')
    expect(requiredTierFor(product, 'nope')).toBeNull()
    expect(requiredTierFor(null, 'sso')).toBeNull()
  })
})

describe('featureAccess keeps its answers', () => {
  it('unknown without an answer; expired counts as no_license', () => {
    expect(featureAccess(null, 'sso').reason).toBe('unknown')
    expect(featureAccess({ ...fixtures.entitlement({ tier: null }), status: 'expired' } as never, 'sso').reason).toBe('no_license')
    expect(featureAccess(pro, 'seats', 39)).toMatchObject({ status: 'denied', reason: 'limit_reached', remaining: 38 })
    expect(featureAccess(pro, 'advanced_reports')).toMatchObject({ status: 'allowed', reason: 'ok' })
  })
})
