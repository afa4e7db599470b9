/**
 * Entitlement helpers kept for their public names: the rule itself is `decideAccess` in
 * `./access.ts`, shared by the Vue layer (useFeature, gates, guard) and the middleware.
 */
import type { CheckLicenseResponse, EntitlementResponse, FeatureValue } from '../contract/types.js'
import { decideAccess } from './access.js'

export { isFeatureOn, parseLimit } from './access.js'

export type FeatureReason = 'ok' | 'no_license' | 'not_in_tier' | 'limit_reached' | 'unknown'

export interface FeatureAccess {
  /** `allowed` only when the license is valid, the feature is on and `amount` fits the limit. */
  status: 'allowed' | 'denied'
  reason: FeatureReason
  isEnabled: boolean
  /** `amount` more units fit under the limit (always true when unlimited). */
  canUse: boolean
  value: FeatureValue | null
  limit: number | null
  usage: number | null
  remaining: number | null
}

/**
 * Decide access to `feature` from a license answer (`decideAccess` without tier or catalog). A key
 * found in `limits` is a metered feature: enabled when the license is valid, and `amount`
 * (default 1) must fit the remaining quota. No answer at all is `denied` with reason `unknown`.
 */
export function featureAccess(
  license: CheckLicenseResponse | EntitlementResponse | null | undefined,
  feature: string,
  amount = 1,
): FeatureAccess {
  const d = decideAccess(license ?? { valid: false } as CheckLicenseResponse, null, { feature, amount })
  const reason: FeatureReason = !license ? 'unknown' : d.reason === 'expired' ? 'no_license' : (d.reason as FeatureReason)
  const { isEnabled, canUse, value, limit, usage, remaining } = d
  return { status: d.status === 'allowed' ? 'allowed' : 'denied', reason, isEnabled, canUse, value, limit, usage, remaining }
}
