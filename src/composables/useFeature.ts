import { featureAccess } from '../client/entitlements.js'
import type { FeatureReason } from '../client/entitlements.js'
import { computed, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { FeatureValue } from '../contract/types.js'
import { requiredTierFor } from '../stores/tiers.js'
import { useLumenContext } from '../vue/context.js'
import { licenseState } from './useLicense.js'

export type UseFeatureStatus = 'loading' | 'allowed' | 'denied' | 'error'

export interface UseFeatureOptions {
  /** Product slug. @default the plugin's `product` */
  product?: MaybeRefOrGetter<string | null | undefined>
  /** Units the caller wants to use, checked against the limit. @default 1 */
  amount?: MaybeRefOrGetter<number | null | undefined>
}

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
  const s = licenseState(useLumenContext('useFeature'), 'useFeature', options.product)
  const known = computed(() => s.status.value === 'valid' || s.status.value === 'invalid')
  const access = computed(() => featureAccess(s.license.value, toValue(feature), toValue(options.amount) ?? 1))
  const ok = <T>(get: () => T, otherwise: T) => computed(() => (known.value ? get() : otherwise))
  return {
    status: computed(() => {
      const st = s.status.value
      return st === 'loading' || st === 'error' ? st : st === 'invalid' ? 'denied' : access.value.status
    }),
    isEnabled: ok(() => access.value.isEnabled, false),
    canUse: ok(() => access.value.canUse, false),
    value: ok(() => access.value.value, null),
    limit: ok(() => access.value.limit, null),
    usage: ok(() => access.value.usage, null),
    remaining: ok(() => access.value.remaining, null),
    reason: computed<FeatureReason>(() => (!known.value ? 'unknown' : s.status.value === 'invalid' ? 'no_license' : access.value.reason)),
    requiredTier: computed(() => requiredTierFor(s.tiers.value, toValue(feature))),
    upgradeUrl: computed(() => s.license.value?.upgradeUrl ?? null),
    isStale: computed(() => s.entry.value?.stale ?? false),
    refresh: s.refresh,
  }
}
