/**
 * Shared access answers behind `useLumenStore().access()`: one reactive answer per (product,
 * feature, minTier, amount), created on first use and read by every gate, `useFeature` and guard
 * asking the same question. Each answer follows the active organization itself, so an org switch
 * re-evaluates it in place: no per-instance watcher, listener or request. Per store instance.
 */
import { decideAccess } from '../client/access.js'
import type { AccessDecision, AccessLoadState, AccessQuery } from '../client/access.js'
import type { FeatureReason } from '../client/entitlements.js'
import { computed } from 'vue'
import type { ComputedRef, Ref } from 'vue'
import type { AccessLicense } from '../client/access.js'
import type { FeatureValue, LicenseSummary } from '../contract/types.js'
import { noop } from './errors.js'
import type { LumenAuthStatus, LumenEntitlementEntry, LumenProductEntry } from './types.js'

/** One shared answer; every field is a lazy computed over `decision`. */
export interface LumenAccessAnswer {
  decision: ComputedRef<AccessDecision>
  status: ComputedRef<AccessDecision['status']>
  /** `useFeature`'s reason: expired counts as `no_license`, a low tier as `not_in_tier`, not known yet as `unknown`. */
  reason: ComputedRef<FeatureReason>
  isEnabled: ComputedRef<boolean>
  canUse: ComputedRef<boolean>
  value: ComputedRef<FeatureValue | null>
  limit: ComputedRef<number | null>
  usage: ComputedRef<number | null>
  remaining: ComputedRef<number | null>
  /** Reading it loads the product's tier catalog once. */
  requiredTier: ComputedRef<string | null>
  upgradeUrl: ComputedRef<string | null>
  isStale: ComputedRef<boolean>
}

interface AccessState {
  status: Ref<LumenAuthStatus>
  activeOrganizationId: Ref<string | null>
  licenses: Ref<LicenseSummary[]>
  entitlements: Ref<Record<string, LumenEntitlementEntry>>
  products: Ref<Record<string, LumenProductEntry>>
}

interface AccessDeps {
  /** Load the active org's license for a product (deduplicated, TTL-cached). */
  touch(product: string): void
  ensureProduct(product: string): Promise<void>
  /** The last good answer is too old to show (`staleMaxAge`). */
  tooOld(entry: LumenEntitlementEntry): boolean
}

const FIELDS = ['status', 'isEnabled', 'canUse', 'value', 'limit', 'usage', 'remaining'] as const


/** @internal The cache key of one org's license for one product. */
export function entitlementKey(organizationId: string, product: string): string {
  return `${organizationId}:${product}`
}

/** @internal `initialState.entitlements` for one organization from entries by product (SSR seeds, the testing kit). */
export function entitlementsOf(organizationId: string, byProduct: Record<string, LumenEntitlementEntry>): Record<string, LumenEntitlementEntry> {
  return Object.fromEntries(Object.entries(byProduct).map(([product, entry]) => [entitlementKey(organizationId, product), entry]))
}

export function createAccessAnswers(state: AccessState, deps: AccessDeps) {
  const { status, activeOrganizationId, licenses, entitlements, products } = state
  const answers = new Map<string, LumenAccessAnswer>()

  /** The active organization's entry for `product`, or `null` (signed out, no org, never asked). */
  function entitlement(product: string): LumenEntitlementEntry | null {
    const org = activeOrganizationId.value
    return (org && entitlements.value[entitlementKey(org, product)]) || null
  }

  /** Where the license answer stands, and the answer itself. */
  function licenseOf(product: string): { state: AccessLoadState['license']; data: AccessLicense | null } {
    const org = activeOrganizationId.value
    if (status.value === 'restoring') return { state: 'loading', data: null }
    if (status.value === 'anonymous' || !org) return { state: 'ready', data: null }
    const e = entitlement(product)
    if (!e || e.status === 'loading') return { state: 'loading', data: null }
    if (!e.data || deps.tooOld(e)) return { state: 'error', data: null }
    // An invalid answer carries no status: `/auth/me`'s summary tells an expired license from none.
    const expired = !e.data.valid && licenses.value.some((l) => l.organizationId === org && l.productSlug === product && l.status === 'expired')
    return { state: 'ready', data: expired ? { ...e.data, status: 'expired' } : e.data }
  }

  function catalogState(product: string): NonNullable<AccessLoadState['catalog']> {
    const p = products.value[product]
    return p?.data ? 'ready' : p?.status === 'error' ? 'error' : 'loading'
  }

  /** The rule over the store's state, for one question (the guard calls it once loaded). */
  function decide(product: string, query: AccessQuery): AccessDecision {
    const license = licenseOf(product)
    const d = decideAccess(license.data, products.value[product]?.data, query, { license: license.state, catalog: catalogState(product) })
    // Only a tier comparison needs the catalog: load it then, not for every gate.
    if (d.reason === 'catalog_loading' && !products.value[product]) queueMicrotask(() => void deps.ensureProduct(product).catch(noop))
    return d
  }

  /** The shared answer to one question; the first asker creates it and starts its license load. */
  function access(product: string, query: AccessQuery = {}): LumenAccessAnswer {
    const { feature = null, minTier = null, amount = null } = query
    const key = `${product}|${feature ?? ''}|${minTier ?? ''}|${amount ?? ''}|${feature === null ? 0 : 1}`
    let answer = answers.get(key)
    if (answer) return answer
    const q: AccessQuery = { feature, minTier, amount }
    const decision = computed(() => decide(product, q))
    const loadCatalog = () => products.value[product] || queueMicrotask(() => void deps.ensureProduct(product).catch(noop))
    answer = {
      ...(Object.fromEntries(FIELDS.map((k) => [k, computed(() => decision.value[k])])) as Pick<LumenAccessAnswer, (typeof FIELDS)[number]>),
      decision,
      reason: computed(() => {
        const { status, reason } = decision.value
        return status === 'loading' || status === 'error' ? 'unknown' : reason === 'expired' ? 'no_license' : reason === 'tier_too_low' ? 'not_in_tier' : (reason as FeatureReason)
      }),
      requiredTier: computed(() => (loadCatalog(), decision.value.requiredTier)),
      upgradeUrl: computed(() => entitlement(product)?.data?.upgradeUrl ?? null),
      isStale: computed(() => !!entitlement(product)?.stale),
    }
    answers.set(key, answer)
    // After the current render: the asker (often a computed) must not depend on what `touch` reads.
    queueMicrotask(() => deps.touch(product))
    return answer
  }

  return { entitlement, decide, access }
}
