/**
 * A team's own seed (`npx lumen-emulator --seed file.json`, `startEmulator({ seedData })`): users,
 * organizations with their members, and licenses, written after the demo data (or instead of it
 * with `"demo": false`; the demo product catalog is always there). Checked whole before anything
 * is written: a mistake names its place (`organizations[1].members[0].email: …`).
 */
import type { LicenseStatus, OrganizationRole, Product } from '../src/contract/types.js'
import { one, run, type Db } from './db.js'
import { hashPassword, sha256 } from './security.js'
import { SEED_PASSWORD } from './seed-data.js'

export interface EmulatorSeed {
  /** Seed the demo users, organizations, licenses and invitation as well. @default true */
  demo?: boolean
  users?: {
    email: string
    /** @default 'lumen-demo-pass' */
    password?: string
    firstName?: string
    lastName?: string
    /** @default `usr_` + a hash of the e-mail (stable across runs) */
    id?: string
  }[]
  organizations?: {
    name: string
    /** @default from the name (`Example Ltd` → `example-ltd`) */
    slug?: string
    /** @default `org_` + the slug */
    id?: string
    /** By e-mail: a user of this file or a demo user. */
    members?: { email: string; role: OrganizationRole }[]
  }[]
  licenses?: {
    /** Slug or id of an organization of this file or of the demo data. */
    organization: string
    /** A product of the demo catalog (`lumen-hr`). */
    product: string
    tier: string
    /** @default 'active' */
    status?: LicenseStatus
    unitCount?: number | null
    /** A trial ends this many days after seeding. */
    trialDays?: number
    /** Metered usage so far, by limit name (`{ "seats": 3 }`). */
    usage?: Record<string, number>
    /** @default `lic_` + organization slug + product */
    id?: string
  }[]
}

/** A seed that can't be written; the message names the field. */
export class SeedError extends Error {
  override name = 'SeedError'
}

const ROLES: readonly string[] = ['owner', 'admin', 'member'] satisfies OrganizationRole[]
const STATUSES: readonly string[] = ['active', 'trial', 'expired', 'canceled'] satisfies LicenseStatus[]
const CREATED = '2026-01-15T09:00:00.000Z'
const DAY = 86_400_000

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const slugify = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')

function text(where: string, value: unknown, optional = false): string | undefined {
  if (value === undefined && optional) return undefined
  if (typeof value !== 'string' || !value.trim()) throw new SeedError(`${where}: expected a non-empty string`)
  return value.trim()
}

function list(where: string, value: unknown): unknown[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new SeedError(`${where}: expected an array`)
  return value
}

/** Checks a parsed seed file against itself, the demo data it may name and the product catalog. */
export function checkSeed(input: unknown, products: Product[]): EmulatorSeed {
  if (!isObject(input)) throw new SeedError('expected an object with users, organizations, licenses')
  const known = ['demo', 'users', 'organizations', 'licenses']
  for (const key of Object.keys(input)) if (!known.includes(key)) throw new SeedError(`${key}: unknown field (expected ${known.join(', ')})`)
  if (input.demo !== undefined && typeof input.demo !== 'boolean') throw new SeedError('demo: expected true or false')

  const emails = new Set<string>()
  const users = list('users', input.users).map((u, i) => {
    const at = `users[${i}]`
    if (!isObject(u)) throw new SeedError(`${at}: expected an object`)
    const email = text(`${at}.email`, u.email)!.toLowerCase()
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new SeedError(`${at}.email: not an e-mail address: ${email}`)
    if (emails.has(email)) throw new SeedError(`${at}.email: ${email} appears twice`)
    emails.add(email)
    const password = text(`${at}.password`, u.password, true)
    if (password !== undefined && password.length < 8) throw new SeedError(`${at}.password: at least 8 characters`)
    return {
      email,
      password,
      firstName: text(`${at}.firstName`, u.firstName, true),
      lastName: text(`${at}.lastName`, u.lastName, true),
      id: text(`${at}.id`, u.id, true),
    }
  })

  const organizations = list('organizations', input.organizations).map((o, i) => {
    const at = `organizations[${i}]`
    if (!isObject(o)) throw new SeedError(`${at}: expected an object`)
    const name = text(`${at}.name`, o.name)!
    const slug = text(`${at}.slug`, o.slug, true) ?? slugify(name)
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new SeedError(`${at}.slug: lowercase letters, digits and dashes: ${slug}`)
    const members = list(`${at}.members`, o.members).map((m, j) => {
      if (!isObject(m)) throw new SeedError(`${at}.members[${j}]: expected an object`)
      const role = text(`${at}.members[${j}].role`, m.role)!
      if (!ROLES.includes(role)) throw new SeedError(`${at}.members[${j}].role: one of ${ROLES.join(', ')}`)
      return { email: text(`${at}.members[${j}].email`, m.email)!.toLowerCase(), role: role as OrganizationRole }
    })
    return { name, slug, id: text(`${at}.id`, o.id, true), members }
  })

  const licenses = list('licenses', input.licenses).map((l, i) => {
    const at = `licenses[${i}]`
    if (!isObject(l)) throw new SeedError(`${at}: expected an object`)
    const product = products.find((p) => p.slug === l.product)
    if (!product) throw new SeedError(`${at}.product: one of ${products.map((p) => p.slug).join(', ')}`)
    const tier = product.tiers.find((t) => t.slug === l.tier)
    if (!tier) throw new SeedError(`${at}.tier: one of ${product.tiers.map((t) => t.slug).join(', ')} for ${product.slug}`)
    const status = l.status ?? 'active'
    if (typeof status !== 'string' || !STATUSES.includes(status)) throw new SeedError(`${at}.status: one of ${STATUSES.join(', ')}`)
    const count = (field: string, v: unknown) => {
      if (v === undefined || v === null) return v
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new SeedError(`${at}.${field}: expected a whole number ≥ 0`)
      return v
    }
    const usage = l.usage === undefined ? {} : l.usage
    if (!isObject(usage)) throw new SeedError(`${at}.usage: expected an object of numbers`)
    for (const [metric, v] of Object.entries(usage)) count(`usage.${metric}`, v)
    return {
      organization: text(`${at}.organization`, l.organization)!,
      product: product.slug,
      tier: tier.slug,
      status: status as LicenseStatus,
      unitCount: count('unitCount', l.unitCount) as number | null | undefined,
      trialDays: count('trialDays', l.trialDays) as number | undefined,
      usage: usage as Record<string, number>,
      id: text(`${at}.id`, l.id, true),
    }
  })

  return { demo: input.demo as boolean | undefined, users, organizations, licenses }
}

/**
 * Writes a checked seed inside the caller's transaction, after the demo data. Names that match
 * nothing (a member's e-mail, a license's organization) and clashes with the demo data throw.
 */
export function writeSeed(db: Db, data: EmulatorSeed, hashes: Map<string, string>, now: number): void {
  const nowIso = new Date(now).toISOString()
  for (const [i, u] of (data.users ?? []).entries()) {
    if (one(db, 'SELECT 1 FROM users WHERE email = ?', u.email)) throw new SeedError(`users[${i}].email: ${u.email} is a demo user already`)
    const local = u.email.split('@')[0]!
    run(db, 'INSERT INTO users (id, email, password_hash, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      u.id ?? `usr_${sha256(u.email).slice(0, 16)}`, u.email, hashes.get(u.password ?? SEED_PASSWORD)!,
      u.firstName ?? local, u.lastName ?? '', CREATED)
  }
  for (const [i, o] of (data.organizations ?? []).entries()) {
    const id = o.id ?? `org_${o.slug}`
    if (one(db, 'SELECT 1 FROM organizations WHERE id = ? OR slug = ?', id, o.slug)) {
      throw new SeedError(`organizations[${i}]: an organization ${o.slug} (${id}) exists already`)
    }
    run(db, 'INSERT INTO organizations (id, name, slug, created_at) VALUES (?, ?, ?, ?)', id, o.name, o.slug, CREATED)
    for (const [j, m] of (o.members ?? []).entries()) {
      const user = one<{ id: string }>(db, 'SELECT id FROM users WHERE email = ?', m.email)
      if (!user) throw new SeedError(`organizations[${i}].members[${j}].email: no user ${m.email} in the file or the demo data`)
      run(db, 'INSERT OR REPLACE INTO memberships (user_id, org_id, role, created_at) VALUES (?, ?, ?, ?)', user.id, id, m.role, CREATED)
    }
  }
  for (const [i, l] of (data.licenses ?? []).entries()) {
    const org = one<{ id: string; slug: string }>(db, 'SELECT id, slug FROM organizations WHERE id = ? OR slug = ?', l.organization, l.organization)
    if (!org) throw new SeedError(`licenses[${i}].organization: no organization ${l.organization} in the file or the demo data`)
    if (one(db, 'SELECT 1 FROM licenses WHERE org_id = ? AND product_slug = ?', org.id, l.product)) {
      throw new SeedError(`licenses[${i}]: ${org.slug} has a ${l.product} license already`)
    }
    const trialEnds = l.trialDays === undefined ? null : new Date(now + l.trialDays * DAY).toISOString()
    run(db, `INSERT INTO licenses (id, org_id, product_slug, tier_slug, status, unit_count, trial_ends_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      l.id ?? `lic_${org.slug}_${l.product}`, org.id, l.product, l.tier, l.status ?? 'active', l.unitCount ?? null, trialEnds, nowIso, nowIso)
    for (const [metric, value] of Object.entries(l.usage ?? {})) {
      run(db, 'INSERT INTO usage (org_id, product_slug, metric, value, updated_at) VALUES (?, ?, ?, ?, ?)', org.id, l.product, metric, value, nowIso)
    }
  }
}

/** One scrypt hash per distinct password of the file (hashing is slow, the transaction is synchronous). */
export async function seedHashes(data: EmulatorSeed | undefined): Promise<Map<string, string>> {
  const passwords = new Set((data?.users ?? []).map((u) => u.password ?? SEED_PASSWORD))
  return new Map(await Promise.all([...passwords].map(async (p) => [p, await hashPassword(p)] as const)))
}
