/** Reading users, organizations and memberships, and shaping them as the wire types. */
import type { LicenseSummary, MeResponse, OrganizationRole, OrganizationSummary, User } from '../src/contract/types.js'
import { API_PREFIX, ASSETS_CONTENT, routeCall, routePath } from '../src/contract/routes.js'
import { all, one, type Db } from './db.js'

export interface UserRow {
  id: string
  email: string
  password_hash: string
  first_name: string
  last_name: string
  photo_asset_id: string | null
  created_at: string
}

export interface OrgRow {
  id: string
  name: string
  slug: string
  logo_asset_id: string | null
  created_at: string
}

export interface LicenseRow {
  id: string
  org_id: string
  product_slug: string
  tier_slug: string
  status: 'active' | 'trial' | 'expired' | 'canceled'
  unit_count: number | null
  trial_ends_at: string | null
}

export const assetUrl = (origin: string, id: string) => origin + API_PREFIX + routePath(routeCall(ASSETS_CONTENT, id))

export const getUser = (db: Db, id: string) => one<UserRow>(db, 'SELECT * FROM users WHERE id = ?', id)
export const getUserByEmail = (db: Db, email: string) => one<UserRow>(db, 'SELECT * FROM users WHERE email = ?', email)
export const getOrg = (db: Db, id: string) => one<OrgRow>(db, 'SELECT * FROM organizations WHERE id = ?', id)

export function roleIn(db: Db, userId: string, orgId: string): OrganizationRole | null {
  return one<{ role: OrganizationRole }>(db, 'SELECT role FROM memberships WHERE user_id = ? AND org_id = ?', userId, orgId)?.role ?? null
}

export function toUser(row: UserRow, origin: string): User {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    photoUrl: row.photo_asset_id ? assetUrl(origin, row.photo_asset_id) : null,
    createdAt: row.created_at,
  }
}

export function toOrgSummary(row: OrgRow & { role: OrganizationRole }, origin: string): OrganizationSummary {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    role: row.role,
    logoUrl: row.logo_asset_id ? assetUrl(origin, row.logo_asset_id) : null,
  }
}

export function organizationsOf(db: Db, userId: string, origin: string): OrganizationSummary[] {
  return all<OrgRow & { role: OrganizationRole }>(db,
    `SELECT o.*, m.role FROM organizations o JOIN memberships m ON m.org_id = o.id
     WHERE m.user_id = ? ORDER BY m.created_at, o.name`, userId).map((r) => toOrgSummary(r, origin))
}

/** The stored status, with a trial past its end reported as `expired`. */
export function effectiveStatus(row: LicenseRow, now: number): LicenseRow['status'] {
  if (row.status === 'trial' && row.trial_ends_at && Date.parse(row.trial_ends_at) <= now) return 'expired'
  return row.status
}

export function licensesOf(db: Db, userId: string, now: number): LicenseSummary[] {
  return all<LicenseRow>(db,
    `SELECT l.* FROM licenses l JOIN memberships m ON m.org_id = l.org_id
     WHERE m.user_id = ? ORDER BY l.org_id, l.product_slug`, userId).map((l) => ({
    organizationId: l.org_id,
    productSlug: l.product_slug,
    status: effectiveStatus(l, now),
    tier: l.tier_slug,
    unitCount: l.unit_count,
    trialEndsAt: l.trial_ends_at,
  }))
}

/** `/auth/me`: the active org is the header's (when a member), else the session's, else the first. */
export function buildMe(db: Db, userId: string, activeOrgId: string | null, origin: string, now: number): MeResponse {
  const user = getUser(db, userId)!
  const organizations = organizationsOf(db, userId, origin)
  const active = organizations.find((o) => o.id === activeOrgId)?.id ?? organizations[0]?.id ?? null
  return { user: toUser(user, origin), organizations, licenses: licensesOf(db, userId, now), activeOrganizationId: active }
}
