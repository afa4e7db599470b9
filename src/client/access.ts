/**
 * The one access rule of the package: "may this organization use this (feature, tier, amount)?".
 * Pure and framework-free. `useFeature`, `useLicense`, `LumenPaywallGate`, the router guard and the
 * license middleware all call `decideAccess` and only map its answer (see docs/DECISIONS.md).
 * Everything here fails closed: unknown is never `allowed`.
 */
import type { CheckLicenseResponse, EntitlementResponse, FeatureValue, Tier } from '../contract/types.js'

/** A feature is on when its value is `true`, a non-zero number or a non-empty string. */
export function isFeatureOn(value: FeatureValue | null | undefined): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  if (typeof value === 'string') return value.length > 0
  return false
}

/**
 * A limit as a number, or `null` for unlimited (`null`, missing, `''` or `'unlimited'`).
 * Numeric strings (`"50"`) are numbers. Anything else unreadable fails closed as `0`.
 */
export function parseLimit(limit: number | string | null | undefined): number | null {
  if (limit === null || limit === undefined) return null
  if (typeof limit === 'number') return Number.isNaN(limit) ? 0 : limit
  const text = limit.trim()
  if (text === '' || text.toLowerCase() === 'unlimited') return null
  const n = Number(text)
  return Number.isFinite(n) ? n : n === Infinity ? null : 0
}

/** A product's tier catalog as the rule reads it (`GET /products/:slug`, or a middleware's `tierSortOrder`). */
export interface AccessCatalog {
  tiers: ReadonlyArray<Pick<Tier, 'slug' | 'sortOrder'> & Partial<Pick<Tier, 'features' | 'limits'>>>
}

/**
 * A license answer as the rule reads it; `status: 'expired'` names the reason of an invalid one (the
 * Vue store adds it from `/auth/me`, whose license summaries know it).
 */
export type AccessLicense = (Omit<CheckLicenseResponse, 'status'> | Omit<EntitlementResponse, 'status'>) & { status?: string }

export type AccessStatus = 'loading' | 'allowed' | 'denied' | 'error'

/**
 * Why: `ok`; denied: `no_license`, `expired`, `not_in_tier` (feature), `tier_too_low` (minTier),
 * `limit_reached` (metered); loading: `license_loading`, `catalog_loading`; error: `license_error`,
 * `catalog_error`.
 */
export type AccessReason =
  | 'ok' | 'no_license' | 'expired' | 'not_in_tier' | 'tier_too_low' | 'limit_reached'
  | 'license_loading' | 'catalog_loading' | 'license_error' | 'catalog_error'

export interface AccessQuery {
  /** The license must include this feature (and, when metered, fit `amount`). `null`: no feature check. */
  feature?: string | null
  /** The license's tier must reach this one (by the catalog's `sortOrder`; equality without one). */
  minTier?: string | null
  /** Units wanted of a metered feature; `0` asks only whether it is included. @default 1 */
  amount?: number | null
}

/**
 * Where the inputs stand. `license: 'ready'` means `license` is the answer (`null`: no license, no
 * organization). `catalog: 'none'` means there is no catalog to wait for: tiers compare by equality.
 * @default catalog `'ready'` when a catalog is passed, else `'none'`
 */
export interface AccessLoadState {
  license: 'loading' | 'ready' | 'error'
  catalog?: 'loading' | 'ready' | 'error' | 'none'
}

export interface AccessDecision {
  /** `allowed` only with a known, valid license that passes every part of the query. */
  status: AccessStatus
  reason: AccessReason
  /** The tier to upgrade to: `minTier`, else the lowest catalog tier that includes the feature. */
  requiredTier: string | null
  /** The feature is in the license (a metered one may still be at its limit). */
  isEnabled: boolean
  /** `amount` more units fit under the limit (always true when unlimited). */
  canUse: boolean
  value: FeatureValue | null
  limit: number | null
  usage: number | null
  remaining: number | null
}

/** Does `current` reach `min`? By `sortOrder` when the catalog ranks both, else by equality. Unknown tiers fail closed. */
export function meetsTier(product: AccessCatalog | null | undefined, current: string | null | undefined, min: string): boolean {
  const rank = (slug: string) => product?.tiers.find((t) => t.slug === slug)?.sortOrder
  const have = rank(current ?? '')
  const need = rank(min)
  return have === undefined || need === undefined ? !!current && current === min : have >= need
}

/** The lowest tier whose features (or metered limits) include `feature`, or `null`. */
export function requiredTierFor(product: AccessCatalog | null | undefined, feature: string): string | null {
  const tiers = [...(product?.tiers ?? [])].sort((a, b) => a.sortOrder - b.sortOrder)
  const found = tiers.find((t) => isFeatureOn(t.features?.[feature]) || (!!t.limits && Object.hasOwn(t.limits, feature) && parseLimit(t.limits[feature]) !== 0))
  return found?.slug ?? null
}

/**
 * Decide access. Order: the license's load state, validity, `minTier`, then `feature` and `amount`.
 * @example decideAccess(license, product, { feature: 'api_calls', amount: 10 }, { license: 'ready' })
 */
export function decideAccess(
  license: AccessLicense | null | undefined,
  product: AccessCatalog | null | undefined,
  query: AccessQuery = {},
  loadState: AccessLoadState = { license: 'ready' },
): AccessDecision {
  const { feature, minTier } = query
  const catalog = loadState.catalog ?? (product ? 'ready' : 'none')
  const forFeature = feature != null ? requiredTierFor(product, feature) : null
  const answer = (status: AccessStatus, reason: AccessReason, extra: Partial<AccessDecision> = {}): AccessDecision => ({
    status, reason, requiredTier: minTier || forFeature,
    isEnabled: false, canUse: false, value: null, limit: null, usage: null, remaining: null, ...extra,
  })
  if (loadState.license === 'loading') return answer('loading', 'license_loading')
  if (loadState.license === 'error') return answer('error', 'license_error')
  if (!license?.valid) return answer('denied', license?.status === 'expired' ? 'expired' : 'no_license')

  if (minTier != null && license.tier !== minTier) {
    if (catalog === 'loading') return answer('loading', 'catalog_loading')
    if (catalog === 'error') return answer('error', 'catalog_error')
    if (!meetsTier(catalog === 'ready' ? product : null, license.tier, minTier)) return answer('denied', 'tier_too_low')
  }
  if (feature == null) return answer('allowed', 'ok', { isEnabled: true, canUse: true })

  const value = license.features?.[feature] ?? null
  const hasLimit = !!license.limits && Object.hasOwn(license.limits, feature)
  const limit = hasLimit ? parseLimit(license.limits?.[feature]) : null
  const usageMap = 'usage' in license ? license.usage : undefined
  const usage = usageMap && typeof usageMap[feature] === 'number' ? usageMap[feature] : hasLimit ? 0 : null
  if (!(isFeatureOn(value) || (hasLimit && value === null))) return answer('denied', 'not_in_tier', { value, requiredTier: forFeature })

  const remaining = limit === null ? null : Math.max(0, limit - (usage ?? 0))
  const canUse = remaining === null || remaining >= (query.amount ?? 1)
  return answer(canUse ? 'allowed' : 'denied', canUse ? 'ok' : 'limit_reached', {
    isEnabled: true, canUse, value, limit, usage, remaining, requiredTier: canUse ? minTier || forFeature : forFeature,
  })
}
