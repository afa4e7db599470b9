import { featureAccess } from '../client/entitlements.js'
import type { FeatureReason } from '../client/entitlements.js'
import { computed, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { EntitlementResponse, FeatureValue } from '../contract/types.js'
import { requiredTierFor } from '../stores/tiers.js'
import { licenseState } from './useLicense.js'

export type UseFeatureStatus = 'loading' | 'allowed' | 'denied' | 'error'

export interface UseFeatureOptions {
  /** Product slug. @default the plugin's `product` */
  product?: MaybeRefOrGetter<string | null | undefined>
  /** Units the caller wants to use, checked against the limit. @default 1 */
  amount?: MaybeRefOrGetter<number | null | undefined>
}

/** Signed out, no organization or no license: denied with reason `no_license`. */
const NO_LICENSE = { valid: false } as EntitlementResponse

export interface UseFeatureReturn {
  /** Three-valued gate plus `error`: never `denied` because of a network error. */
  status: ComputedRef<UseFeatureStatus>
  /** The feature is in the license (a metered one may still be at its limit). */
  isEnabled: ComputedRef<boolean>
  /** `amount` more units fit under the limit. */
  canUse: ComputedRef<boolean>
  value: ComputedRef<FeatureValue | null>
  limit: ComputedRef<number | null>
  usage: ComputedRef<number | null>
  remaining: ComputedRef<number | null>
  reason: ComputedRef<FeatureReason>
  /** The lowest tier that includes the feature (`GET /products/:slug`, fetched on first read). */
  requiredTier: ComputedRef<string | null>
  upgradeUrl: ComputedRef<string | null>
  /** The answer is the last good one, kept while offline. */
  isStale: ComputedRef<boolean>
  refresh(): Promise<void>
}

/**
 * Gate on one feature of the active organization's license.
 * @example const { status, canUse, remaining } = useFeature('api_calls', { amount: 10 })
 */
export function useFeature(feature: MaybeRefOrGetter<string>, options: UseFeatureOptions = {}): UseFeatureReturn {
  const { license, status, tiers, isStale, refresh } = licenseState('useFeature', options.product)
  const access = computed(() => {
    const st = status.value
    // Not known yet (loading, error): `featureAccess(null)` fails closed with reason `unknown`.
    const known = st === 'valid' ? license.value : st === 'invalid' ? NO_LICENSE : null
    const a = featureAccess(known, toValue(feature), toValue(options.amount) ?? 1)
    return { ...a, status: st === 'loading' || st === 'error' ? st : a.status }
  })
  const get = <K extends keyof typeof access.value>(key: K) => computed(() => access.value[key])
  return {
    status: get('status'),
    isEnabled: get('isEnabled'),
    canUse: get('canUse'),
    value: get('value'),
    limit: get('limit'),
    usage: get('usage'),
    remaining: get('remaining'),
    reason: get('reason'),
    requiredTier: computed(() => requiredTierFor(tiers.value, toValue(feature))),
    upgradeUrl: computed(() => license.value?.upgradeUrl ?? null),
    isStale,
    refresh,
  }
}
