/** Pure tier rules over a product's tier list (`GET /products/:slug`). */
import { isFeatureOn, parseLimit } from '../client/entitlements.js'
import type { Product } from '../contract/types.js'

/**
 * Does `current` reach `min`? By `sortOrder` when the product's tiers are known, else by equality.
 * Unknown tiers fail closed.
 */
export function meetsTier(product: Product | null | undefined, current: string | null | undefined, min: string): boolean {
  const rank = (slug: string) => product?.tiers.find((t) => t.slug === slug)?.sortOrder
  const have = rank(current ?? '')
  const need = rank(min)
  return have === undefined || need === undefined ? !!current && current === min : have >= need
}

/** The lowest tier whose features (or metered limits) include `feature`, or `null`. */
export function requiredTierFor(product: Product | null | undefined, feature: string): string | null {
  const tiers = [...(product?.tiers ?? [])].sort((a, b) => a.sortOrder - b.sortOrder)
  const found = tiers.find((t) => isFeatureOn(t.features[feature]) || (Object.hasOwn(t.limits, feature) && parseLimit(t.limits[feature]) !== 0))
  return found?.slug ?? null
}
