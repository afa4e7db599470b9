/**
 * @internal What the licensing components (upgrade card, pricing table, license banner) say about a
 * plan: prices through `Intl`, feature and limit lines, tier names, safe upgrade links. Pure.
 */
import type { BillingInterval, Tier, TierPrice } from '../contract/types.js'
import { parseLimit } from '../composables/useLicense.js'
import type { LumenUi } from './lumenUi.js'
import type { planTexts } from './messages.js'

type PlanUi = LumenUi<keyof typeof planTexts>

/** Labels of feature and limit keys, e.g. `{ advanced_reports: 'Advanced reports' }`. */
export type LumenPlanLabels = Record<string, string>

/**
 * Only web links: the URL comes from the API, and `javascript:` must never become a link. Absolute
 * `http(s):` URLs and same-site paths (`/billing`, not `//host` or `/\host`, which browsers read as another host).
 * @example safeHref('/billing/upgrade') // '/billing/upgrade'
 */
export function safeHref(url: string | null | undefined): string | null {
  return url && /^(https?:\/\/|\/(?![/\\]))/i.test(url) ? url : null
}

/** `advanced_reports` → `Advanced reports`: the key in words when the app gives no label. */
export const humanize = (key: string) => {
  // Initialisms stay capitals: `sso` → "SSO", `api_calls` → "API calls".
  const words = key.replace(/[_-]+/g, ' ').trim().replace(/\b(?:api|sso|saml|scim|mfa|2fa|sla|ip|url|csv|pdf|ai)\b/gi, (w) => w.toUpperCase())
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Every price a tier is sold at: `prices` wins over `price`. */
const pricesOf = (tier: Tier): TierPrice[] => (tier.prices?.length ? tier.prices : tier.price ? [tier.price] : [])

/** The price in the tier's `interval`, or the first of another. */
export function priceOf(tier: Tier, interval?: BillingInterval): TierPrice | null {
  const all = pricesOf(tier)
  return (interval && all.find((p) => p.interval === interval)) || all[0] || null
}

/**
 * The tiers of the billing period `interval`: those sold in it, free or unpriced ones, and `keep`
 * (the current tier). A catalog with one `price` per tier (the wire's shape) has a tier per period.
 */
export function tiersIn(tiers: Tier[], interval: BillingInterval, keep: string | null): Tier[] {
  return tiers.filter((t) => {
    const prices = pricesOf(t)
    return t.slug === keep || prices.every((p) => p.amount === 0) || prices.some((p) => p.interval === interval)
  })
}

/** The intervals any tier of the catalog is sold at. */
export function intervalsOf(tiers: Tier[]): BillingInterval[] {
  const found = new Set(tiers.flatMap((t) => pricesOf(t).map((p) => p.interval)))
  return (['month', 'year'] as const).filter((i) => found.has(i))
}

// One formatter per locale and currency: a table of 1000 locked rows formats 1000 prices.
const formats = new Map<string, Intl.NumberFormat>()
const currencyFormat = (locale: string, currency: string): Intl.NumberFormat => {
  const key = `${locale}|${currency}`
  let format = formats.get(key)
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })))
  return format
}

/** "€29.00 per month" in the UI locale; amounts are minor units (cents), as the wire says. */
export function priceText(ui: Pick<PlanUi, 't' | 'locale'>, price: TierPrice | null): string {
  if (!price) return ui.t('priceCustom')
  if (price.amount === 0) return ui.t('priceFree')
  let money: string
  try {
    const format = currencyFormat(ui.locale.value, price.currency)
    // Minor units per currency: 2 for EUR, 0 for JPY.
    money = format.format(price.amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2))
  } catch {
    money = `${(price.amount / 100).toFixed(2)} ${price.currency}` // an unknown currency code from the API
  }
  return ui.t(price.interval === 'year' ? 'priceYear' : 'priceMonth', { price: money })
}

/** The label of a feature or limit key: the app's, the built-in "Seats", else the key in words. */
export const labelOf = (ui: Pick<PlanUi, 't'>, key: string, labels?: LumenPlanLabels) =>
  labels?.[key] ?? (key === 'seats' ? ui.t('planSeats') : humanize(key))

/** One line per included feature and per limit: "Advanced reports", "Seats: 50", "Support: Priority". */
export function planLines(ui: Pick<PlanUi, 't'>, tier: Tier, labels?: LumenPlanLabels): string[] {
  const lines: string[] = []
  for (const [key, value] of Object.entries(tier.features)) {
    if (value === true) lines.push(labelOf(ui, key, labels))
    else if ((typeof value === 'number' && value !== 0) || (typeof value === 'string' && value)) {
      lines.push(ui.t('planLimit', { name: labelOf(ui, key, labels), value: typeof value === 'string' ? humanize(value) : value }))
    }
  }
  for (const [key, value] of Object.entries(tier.limits)) {
    const n = parseLimit(value)
    lines.push(n === null ? ui.t('planUnlimited', { name: labelOf(ui, key, labels) }) : ui.t('planLimit', { name: labelOf(ui, key, labels), value: n }))
  }
  return lines
}

/** A tier's display name: the catalog's, else the slug capitalized. */
export const tierName = (tier: Tier | null, slug: string | null) => tier?.name ?? (slug ? slug.charAt(0).toUpperCase() + slug.slice(1) : '')
