/**
 * The in-memory Lumen behind `lumenHandlers`: accounts, organizations, licenses, products, sessions
 * and tokens, seeded from fixtures and changed by the requests the handlers answer. Tests and stories
 * may change it between steps (a new license, a revoked session) like an admin would on the server.
 */
import type { EntitlementResponse, OrganizationRole, OrganizationSummary, Product, Session, User } from '../contract/types.js'
import { fixtures as defaultFixtures } from './fixtures.js'

/** A product's answer: a license, or a state to hold the gate in (`'loading'` never answers, `'error'` is a 503). */
export type TestingEntitlement = EntitlementResponse | 'loading' | 'error'

/** The password of every seeded account unless the seed says otherwise. */
export const DEMO_PASSWORD = 'lumen-demo-pass'

/** One account: the user, their password and their organizations (with their role in each). */
export interface LumenTestAccount {
  user: User
  password: string
  orgs: OrganizationSummary[]
}

/** One server-side session (a signed-in device). */
export interface LumenTestSession extends Omit<Session, 'current'> {
  email: string
  activeOrg: string | null
  refreshToken: string
  /** `false`: left out of `GET /auth/sessions` (a test that wants an empty list). @default true */
  listed?: boolean
  /** Refresh tokens this session rotated away from: one coming back means theft, and ends the session. */
  previousRefreshTokens?: string[]
  revoked: boolean
}

/** One request the handlers saw; `name` is the client method it belongs to (e.g. `'licenses.get'`). */
export interface LumenCall {
  method: string
  /** Path below `/api/v1`, e.g. `/licenses/lumen-hr`. */
  path: string
  name: string | null
  /** The `x-organization-id` header. */
  org: string | null
  /** The bearer token, if any. */
  auth: string | null
}

/** Data to seed the in-memory Lumen with (everything optional: the demo data fills the rest). */
export interface LumenSeed {
  /** @default Dana Demo (owner of Acme Corp, member of Globex), Nora (owner of Initech, no license) */
  accounts?: Array<Omit<LumenTestAccount, 'password'> & { password?: string }>
  /** `licenses[organizationId][productSlug]`. @default Acme: Lumen HR Pro; Globex: Starter trial, 5 days left */
  licenses?: Record<string, Record<string, TestingEntitlement>>
  /** @default [fixtures.product()] (Lumen HR) */
  products?: Product[]
  /** Invitation tokens `POST /auth/invitations/accept` takes. @default { 'lumen-invite-acme-carol': Acme Corp, carol@lumen.test } */
  invitations?: Record<string, { organizationId: string; email: string; role?: OrganizationRole }>
  /** Password-reset tokens `POST /auth/password-reset/confirm` takes, per email. @default {} */
  resetTokens?: Record<string, string>
}

/** The fixture builders `lumenHandlers` builds the demo data from (pass your own to change it). */
export type LumenFixtures = typeof defaultFixtures

export interface LumenTestState {
  /** Accounts by lower-case email. */
  accounts: Map<string, LumenTestAccount>
  licenses: Record<string, Record<string, TestingEntitlement>>
  products: Product[]
  sessions: Map<string, LumenTestSession>
  invitations: Map<string, { organizationId: string; email: string; role: OrganizationRole; acceptedAt?: string }>
  resetTokens: Map<string, string>
  /** Uploaded pictures by asset id, served by `GET /assets/:id/content`. */
  assets: Map<string, { type: string; bytes: Uint8Array }>
  /** Every request, in order. */
  calls: LumenCall[]
  /** Issue JWT-shaped access tokens expiring after this many ms (`null`: opaque tokens that never expire). */
  accessTtlMs: number | null
  /** The server's clock (epoch ms): tokens are issued (`iat`, `exp`) and expire by it. Skew it against the app's `Date.now()` to test a wrong local clock. @default Date.now */
  now: () => number
  /** Sign `email` in on a new session (another device) and return its tokens. */
  issue(email: string, options?: { organizationId?: string | null; session?: Partial<Session>; listed?: boolean }): { accessToken: string; refreshToken: string; sessionId: string }
  /** The session an access token belongs to (`null` when unknown, revoked or expired). */
  sessionOf(accessToken: string | null): LumenTestSession | null
  /** Mint a new access token for a session. */
  mintAccess(session: LumenTestSession): string
  /** A fresh id with a prefix (`req_1`, `ses_2`, …). */
  nextId(prefix: string): string
}

const DAY = 86_400_000

/** The demo data: the emulator's Dana, Acme Corp (Pro) and Globex (Starter trial), plus an org without a license. */
export function demoSeed(f: LumenFixtures = defaultFixtures): Required<LumenSeed> {
  const acme = f.organization()
  const globex = f.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' })
  const initech = f.organization({ id: 'org_initech', name: 'Initech', slug: 'initech', role: 'owner' })
  return {
    accounts: [
      { user: f.user(), orgs: [acme, globex] },
      { user: f.user({ id: 'usr_nora', email: 'nora@lumen.test', firstName: 'Nora', lastName: 'Nolicense' }), orgs: [initech] },
    ],
    licenses: {
      [acme.id]: { 'lumen-hr': f.entitlement({ organizationId: acme.id }) },
      [globex.id]: {
        'lumen-hr': f.entitlement({ tier: 'starter', status: 'trial', remainingDays: 5, unitCount: 5, usage: { seats: 3, api_calls: 120 }, organizationId: globex.id }),
      },
    },
    products: [f.product()],
    invitations: { 'lumen-invite-acme-carol': { organizationId: acme.id, email: 'carol@lumen.test', role: 'member' } },
    resetTokens: {},
  }
}

const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** @internal A new in-memory Lumen from `seed` (missing parts from the demo data). */
export function createTestState(seed: LumenSeed = {}, f: LumenFixtures = defaultFixtures): LumenTestState {
  const demo = demoSeed(f)
  let seq = 0
  const access = new Map<string, { sessionId: string; exp: number | null }>()
  const nextId = (prefix: string) => `${prefix}_${++seq}`
  const state: LumenTestState = {
    accounts: new Map((seed.accounts ?? demo.accounts).map((a) => [a.user.email.toLowerCase(), { password: DEMO_PASSWORD, ...a }])),
    licenses: { ...(seed.licenses ?? demo.licenses) },
    products: [...(seed.products ?? demo.products)],
    sessions: new Map(),
    invitations: new Map(Object.entries(seed.invitations ?? demo.invitations).map(([t, i]) => [t, { role: 'member', ...i }])),
    resetTokens: new Map(Object.entries(seed.resetTokens ?? demo.resetTokens)),
    assets: new Map(),
    calls: [],
    accessTtlMs: null,
    now: () => Date.now(),
    nextId,
    mintAccess(session) {
      const n = ++seq
      const iat = state.now()
      const exp = state.accessTtlMs === null ? null : iat + state.accessTtlMs
      // JWT-shaped when it expires, so the client can schedule its refresh from `exp - iat`.
      const token = exp === null ? `lumen_at_${n}` : `eyJhbGciOiJub25lIn0.${b64url(JSON.stringify({ sub: session.id, iat: iat / 1000, exp: exp / 1000 }))}.at_${n}`
      access.set(token, { sessionId: session.id, exp })
      return token
    },
    sessionOf(token) {
      const found = token ? access.get(token) : undefined
      const session = found && state.sessions.get(found.sessionId)
      if (!found || !session || session.revoked || (found.exp !== null && found.exp <= state.now())) return null
      return session
    },
    issue(email, options = {}) {
      const account = state.accounts.get(email.toLowerCase())
      if (!account) throw new Error(`[lumen-account] testing: no account ${email}`)
      const now = new Date().toISOString()
      const base = f.session({ createdAt: now, lastActiveAt: now })
      const { current: _current, ...display } = { ...base, ...options.session }
      const session: LumenTestSession = {
        ...display,
        id: options.session?.id ?? nextId('ses'),
        email: account.user.email.toLowerCase(),
        activeOrg: options.organizationId === undefined ? (account.orgs[0]?.id ?? null) : options.organizationId,
        refreshToken: nextId('lumen_rt'),
        revoked: false,
        listed: options.listed ?? true,
      }
      state.sessions.set(session.id, session)
      return { accessToken: state.mintAccess(session), refreshToken: session.refreshToken, sessionId: session.id }
    },
  }
  return state
}

/** @internal The remaining trial days of an entitlement, counted from `trialEndsAt` when it has none. */
export const trialEnd = (remainingDays: number | undefined): string | null =>
  remainingDays === undefined ? null : new Date(Date.now() + remainingDays * DAY).toISOString()

/** The people a story or test can be (the demo data): who is signed in, in which organization. */
export type LumenPersona = 'owner-pro' | 'member-trial' | 'no-license' | 'signed-out'

/** Each persona: a label for a toolbar, the account (`null`: signed out) and its active organization. */
export const lumenPersonas: Record<LumenPersona, { label: string; email: string | null; organizationId: string | null }> = {
  'owner-pro': { label: 'Owner of a Pro organization', email: 'demo@lumen.test', organizationId: 'org_acme' },
  'member-trial': { label: 'Member on a trial', email: 'demo@lumen.test', organizationId: 'org_globex' },
  'no-license': { label: 'User with no license', email: 'nora@lumen.test', organizationId: 'org_initech' },
  'signed-out': { label: 'Signed out', email: null, organizationId: null },
}
