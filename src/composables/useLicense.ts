import { computed, getCurrentInstance, onServerPrefetch, toValue, watch } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { EntitlementResponse } from '../contract/types.js'
import { entitlementKey } from '../stores/entitlements.js'
import { meetsTier } from '../stores/tiers.js'
import { useLumenContext } from '../vue/context.js'
import type { LumenContext } from '../vue/context.js'
import type { LumenEntitlementEntry, LumenErrorInfo } from '../vue/types.js'

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
export function licenseState(ctx: LumenContext, caller: string, productInput: MaybeRefOrGetter<string | null | undefined>) {
  const { store } = ctx
  const slug = computed(() => toValue(productInput) || ctx.product || '')
  if (!slug.value) throw new Error(`[lumen-account] ${caller}() needs a product: pass one, or set createLumen({ product }).`)
  const entry = computed<LumenEntitlementEntry | null>(() => {
    const org = store.activeOrganizationId
    return org ? (store.entitlements[entitlementKey(org, slug.value)] ?? null) : null
  })
  const license = computed(() => entry.value?.data ?? null)
  const status = computed<UseLicenseStatus>(() => {
    if (store.status === 'restoring') return 'loading'
    if (store.status === 'anonymous' || !store.activeOrganizationId) return 'invalid'
    const e = entry.value
    if (!e || e.status === 'loading') return 'loading'
    if (!e.data) return 'error'
    return e.data.valid ? 'valid' : 'invalid'
  })
  const load = () => store.ensureEntitlement(slug.value).catch(() => undefined)
  watch(() => [slug.value, store.activeOrganizationId, store.status] as const, load, { immediate: true })
  // SSR: render the answer, not a spinner.
  if (getCurrentInstance()) onServerPrefetch(load)
  // Loaded on first use only: tiers matter to hasTier/requiredTier, not to every gate.
  const tiers = computed(() => {
    const p = store.products[slug.value]
    if (!p) queueMicrotask(() => void store.ensureProduct(slug.value).catch(() => undefined))
    return p?.data ?? null
  })
  return { store, slug, entry, license, status, tiers, refresh: () => store.ensureEntitlement(slug.value, { force: true }) }
}

/**
 * The active organization's license for a product (default: the plugin's `product`).
 * @example const { status, tier, isTrial, remainingDays } = useLicense('lumen-hr')
 */
export function useLicense(product?: MaybeRefOrGetter<string | null | undefined>): UseLicenseReturn {
  const s = licenseState(useLumenContext('useLicense'), 'useLicense', product)
  const remainingDays = computed(() => s.license.value?.remainingDays ?? null)
  return {
    license: s.license,
    status: s.status,
    tier: computed(() => s.license.value?.tier ?? null),
    isTrial: computed(() => s.license.value?.status === 'trial'),
    remainingDays,
    isExpiring: computed(() => remainingDays.value !== null && remainingDays.value <= 7),
    isStale: computed(() => s.entry.value?.stale ?? false),
    hasTier: (minTier) => s.status.value === 'valid' && meetsTier(s.tiers.value, s.license.value?.tier, minTier),
    error: computed(() => s.entry.value?.error ?? null),
    refresh: s.refresh,
  }
}
