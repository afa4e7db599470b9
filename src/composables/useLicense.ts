import { computed, getCurrentInstance, onServerPrefetch, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { EntitlementResponse } from '../contract/types.js'
import { productOf } from '../stores/context.js'
import { useLumenContext } from '../stores/context.js'
import { noop } from '../stores/errors.js'
import type { LumenErrorInfo } from '../stores/types.js'

export type UseLicenseStatus = 'loading' | 'valid' | 'invalid' | 'error'

export interface UseLicenseReturn {
  /** The active org's license for the product, or `null` (not loaded, signed out, no org). */
  license: ComputedRef<EntitlementResponse | null>
  /** `loading` until known; `error` only when no answer was ever received (or the last one is too old). */
  status: ComputedRef<UseLicenseStatus>
  tier: ComputedRef<string | null>
  isTrial: ComputedRef<boolean>
  remainingDays: ComputedRef<number | null>
  /** A trial or license with 7 days or fewer left. */
  isExpiring: ComputedRef<boolean>
  /** The license is invalid because it expired (`/auth/me` says so), not because there is none. */
  isExpired: ComputedRef<boolean>
  /** The answer shown is older than the last failed check (offline): still the last good one. */
  isStale: ComputedRef<boolean>
  /** Is the license's tier at least `minTier` (by the product's tier order)? */
  hasTier(minTier: string): boolean
  error: ComputedRef<LumenErrorInfo | null>
  /** Re-check now, ignoring the cache. */
  refresh(): Promise<void>
}

/**
 * @internal The product a composable is about, and its store: fails at setup without a product.
 * Loads the license unless fresh (the store deduplicates). No watcher: a new product is loaded by
 * the store when its shared answer is first asked for, and the store re-checks on login and org switch.
 */
export function useProduct(caller: string, input: MaybeRefOrGetter<string | null | undefined>) {
  const ctx = useLumenContext(caller)
  const { store } = ctx
  const slug = () => toValue(input) || ctx.product || ''
  productOf(ctx, slug(), caller) // fail at setup, not at the first request
  store.touchEntitlement(slug())
  const load = () => store.ensureEntitlement(slug()).catch(noop)
  // SSR: render the answer, not a spinner.
  if (getCurrentInstance()) onServerPrefetch(load)
  return { store, slug, refresh: () => store.ensureEntitlement(slug(), { force: true }) }
}

/**
 * The active organization's license for a product (default: the plugin's `product`).
 * @example const { status, tier, isTrial, remainingDays } = useLicense('lumen-hr')
 */
export function useLicense(product?: MaybeRefOrGetter<string | null | undefined>): UseLicenseReturn {
  const { store, slug, refresh } = useProduct('useLicense', product)
  // Asking the shared answer first loads a product seen for the first time.
  const entry = computed(() => (store.access(slug()), store.entitlement(slug())))
  const license = computed(() => entry.value?.data ?? null)
  const remainingDays = computed(() => license.value?.remainingDays ?? null)
  return {
    license,
    // The license part of the access rule: no feature, no tier.
    status: computed(() => {
      const s = store.access(slug()).status.value
      return s === 'allowed' ? 'valid' : s === 'denied' ? 'invalid' : s
    }),
    tier: computed(() => license.value?.tier ?? null),
    isTrial: computed(() => license.value?.status === 'trial'),
    remainingDays,
    isExpiring: computed(() => remainingDays.value !== null && remainingDays.value <= 7),
    isExpired: computed(() => store.access(slug()).decision.value.reason === 'expired'),
    isStale: computed(() => !!entry.value?.stale),
    hasTier: (minTier) => store.access(slug(), { minTier }).status.value === 'allowed',
    error: computed(() => entry.value?.error ?? null),
    refresh,
  }
}

/** @internal The wire's rule for a limit (missing, `''`, `'unlimited'`: none; junk: 0), for components that show limits. */
export { parseLimit } from '../client/access.js'
