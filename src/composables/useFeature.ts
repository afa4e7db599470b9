import type { AccessDecision } from '../client/access.js'
import type { FeatureReason } from '../client/entitlements.js'
import { computed, isRef, toRef, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { FeatureValue } from '../contract/types.js'
import type { LumenAccessAnswer } from '../stores/access.js'
import { useProduct } from './useLicense.js'

export type UseFeatureStatus = 'loading' | 'allowed' | 'denied' | 'error'

export interface UseFeatureOptions {
  /** Product slug. @default the plugin's `product` */
  product?: MaybeRefOrGetter<string | null | undefined>
  /** Units the caller wants to use, checked against the limit. @default 1 */
  amount?: MaybeRefOrGetter<number | null | undefined>
  /** Lowest tier allowed (by the product's tier order; the catalog loads when it matters). */
  minTier?: MaybeRefOrGetter<string | null | undefined>
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
  /** The lowest tier that includes the feature, or `minTier` (`GET /products/:slug`, fetched on first read). */
  requiredTier: ComputedRef<string | null>
  upgradeUrl: ComputedRef<string | null>
  /** The answer is the last good one, kept while offline. */
  isStale: ComputedRef<boolean>
  /** The access rule's full answer (`decideAccess`), with its precise `reason`. */
  access: ComputedRef<AccessDecision>
  refresh(): Promise<void>
}

const FIELDS = ['status', 'isEnabled', 'canUse', 'value', 'limit', 'usage', 'remaining', 'reason', 'requiredTier', 'upgradeUrl', 'isStale'] as const
const reactive = (v: unknown) => isRef(v) || typeof v === 'function'

/**
 * Gate on one feature (and/or a minimum tier) of the active organization's license. Every caller
 * asking the same question shares one answer in the store: 1000 calls cost one plus a lookup.
 * @example const { status, canUse, remaining } = useFeature('api_calls', { amount: 10 })
 */
export function useFeature(feature: MaybeRefOrGetter<string | null | undefined>, options: UseFeatureOptions = {}): UseFeatureReturn {
  const { store, slug, refresh } = useProduct('useFeature', options.product)
  const ask = (): LumenAccessAnswer =>
    store.access(slug(), { feature: toValue(feature) ?? null, minTier: toValue(options.minTier) || null, amount: toValue(options.amount) ?? null })
  if (![feature, options.product, options.amount, options.minTier].some(reactive)) {
    // Static question: hand out the shared answer's own computeds.
    const { decision, ...fields } = ask()
    return { ...fields, access: decision, refresh }
  }
  // Reactive question (a gate's props): one lookup computed per caller; its fields are read-only
  // refs onto the shared answer's cached computeds (a pointer each, no computed or effect per caller).
  const answer = computed(ask)
  const out: Record<string, unknown> = { access: toRef(() => answer.value.decision.value), refresh }
  for (const k of FIELDS) out[k] = toRef(() => answer.value[k].value)
  return out as unknown as UseFeatureReturn
}
