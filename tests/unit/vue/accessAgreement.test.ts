// One access rule, four callers: the same rows through LumenPaywallGate, the router guard,
// useFeature and the license middleware, and all four give the same verdict.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import LumenPaywallGate from '../../../src/components/LumenPaywallGate.vue'
import { NetworkError } from '../../../src/client/errors.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useLumenContext } from '../../../src/stores/context.js'
import type { CheckLicenseResponse, EntitlementResponse } from '../../../src/contract/types.js'
import { checkLicenseCore } from '../../../src/middleware/check.js'
import { FeatureNotEnabledError, InsufficientTierError, LicenseServiceUnavailableError, NoActiveLicenseError } from '../../../src/middleware/errors.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { createTestingLumen } from '../../../src/testing/plugin.js'
import { resolveLumenRoute } from '../../../src/vue/guard.js'
import { until, withSetup } from './helpers.js'

type Verdict = 'allowed' | 'denied' | 'error'
type Denial = 'no_license' | 'not_in_tier' | 'tier_too_low' | null
interface Row {
  name: string
  license: EntitlementResponse | 'error'
  feature?: string
  minTier?: string
  /** The tier catalog fails to load (the middleware's catalog is its static `tierSortOrder`: n/a). */
  catalogFails?: boolean
  verdict: Verdict
  denial: Denial
}

const expired = { ...fixtures.entitlement({ tier: null }), status: 'expired' } as unknown as EntitlementResponse
const ROWS: Row[] = [
  { name: 'no license', license: fixtures.entitlement({ tier: null }), feature: 'advanced_reports', verdict: 'denied', denial: 'no_license' },
  { name: 'expired', license: expired, minTier: 'starter', verdict: 'denied', denial: 'no_license' },
  { name: 'not in tier', license: fixtures.entitlement({ tier: 'starter' }), feature: 'advanced_reports', verdict: 'denied', denial: 'not_in_tier' },
  { name: 'tier too low', license: fixtures.entitlement({ tier: 'pro' }), minTier: 'enterprise', verdict: 'denied', denial: 'tier_too_low' },
  { name: 'feature in tier', license: fixtures.entitlement({ tier: 'pro' }), feature: 'advanced_reports', verdict: 'allowed', denial: null },
  { name: 'tier above minTier', license: fixtures.entitlement({ tier: 'enterprise' }), minTier: 'pro', verdict: 'allowed', denial: null },
  { name: 'metered, within its limit', license: fixtures.entitlement({ tier: 'starter' }), feature: 'api_calls', verdict: 'allowed', denial: null },
  { name: 'license failed', license: 'error', feature: 'advanced_reports', verdict: 'error', denial: null },
  { name: 'catalog failed', license: fixtures.entitlement({ tier: 'pro' }), minTier: 'starter', catalogFails: true, verdict: 'error', denial: null },
]

const testing = (row: Row) => createTestingLumen({ entitlements: { 'lumen-hr': row.license }, products: row.catalogFails ? [] : [fixtures.product()] })
const settled = (s: string) => s !== 'loading'

async function viaGate(row: Row): Promise<Verdict> {
  const w = mount(LumenPaywallGate, { props: { feature: row.feature, minTier: row.minTier }, slots: { default: () => h('p', 'content') }, global: { plugins: [testing(row)] } })
  await until(() => settled(w.attributes('data-state')!), 2000, `gate: ${row.name}`)
  const state = w.attributes('data-state') as Verdict
  expect(w.text().includes('content')).toBe(state === 'allowed')
  w.unmount()
  return state
}

async function viaUseFeature(row: Row): Promise<[Verdict, Denial]> {
  const s = withSetup(() => useFeature(row.feature, { minTier: row.minTier }), [testing(row)])
  await until(() => settled(s.result.status.value), 2000, `useFeature: ${row.name}`)
  const { status, reason } = s.result.access.value
  s.unmount()
  return [status as Verdict, status === 'denied' ? (reason === 'expired' ? 'no_license' : (reason as Denial)) : null]
}

async function viaGuard(row: Row): Promise<[Verdict, Denial]> {
  const lumen = testing(row)
  const s = withSetup(() => null, [lumen])
  const meta = { requiresLicense: true, requiresFeature: row.feature, minTier: row.minTier }
  const result = await lumen.runWithContext(() => resolveLumenRoute(useLumenContext('test'), { loginRoute: '/login', forbiddenRoute: '/forbidden' }, { fullPath: '/x', meta, query: {} }))
  s.unmount()
  if (result === true) return ['allowed', null]
  const reason = (result as { query: { reason: string } }).query.reason
  return reason === 'error' ? ['error', null] : ['denied', reason as Denial]
}

async function viaMiddleware(row: Row): Promise<[Verdict, Denial]> {
  const answer = row.license
  const checker = {
    checkLicense: async (): Promise<CheckLicenseResponse> => {
      if (answer === 'error') throw new NetworkError({ message: 'offline' })
      return answer
    },
  }
  const options = { feature: row.feature, minTier: row.minTier, tierSortOrder: { starter: 1, pro: 2, enterprise: 3 }, staleIfErrorSeconds: 0 }
  try {
    await checkLicenseCore(checker, 'org_acme', 'lumen-hr', options)
    return ['allowed', null]
  } catch (e) {
    if (e instanceof LicenseServiceUnavailableError) return ['error', null]
    if (e instanceof NoActiveLicenseError) return ['denied', 'no_license']
    if (e instanceof InsufficientTierError) return ['denied', 'tier_too_low']
    if (e instanceof FeatureNotEnabledError) return ['denied', 'not_in_tier']
    throw e
  }
}

describe('gate, guard, useFeature and middleware agree', () => {
  it.each(ROWS)('$name → $verdict', async (row) => {
    const expected: [Verdict, Denial] = [row.verdict, row.denial]
    expect(await viaGate(row)).toBe(row.verdict)
    expect(await viaUseFeature(row)).toEqual(expected)
    expect(await viaGuard(row)).toEqual(expected)
    if (!row.catalogFails) expect(await viaMiddleware(row)).toEqual(expected)
  })
})
