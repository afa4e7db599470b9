import { computed, getCurrentInstance, onServerPrefetch, toValue, watch } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { EntitlementResponse } from '../contract/types.js'
import { entitlementKey } from '../stores/entitlements.js'
import { meetsTier } from '../stores/tiers.js'
import { productOf } from '../stores/context.js'
import { useLumenContext } from './useLumenContext.js'
import { noop } from '../stores/errors.js'
import type { LumenEntitlementEntry, LumenErrorInfo } from '../stores/types.js'

export type UseLicenseStatus = 'loading' | 'valid' | 'invalid' | 'error'

export interface UseLicenseReturn {
  /** The active org's license for the product, or `null` (not loaded, signed out, no org). */
  license: ComputedRef<EntitlementResponse | null>
  /** `loading` until known; `error` only when no answer was ever received. */
  status: ComputedRef<UseLicenseStatus>
  tier: ComputedRef<string | null>
  isTrial: ComputedRef<boolean>
  remainingDays: ComputedRef<number | null>
  /** A trial or license with 7 days or fewer left. */
  isExpiring: ComputedRef<boolean>
  /** The answer shown is older than the last failed check (offline): still the last good one. */
  isStale: ComputedRef<boolean>
  /** Is the license's tier at least `minTier` (by the product's tier order)? */
  hasTier(minTier: string): boolean
  error: ComputedRef<LumenErrorInfo | null>
  /** Re-check now, ignoring the cache. */
  refresh(): Promise<void>
}

/** @internal Shared by useLicense and useFeature: one watcher per caller, requests deduplicated by the store. */
export function licenseState(caller: string, productInput: MaybeRefOrGetter<string | null | undefined>) {
  const ctx = useLumenContext(caller)
  const { store } = ctx
  const slug = computed(() => toValue(productInput) || ctx.product || '')
  productOf(ctx, slug.value, caller) // fail at setup, not at the first request
  const entry = computed<LumenEntitlementEntry | null>(() => {
    const org = store.activeOrganizationId
    return (org && store.entitlements[entitlementKey(org, slug.value)]) || null
  })
  const license = computed(() => entry.value?.data ?? null)
  const status = computed<UseLicenseStatus>(() => {
    const e = entry.value
    if (store.status === 'restoring') return 'loading'
    if (store.status === 'anonymous' || !store.activeOrganizationId) return 'invalid'
    return !e || e.status === 'loading' ? 'loading' : !e.data ? 'error' : e.data.valid ? 'valid' : 'invalid'
  })
  const load = () => store.ensureEntitlement(slug.value).catch(noop)
  watch(() => [slug.value, store.activeOrganizationId, store.status], load, { immediate: true })
  // SSR: render the answer, not a spinner.
  if (getCurrentInstance()) onServerPrefetch(load)
  return {
    license,
    status,
    // Loaded on first use only: tiers matter to hasTier/requiredTier, not to every gate.
    tiers: computed(() => {
      const p = store.products[slug.value]
      if (!p) queueMicrotask(() => void store.ensureProduct(slug.value).catch(noop))
      return p?.data
    }),
    isStale: computed(() => !!entry.value?.stale),
    error: computed(() => entry.value?.error ?? null),
    refresh: () => store.ensureEntitlement(slug.value, { force: true }),
  }
}

/**
 * The active organization's license for a product (default: the plugin's `product`).
 * @example const { status, tier, isTrial, remainingDays } = useLicense('lumen-hr')
 */
export function useLicense(product?: MaybeRefOrGetter<string | null | undefined>): UseLicenseReturn {
  const { tiers, ...s } = licenseState('useLicense', product)
  const { license } = s
  const remainingDays = computed(() => license.value?.remainingDays ?? null)
  return {
    ...s,
    tier: computed(() => license.value?.tier ?? null),
    isTrial: computed(() => license.value?.status === 'trial'),
    remainingDays,
    isExpiring: computed(() => remainingDays.value !== null && remainingDays.value <= 7),
    hasTier: (minTier) => s.status.value === 'valid' && meetsTier(tiers.value, license.value?.tier, minTier),
  }
}
