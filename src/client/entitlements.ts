/**
 * Pure entitlement rules of API.md, shared by the Vue layer (useFeature, gates) and the middleware.
 * No I/O, no framework: everything here fails closed.
 */
import type { CheckLicenseResponse, EntitlementResponse, FeatureValue } from '../contract/types.js'

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
 * Decide access to `feature` from a license answer. A key found in `limits` is a metered feature:
 * it is enabled when the license is valid, and `amount` (default 1) must fit the remaining quota.
 */
export function featureAccess(
  license: CheckLicenseResponse | EntitlementResponse | null | undefined,
  feature: string,
  amount = 1,
): FeatureAccess {
  const denied = (reason: FeatureReason, extra: Partial<FeatureAccess> = {}): FeatureAccess => ({
    status: 'denied', reason, isEnabled: false, canUse: false, value: null, limit: null, usage: null, remaining: null, ...extra,
  })
  if (!license) return denied('unknown')
  if (!license.valid) return denied('no_license')

  const value = license.features?.[feature] ?? null
  const hasLimit = !!license.limits && Object.prototype.hasOwnProperty.call(license.limits, feature)
  const limit = hasLimit ? parseLimit(license.limits?.[feature]) : null
  const usageMap = 'usage' in license ? license.usage : undefined
  const usage = usageMap && typeof usageMap[feature] === 'number' ? usageMap[feature] : hasLimit ? 0 : null
  const enabled = isFeatureOn(value) || (hasLimit && value === null)
  if (!enabled) return denied('not_in_tier', { value })

  const remaining = limit === null ? null : Math.max(0, limit - (usage ?? 0))
  const canUse = remaining === null || remaining >= amount
  return {
    status: canUse ? 'allowed' : 'denied',
    reason: canUse ? 'ok' : 'limit_reached',
    isEnabled: true,
    canUse,
    value,
    limit,
    usage,
    remaining,
  }
}
