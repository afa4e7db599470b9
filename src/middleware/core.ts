/**
 * Pure rules of the license middleware: where the org id comes from, what counts as enough tier,
 * usage limits, and which failures are an outage rather than a verdict. No I/O, no framework.
 */
import type { CheckLicenseResponse } from '../contract/types.js'
import { decideAccess, parseLimit } from '../client/access.js'
import { isLicenseServiceOutage as isOutage } from '../client/guards.js'
import type { AccessCatalog, AccessDecision } from '../client/access.js'
import {
  FeatureNotEnabledError,
  InsufficientTierError,
  isLicenseMiddlewareError,
  NoActiveLicenseError,
  NoOrganizationIdError,
  UsageLimitExceededError,
} from './errors.js'
import type { LicenseRequestLike, RequireLicenseOptions, TierSortOrder } from './types.js'

const ORG_HEADER = 'x-organization-id'

function firstText(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v !== 'string') return null
  const text = v.trim()
  return text === '' ? null : text
}

/**
 * The organization id of a request: the `x-organization-id` header (case-insensitive), else
 * `req.user.orgId` (set by your auth middleware upstream).
 * @throws NoOrganizationIdError (401) when neither is present.
 * @example extractOrgId({ headers: { 'x-organization-id': 'org_acme' } }) // 'org_acme'
 */
export function extractOrgId(req: LicenseRequestLike): string {
  const headers = req.headers
  if (headers) {
    // Node lowercases header names; a hand-built headers object may not.
    let found = firstText(headers[ORG_HEADER])
    if (found === null) {
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase() === ORG_HEADER) {
          found = firstText(headers[name])
          if (found !== null) break
        }
      }
    }
    if (found !== null) return found
  }
  const user = req.user
  const fromUser = user && typeof user === 'object' ? firstText((user as { orgId?: unknown }).orgId) : null
  if (fromUser !== null) return fromUser
  throw new NoOrganizationIdError()
}

/** A `tierSortOrder` as the access rule's catalog: only numeric ranks count (own keys only). */
function catalogOf(order: TierSortOrder | undefined): AccessCatalog | null {
  return order ? { tiers: Object.entries(order).filter(([, n]) => typeof n === 'number').map(([slug, sortOrder]) => ({ slug, sortOrder })) } : null
}

/** The access rule (`decideAccess`) for a license answer the middleware already holds. */
function decide(license: CheckLicenseResponse, options: Pick<RequireLicenseOptions, 'minTier' | 'tierSortOrder' | 'feature'>): AccessDecision {
  // Without a sort order there is no catalog to wait for: only the exact tier passes (fails closed).
  // A route checks that the feature is included (`amount: 0`); quotas are `checkUsageLimit`'s.
  return decideAccess(license, catalogOf(options.tierSortOrder), { feature: options.feature, minTier: options.minTier, amount: 0 })
}

/**
 * Throws unless the license's tier is `minTier` or, with a `tierSortOrder` that ranks both tiers,
 * ranks at least as high. Without a sort order only the exact slug passes (fails closed).
 * @throws InsufficientTierError (403)
 * @example enforceMinTier(license, 'lumen-hr', 'pro', { starter: 1, pro: 2, enterprise: 3 })
 */
export function enforceMinTier(
  license: Pick<CheckLicenseResponse, 'tier'>,
  productSlug: string,
  minTier: string,
  tierSortOrder?: TierSortOrder,
): void {
  const d = decide({ valid: true, tier: license.tier ?? null, features: null, limits: null, unitCount: null }, { minTier, tierSortOrder })
  if (d.status !== 'allowed') throw new InsufficientTierError(productSlug, minTier, license.tier ?? null)
}

/**
 * Throws when `currentUsage` is above the license's limit for `usageType` (equal is allowed).
 * String limits (`"50"`) are numbers; a `null` or missing limit is unlimited.
 * @throws UsageLimitExceededError (403)
 * @example checkUsageLimit(license, 'api_calls', countThisMinute)
 */
export function checkUsageLimit(
  license: Pick<CheckLicenseResponse, 'limits'>,
  usageType: string,
  currentUsage: number,
): { limit: number | null, remaining: number | null } {
  const limits = license.limits
  const limit = limits && Object.hasOwn(limits, usageType) ? parseLimit(limits[usageType]) : null
  if (limit === null) return { limit: null, remaining: null }
  if (!(currentUsage <= limit)) throw new UsageLimitExceededError(usageType, currentUsage, limit)
  return { limit, remaining: limit - currentUsage }
}

/**
 * The gate's verdict on one license answer: valid, then `minTier`, then `feature`.
 * @throws NoActiveLicenseError | InsufficientTierError | FeatureNotEnabledError
 */
export function assertLicense(
  license: CheckLicenseResponse,
  productSlug: string,
  options: Pick<RequireLicenseOptions, 'minTier' | 'tierSortOrder' | 'feature'> = {},
): void {
  const d = decide(license, options)
  if (d.reason === 'no_license' || d.reason === 'expired') throw new NoActiveLicenseError(productSlug)
  if (d.reason === 'tier_too_low') throw new InsufficientTierError(productSlug, options.minTier ?? '', license.tier ?? null)
  if (d.reason === 'not_in_tier') throw new FeatureNotEnabledError(productSlug, options.feature ?? '')
  if (d.status !== 'allowed') throw new NoActiveLicenseError(productSlug) // never reached with a license in hand: fail closed
}

/**
 * `true` when Lumen rejected the organization id itself (404 unknown org, 400/422 malformed). The id
 * comes from the caller's request, so this is "no license" (403), not a server error: a client
 * sending garbage ids must not be able to produce 500s.
 */
export function isUnknownOrganization(error: unknown): boolean {
  if (!error || typeof error !== 'object' || isLicenseMiddlewareError(error)) return false
  const { status, statusCode } = error as { status?: unknown, statusCode?: unknown }
  const code = typeof status === 'number' ? status : statusCode
  return code === 404 || code === 400 || code === 422
}

/**
 * `true` when a failed license check says nothing about the license: Lumen unreachable, timing out,
 * rate limiting (408/429), answering 5xx or answering something that is not a license (a proxy's HTML
 * page). Such a failure may be served stale or as 503, never 403. The client's brand-based rule
 * (`src/client/guards.ts`); the middleware's own verdicts are never outages.
 * Other client errors are not outages: a 401 for a wrong service key is a configuration bug, and a
 * 400/404 about the org id is "no license" (`isUnknownOrganization`).
 */
export function isLicenseServiceOutage(error: unknown): boolean {
  return !isLicenseMiddlewareError(error) && isOutage(error)
}
