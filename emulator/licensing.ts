/** Licenses computed from an org's license row and the product's tiers, with the null rules of `docs/api.md`. */
import type { CheckLicenseResponse, EntitlementResponse, Product, Tier } from '../src/contract/types.js'
import { all, one, run, type Db } from './db.js'
import { effectiveStatus, type LicenseRow } from './model.js'

const DAY = 86_400_000

/** A limit as a number, `null` when unlimited (`null`, missing, `'unlimited'`): `docs/api.md`'s rule. */
function parseLimit(limit: number | string | null | undefined): number | null {
  if (limit === null || limit === undefined) return null
  if (typeof limit === 'number') return Number.isNaN(limit) ? 0 : limit
  const text = limit.trim()
  if (text === '' || text.toLowerCase() === 'unlimited') return null
  const n = Number(text)
  return Number.isFinite(n) ? n : n === Infinity ? null : 0
}

interface TierRow {
  product_slug: string
  slug: string
  name: string
  sort_order: number
  price_amount: number | null
  price_currency: string | null
  price_interval: 'month' | 'year' | null
  features: string
  limits: string
}

function toTier(row: TierRow): Tier {
  return {
    slug: row.slug,
    name: row.name,
    sortOrder: row.sort_order,
    price: row.price_amount === null
      ? null
      : { amount: row.price_amount, currency: row.price_currency ?? 'EUR', interval: row.price_interval ?? 'month' },
    features: JSON.parse(row.features) as Tier['features'],
    limits: JSON.parse(row.limits) as Tier['limits'],
  }
}

export function getProduct(db: Db, slug: string): Product | undefined {
  const p = one<{ slug: string; name: string }>(db, 'SELECT slug, name FROM products WHERE slug = ?', slug)
  if (!p) return undefined
  const tiers = all<TierRow>(db, 'SELECT * FROM tiers WHERE product_slug = ? ORDER BY sort_order', slug).map(toTier)
  return { slug: p.slug, name: p.name, tiers }
}

export const getLicense = (db: Db, orgId: string, productSlug: string) =>
  one<LicenseRow>(db, 'SELECT * FROM licenses WHERE org_id = ? AND product_slug = ?', orgId, productSlug)

export function usageOf(db: Db, orgId: string, productSlug: string): Record<string, number> {
  const rows = all<{ metric: string; value: number }>(db,
    'SELECT metric, value FROM usage WHERE org_id = ? AND product_slug = ? ORDER BY metric', orgId, productSlug)
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]))
}

const INVALID: CheckLicenseResponse = { valid: false, tier: null, features: null, limits: null, unitCount: null }

/** The seed's CheckLicenseResponse: `null` (not absent) fields when invalid; `remainingDays` on trials. */
export function checkLicense(db: Db, orgId: string, product: Product, now: number): CheckLicenseResponse {
  const lic = getLicense(db, orgId, product.slug)
  if (!lic) return { ...INVALID }
  const status = effectiveStatus(lic, now)
  const tier = product.tiers.find((t) => t.slug === lic.tier_slug)
  if ((status !== 'active' && status !== 'trial') || !tier) return { ...INVALID }
  // Bought seats replace the tier's seat cap.
  const limits = { ...tier.limits, ...(lic.unit_count !== null && 'seats' in tier.limits ? { seats: lic.unit_count } : {}) }
  const out: CheckLicenseResponse = {
    valid: true,
    status,
    tier: tier.slug,
    features: { ...tier.features },
    limits,
    unitCount: lic.unit_count,
  }
  if (status === 'trial' && lic.trial_ends_at) {
    out.remainingDays = Math.max(0, Math.ceil((Date.parse(lic.trial_ends_at) - now) / DAY))
  }
  return out
}

export function upgradeUrl(appUrl: string, product: Product, orgId: string, check: CheckLicenseResponse): string | null {
  const top = product.tiers.at(-1)
  if (check.valid && check.status === 'active' && top && check.tier === top.slug) return null
  return `${appUrl}/billing/upgrade?product=${encodeURIComponent(product.slug)}&organizationId=${encodeURIComponent(orgId)}`
}

export function entitlement(db: Db, orgId: string, product: Product, now: number, appUrl: string): EntitlementResponse {
  const check = checkLicense(db, orgId, product, now)
  return {
    ...check,
    productSlug: product.slug,
    organizationId: orgId,
    usage: usageOf(db, orgId, product.slug),
    upgradeUrl: upgradeUrl(appUrl, product, orgId, check),
  }
}

/**
 * `POST /service/usage`: the reported count is the `seats` usage. Only increases (or the same value)
 * are accepted; a decrease changes nothing and answers `accepted: false, warning: limit_exceeded`
 * (the seed's wording). An accepted count above the seat limit carries the warning too.
 */
export function reportUsage(db: Db, orgId: string, product: Product, unitCount: number, now: number): { accepted: boolean; warning?: 'limit_exceeded' } {
  const current = usageOf(db, orgId, product.slug).seats ?? 0
  if (unitCount < current) return { accepted: false, warning: 'limit_exceeded' }
  run(db, `INSERT INTO usage (org_id, product_slug, metric, value, updated_at) VALUES (?, ?, 'seats', ?, ?)
           ON CONFLICT (org_id, product_slug, metric) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    orgId, product.slug, unitCount, new Date(now).toISOString())
  const check = checkLicense(db, orgId, product, now)
  const limit = parseLimit(check.limits?.seats)
  return limit !== null && unitCount > limit ? { accepted: true, warning: 'limit_exceeded' } : { accepted: true }
}
