/**
 * The demo product catalog: Lumen HR (Starter / Pro / Enterprise) and Lumen CRM. The emulator seeds
 * it and `./testing`'s fixtures build on it, so stories, component tests and the emulator can never
 * disagree about tiers, features or limits. Functions, not shared objects: every caller gets a copy
 * it may change.
 */
import type { Product, Tier } from './types.js'

const eur = (amount: number) => ({ amount, currency: 'EUR', interval: 'month' as const })

/** Lumen HR's tiers, cheapest first (prices in cents). */
export function demoHrTiers(): Tier[] {
  return [
    {
      slug: 'starter', name: 'Starter', sortOrder: 1, price: eur(900),
      features: { employee_export: true, advanced_reports: false, sso: false, report_history_days: 30, support: 'email' },
      limits: { seats: 10, api_calls: 1000 },
    },
    {
      slug: 'pro', name: 'Pro', sortOrder: 2, price: eur(2900),
      features: { employee_export: true, advanced_reports: true, sso: false, report_history_days: 365, support: 'priority' },
      limits: { seats: 50, api_calls: 10000 },
    },
    {
      slug: 'enterprise', name: 'Enterprise', sortOrder: 3, price: eur(9900),
      features: { employee_export: true, advanced_reports: true, sso: true, report_history_days: 3650, support: 'dedicated' },
      limits: { api_calls: '100000' },
    },
  ]
}

/** Every demo product: `lumen-hr` and `lumen-crm`. */
export function demoProducts(): Product[] {
  return [
    { slug: 'lumen-hr', name: 'Lumen HR', tiers: demoHrTiers() },
    {
      slug: 'lumen-crm',
      name: 'Lumen CRM',
      tiers: [
        { slug: 'basic', name: 'Basic', sortOrder: 1, price: eur(1500), features: { pipelines: true, forecasting: false }, limits: { seats: 5, contacts: 5000 } },
        { slug: 'business', name: 'Business', sortOrder: 2, price: eur(4500), features: { pipelines: true, forecasting: true }, limits: { seats: 25, contacts: 100000 } },
      ],
    },
  ]
}
