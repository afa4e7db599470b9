/**
 * Asset storage (bytes in the database) and the per-asset authorization of docs/api.md:
 * - a caller may always touch their own `ownerType=user` assets;
 * - org-scoped assets (with an `orgId`) need membership to read, and admin/owner or being the
 *   uploader to modify or delete;
 * - other assets belong to their uploader;
 * - public assets' content is readable by anyone, also anonymously.
 * Unreadable assets answer 404 (their existence is not revealed); readable but not modifiable, 403.
 */
import type { Asset, AssetOwnerType, AssetVisibility } from '../src/contract/types.js'
import { all, one, run, type Db } from './db.js'
import { forbidden, notFound } from './errors.js'
import { assetUrl, roleIn } from './model.js'
import { newId } from './security.js'

export interface AssetRow {
  id: string
  app: string
  kind: string
  owner_type: AssetOwnerType
  owner_id: string | null
  org_id: string | null
  visibility: AssetVisibility
  original_name: string
  content_type: string
  size: number
  metadata: string
  uploaded_by: string | null
  created_at: string
  updated_at: string
}

const COLUMNS = 'id, app, kind, owner_type, owner_id, org_id, visibility, original_name, content_type, size, metadata, uploaded_by, created_at, updated_at'

export const getAssetRow = (db: Db, id: string) => one<AssetRow>(db, `SELECT ${COLUMNS} FROM assets WHERE id = ?`, id)
export const getAssetBytes = (db: Db, id: string) => one<{ bytes: Buffer }>(db, 'SELECT bytes FROM assets WHERE id = ?', id)?.bytes

export function toAsset(row: AssetRow, origin: string): Asset {
  return {
    id: row.id,
    app: row.app,
    kind: row.kind,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    orgId: row.org_id,
    visibility: row.visibility,
    originalName: row.original_name,
    contentType: row.content_type,
    size: row.size,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    url: assetUrl(origin, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

const ownsUserAsset = (a: AssetRow, userId: string) => a.owner_type === 'user' && a.owner_id === userId

export function canRead(db: Db, a: AssetRow, userId: string | null): boolean {
  if (a.visibility === 'public') return true
  if (!userId) return false
  if (ownsUserAsset(a, userId) || a.uploaded_by === userId) return true
  return !!a.org_id && roleIn(db, userId, a.org_id) !== null
}

export function canModify(db: Db, a: AssetRow, userId: string): boolean {
  if (ownsUserAsset(a, userId)) return true
  if (a.org_id) {
    const role = roleIn(db, userId, a.org_id)
    return role === 'owner' || role === 'admin' || (role !== null && a.uploaded_by === userId)
  }
  return a.uploaded_by === userId
}

/** The asset if the caller may read it (404 otherwise). */
export function readableAsset(db: Db, id: string, userId: string): AssetRow {
  const a = getAssetRow(db, id)
  if (!a || !canRead(db, a, userId)) throw notFound('Asset not found.')
  return a
}

/** The asset if the caller may modify it (404 when unreadable, 403 when read-only). */
export function modifiableAsset(db: Db, id: string, userId: string): AssetRow {
  const a = getAssetRow(db, id)
  if (!a || !canRead(db, a, userId)) throw notFound('Asset not found.')
  if (!canModify(db, a, userId)) throw forbidden('Only the owner, an org admin or the uploader may change this asset.')
  return a
}

/** What an upload stores: the wire fields the caller chose, plus the bytes and who sent them. */
export type NewAsset = Pick<Asset, 'app' | 'kind' | 'ownerType' | 'ownerId' | 'orgId' | 'visibility' | 'originalName' | 'contentType' | 'metadata'> & {
  bytes: Uint8Array
  uploadedBy: string
}

export function insertAsset(db: Db, a: NewAsset, nowIso: string): string {
  const id = newId('ast')
  run(db, `INSERT INTO assets (id, app, kind, owner_type, owner_id, org_id, visibility, original_name, content_type, size, metadata, bytes, uploaded_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id, a.app, a.kind, a.ownerType, a.ownerId, a.orgId, a.visibility, a.originalName, a.contentType, a.bytes.byteLength,
    JSON.stringify(a.metadata), Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength), a.uploadedBy, nowIso, nowIso)
  return id
}

export function deleteAsset(db: Db, id: string): void {
  run(db, 'UPDATE users SET photo_asset_id = NULL WHERE photo_asset_id = ?', id)
  run(db, 'UPDATE organizations SET logo_asset_id = NULL WHERE logo_asset_id = ?', id)
  run(db, 'DELETE FROM assets WHERE id = ?', id)
}

export interface ListFilter {
  app?: string
  kind?: string
  orgId?: string
  ownerType?: AssetOwnerType
  ownerId?: string
}

/** Assets the caller can see as their own: their user assets, their uploads, their orgs' assets. */
export function listAssets(db: Db, userId: string, f: ListFilter, page: number, limit: number): { rows: AssetRow[]; total: number } {
  const where = [`(
    (owner_type = 'user' AND owner_id = @user) OR uploaded_by = @user
    OR org_id IN (SELECT org_id FROM memberships WHERE user_id = @user))`]
  const params: Record<string, unknown> = { user: userId, limit, offset: (page - 1) * limit }
  for (const [key, col] of [['app', 'app'], ['kind', 'kind'], ['orgId', 'org_id'], ['ownerType', 'owner_type'], ['ownerId', 'owner_id']] as const) {
    if (f[key] !== undefined) {
      where.push(`${col} = @${key}`)
      params[key] = f[key]
    }
  }
  const sqlWhere = where.join(' AND ')
  const total = one<{ n: number }>(db, `SELECT COUNT(*) AS n FROM assets WHERE ${sqlWhere}`, params)!.n
  const rows = all<AssetRow>(db, `SELECT ${COLUMNS} FROM assets WHERE ${sqlWhere} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`, params)
  return { rows, total }
}
