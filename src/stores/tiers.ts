/** Pure tier rules over a product's tier list (`GET /products/:slug`). */
import { isFeatureOn, parseLimit } from '../client/entitlements.js'
import type { Product, Tier } from '../contract/types.js'

const sorted = (product: Product): Tier[] => [...product.tiers].sort((a, b) => a.sortOrder - b.sortOrder)

/**
 * Does `current` reach `min`? By `sortOrder` when the product's tiers are known, else by equality.
 * Unknown tiers fail closed.
 */
export function meetsTier(product: Product | null | undefined, current: string | null | undefined, min: string): boolean {
  if (!current) return false
  if (!product) return current === min
  const rank = (slug: string) => product.tiers.find((t) => t.slug === slug)?.sortOrder
  const have = rank(current)
  const need = rank(min)
  if (have === undefined || need === undefined) return current === min
  return have >= need
}

/** The lowest tier whose features (or metered limits) include `feature`, or `null`. */
export function requiredTierFor(product: Product | null | undefined, feature: string): string | null {
  if (!product) return null
  for (const tier of sorted(product)) {
    if (isFeatureOn(tier.features[feature])) return tier.slug
    if (Object.prototype.hasOwnProperty.call(tier.limits, feature) && parseLimit(tier.limits[feature]) !== 0) return tier.slug
  }
  return null
}
