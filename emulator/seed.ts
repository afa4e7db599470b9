/** Writes the demo data of `seed-data.ts`, then a team's seed file, into an empty database. */
import type { Clock } from './clock.js'
import { one, run, type Db } from './db.js'
import { hashPassword, sha256 } from './security.js'
import { seedHashes, writeSeed, type EmulatorSeed } from './seed-file.js'
import { ACME_LOGO_PNG, PRODUCTS, SEED } from './seed-data.js'

const CREATED = '2026-01-15T09:00:00.000Z'
const DAY = 86_400_000

let seedHash: Promise<string> | undefined

/**
 * Seed the demo data (unless `extra.demo` is false) and `extra` (checked by `checkSeed`). The trial
 * ends and the invitation expiry are relative to the clock.
 */
export async function seed(db: Db, clock: Clock, appUrl: string, extra?: EmulatorSeed): Promise<void> {
  // One scrypt hash per process: every emulator a test suite boots reuses it.
  seedHash ??= hashPassword(SEED.password)
  const hash = await seedHash
  const extraHashes = await seedHashes(extra)
  const now = clock.now()
  const nowIso = new Date(now).toISOString()
  const demo = extra?.demo !== false

  db.transaction(() => {
    for (const p of PRODUCTS) {
      run(db, 'INSERT INTO products (slug, name) VALUES (?, ?)', p.slug, p.name)
      for (const t of p.tiers) {
        run(db, `INSERT INTO tiers (product_slug, slug, name, sort_order, price_amount, price_currency, price_interval, features, limits)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          p.slug, t.slug, t.name, t.sortOrder, t.price?.amount ?? null, t.price?.currency ?? null, t.price?.interval ?? null,
          JSON.stringify(t.features), JSON.stringify(t.limits))
      }
    }
    if (demo) seedDemo(db, hash, now, appUrl)
    if (extra) writeSeed(db, extra, extraHashes, now)
    run(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded_at', ?)", nowIso)
  })()
}

function seedDemo(db: Db, hash: string, now: number, appUrl: string): void {
  const nowIso = new Date(now).toISOString()
  for (const u of Object.values(SEED.users)) {
    run(db, 'INSERT INTO users (id, email, password_hash, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      u.id, u.email, hash, u.firstName, u.lastName, CREATED)
  }
  for (const o of Object.values(SEED.orgs)) {
    run(db, 'INSERT INTO organizations (id, name, slug, created_at) VALUES (?, ?, ?, ?)', o.id, o.name, o.slug, CREATED)
  }
  for (const [user, org, role] of SEED.memberships) {
    run(db, 'INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (?, ?, ?, ?)',
      SEED.users[user].id, SEED.orgs[org].id, role, CREATED)
  }
  const { acmeHr, globexHr } = SEED.licenses
  run(db, `INSERT INTO licenses (id, org_id, product_slug, tier_slug, status, unit_count, trial_ends_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    acmeHr.id, acmeHr.orgId, acmeHr.productSlug, acmeHr.tier, acmeHr.status, acmeHr.unitCount, CREATED, CREATED)
  run(db, `INSERT INTO licenses (id, org_id, product_slug, tier_slug, status, unit_count, trial_ends_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    globexHr.id, globexHr.orgId, globexHr.productSlug, globexHr.tier, globexHr.status, globexHr.unitCount,
    new Date(now + globexHr.trialDays * DAY).toISOString(), nowIso, nowIso)
  for (const lic of [acmeHr, globexHr]) {
    for (const [metric, value] of Object.entries(lic.usage)) {
      run(db, 'INSERT INTO usage (org_id, product_slug, metric, value, updated_at) VALUES (?, ?, ?, ?, ?)',
        lic.orgId, lic.productSlug, metric, value, nowIso)
    }
  }
  const inv = SEED.invitation
  run(db, `INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    inv.id, inv.orgId, inv.email, inv.role, sha256(inv.token), inv.invitedBy, now, now + 7 * DAY)
  run(db, `INSERT INTO outbox (to_email, subject, body, link, kind, created_at) VALUES (?, ?, ?, ?, 'invitation', ?)`,
    inv.email, 'Dana Demo invited you to Acme Corp on Lumen',
    `Dana Demo invited you to join Acme Corp. Accept within 7 days: ${invitationLink(appUrl, inv.token)}`,
    invitationLink(appUrl, inv.token), nowIso)
  const logo = SEED.assets.acmeLogo
  run(db, `INSERT INTO assets (id, app, kind, owner_type, owner_id, org_id, visibility, original_name, content_type, size, metadata, bytes, uploaded_by, created_at, updated_at)
           VALUES (?, 'lumen-account', 'logo', 'org', ?, ?, 'public', 'acme-logo.png', 'image/png', ?, '{}', ?, ?, ?, ?)`,
    logo.id, logo.orgId, logo.orgId, ACME_LOGO_PNG.byteLength, ACME_LOGO_PNG, SEED.users.demo.id, CREATED, CREATED)
  run(db, 'UPDATE organizations SET logo_asset_id = ? WHERE id = ?', logo.id, logo.orgId)
}

/** Whether the seeded invitation can still be accepted (not used, not expired, not wiped). */
export function seedInvitationOpen(db: Db, now: number): boolean {
  const row = one<{ accepted_at: number | null; expires_at: number }>(db,
    'SELECT accepted_at, expires_at FROM invitations WHERE token_hash = ?', sha256(SEED.invitation.token))
  return !!row && row.accepted_at === null && row.expires_at > now
}

export function invitationLink(appUrl: string, token: string): string {
  return `${appUrl}/accept-invitation?token=${encodeURIComponent(token)}`
}

export function resetLink(appUrl: string, token: string): string {
  return `${appUrl}/reset-password?token=${encodeURIComponent(token)}`
}
