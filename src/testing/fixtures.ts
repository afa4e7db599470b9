/**
 * Fixture builders for component tests and stories: deterministic, valid wire objects that match
 * the emulator's demo data (Dana Demo, Acme Corp, Lumen HR Pro). The Lumen HR catalog is the demo
 * catalog of `src/contract/demo.ts`, which the emulator seeds too. Pass overrides for anything else.
 */
import type {
  EntitlementResponse,
  FeatureValue,
  LicenseSummary,
  MeResponse,
  OrganizationSummary,
  Product,
  Session,
  User,
} from '../contract/types.js'
import { demoHrTiers as tiers } from '../contract/demo.js'

const CREATED = '2026-01-01T00:00:00.000Z'

/** Lumen HR with Starter / Pro / Enterprise tiers. */
function product(overrides: Partial<Product> = {}): Product {
  return { slug: 'lumen-hr', name: 'Lumen HR', tiers: tiers(), ...overrides }
}

function user(overrides: Partial<User> = {}): User {
  return { id: 'usr_demo', email: 'demo@lumen.test', firstName: 'Dana', lastName: 'Demo', photoUrl: null, createdAt: CREATED, ...overrides }
}

function organization(overrides: Partial<OrganizationSummary> = {}): OrganizationSummary {
  return { id: 'org_acme', name: 'Acme Corp', slug: 'acme', role: 'owner', logoUrl: null, ...overrides }
}

function license(overrides: Partial<LicenseSummary> = {}): LicenseSummary {
  return { organizationId: 'org_acme', productSlug: 'lumen-hr', status: 'active', tier: 'pro', unitCount: 25, trialEndsAt: null, ...overrides }
}

export interface EntitlementFixtureInput {
  /** `null` for no license (`valid: false`). @default 'pro' */
  tier?: string | null
  /** @default the fixture product's features for `tier` */
  features?: Record<string, FeatureValue>
  /** @default the fixture product's limits for `tier` */
  limits?: Record<string, number | string>
  /** @default { seats: 12, api_calls: 930 } */
  usage?: Record<string, number>
  /** `expired`: an invalid answer whose license `/auth/me` lists as expired (`useLicense().isExpired`, the banner's "expired"). */
  status?: 'active' | 'trial' | 'expired'
  remainingDays?: number
  productSlug?: string
  organizationId?: string
  unitCount?: number | null
  upgradeUrl?: string | null
  valid?: boolean
}

/** A license answer (`GET /licenses/:product`); `tier: null` gives the `valid: false` shape. */
function entitlement(input: EntitlementFixtureInput = {}): EntitlementResponse {
  const tier = input.tier === undefined ? 'pro' : input.tier
  const valid = input.valid ?? tier !== null
  const base = {
    productSlug: input.productSlug ?? 'lumen-hr',
    organizationId: input.organizationId ?? 'org_acme',
    usage: input.usage ?? { seats: 12, api_calls: 930 },
    upgradeUrl: input.upgradeUrl === undefined ? 'https://account.lumen.example/billing/upgrade' : input.upgradeUrl,
  }
  const none = { ...base, valid: false as const, tier: null, features: null, limits: null, unitCount: null }
  // The seed marks an expired license on the invalid answer; the handlers list it in `/auth/me`.
  if (input.status === 'expired') return { ...none, status: 'expired' } as unknown as EntitlementResponse
  if (!valid || tier === null) return none
  const known = tiers().find((t) => t.slug === tier)
  const status = input.status ?? 'active'
  return {
    ...base,
    valid: true,
    status,
    tier,
    features: input.features ?? { ...(known?.features ?? {}) },
    limits: input.limits ?? { ...(known?.limits ?? {}) },
    unitCount: input.unitCount === undefined ? 25 : input.unitCount,
    ...(status === 'trial' || input.remainingDays !== undefined ? { remainingDays: input.remainingDays ?? 14 } : {}),
  }
}

/** `GET /auth/me`: Dana, a member of Acme Corp (active) with a Lumen HR Pro license. */
function me(overrides: Partial<MeResponse> = {}): MeResponse {
  return { user: user(), organizations: [organization()], licenses: [license()], activeOrganizationId: 'org_acme', ...overrides }
}

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 'ses_current', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', ipAddress: '203.0.113.7',
    createdAt: CREATED, lastActiveAt: CREATED, current: true, ...overrides,
  }
}

/** Fixture builders shared by unit tests and stories. Each call returns a fresh object. */
export const fixtures = { user, organization, license, entitlement, me, session, product }
