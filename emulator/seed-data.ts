/**
 * The demo data every demo, story and test relies on. Names and IDs are stable: import `SEED`
 * instead of repeating literals.
 */
import { demoProducts } from '../src/contract/demo.js'
import type { Product } from '../src/contract/types.js'

export const SEED_PASSWORD = 'lumen-demo-pass'
export const SERVICE_KEY = 'lumen_sk_emulator_local'
/** The open invitation to Acme Corp (for carol@lumen.test). Single use: `reset` brings it back. */
export const INVITATION_TOKEN = 'lumen-invite-acme-carol'

export const SEED = {
  password: SEED_PASSWORD,
  serviceKey: SERVICE_KEY,
  users: {
    demo: { id: 'usr_demo', email: 'demo@lumen.test', firstName: 'Dana', lastName: 'Demo' },
    bob: { id: 'usr_bob', email: 'bob@lumen.test', firstName: 'Bob', lastName: 'Builder' },
    ada: { id: 'usr_ada', email: 'ada@lumen.test', firstName: 'Ada', lastName: 'Admin' },
    gus: { id: 'usr_gus', email: 'gus@lumen.test', firstName: 'Gus', lastName: 'Globex' },
  },
  orgs: {
    acme: { id: 'org_acme', name: 'Acme Corp', slug: 'acme' },
    globex: { id: 'org_globex', name: 'Globex', slug: 'globex' },
  },
  /** `[userKey, orgKey, role]` */
  memberships: [
    ['demo', 'acme', 'owner'],
    ['ada', 'acme', 'admin'],
    ['bob', 'acme', 'member'],
    ['gus', 'globex', 'owner'],
    ['demo', 'globex', 'member'],
  ] as const,
  licenses: {
    acmeHr: { id: 'lic_acme_hr', orgId: 'org_acme', productSlug: 'lumen-hr', tier: 'pro', status: 'active', unitCount: 25, usage: { seats: 12, api_calls: 930 } },
    globexHr: { id: 'lic_globex_hr', orgId: 'org_globex', productSlug: 'lumen-hr', tier: 'starter', status: 'trial', unitCount: 5, trialDays: 5, usage: { seats: 3, api_calls: 120 } },
  },
  invitation: {
    id: 'inv_acme_carol',
    orgId: 'org_acme',
    email: 'carol@lumen.test',
    role: 'member',
    token: INVITATION_TOKEN,
    invitedBy: 'usr_demo',
  },
  assets: {
    acmeLogo: { id: 'ast_acme_logo', orgId: 'org_acme' },
  },
} as const

export type SeedUserKey = keyof typeof SEED.users

// The demo catalog lives in the contract, below both the emulator and `./testing`'s fixtures.
export const PRODUCTS: Product[] = demoProducts()

/** A 1×1 PNG, Acme's logo (a public org asset). */
export const ACME_LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
