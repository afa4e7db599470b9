/** `/assets`: upload, read, list, update, delete, content. Authorization: see ../assets.ts. */
import type { Hono } from 'hono'
import type { AssetListResponse, AssetOwnerType, AssetVisibility } from '../../src/contract/types.js'
import {
  canRead, deleteAsset, getAssetBytes, getAssetRow, insertAsset, listAssets, modifiableAsset, readableAsset, toAsset,
} from '../assets.js'
import { readForm, readJson, Validator, type Json } from '../body.js'
import { emu, type AppEnv, type Ctx } from '../context.js'
import { run } from '../db.js'
import { badRequest, forbidden, notFound, tooLarge, unauthorized } from '../errors.js'
import { requireMember, requireUser } from '../guard.js'
import { origin } from '../request.js'
import { route } from '../route.js'
import { INLINE_TYPES, sniff } from '../sniff.js'

const OWNER_TYPES = ['user', 'org', 'entity'] as const
const VISIBILITIES = ['private', 'public'] as const
const SHORT = { max: 100 }

function formFields(form: FormData): Json {
  const out: Json = {}
  for (const key of ['app', 'kind', 'ownerType', 'ownerId', 'orgId', 'visibility', 'metadata']) {
    const value = form.get(key)
    if (value !== null) out[key] = typeof value === 'string' ? value : { file: true }
  }
  return out
}

function parseMetadata(v: Validator, raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw === '') return {}
  try {
    const value: unknown = JSON.parse(raw)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // reported below
  }
  v.fail('metadata', 'Must be a JSON object.')
  return {}
}

async function upload(c: Ctx): Promise<Response> {
  const { userId } = await requireUser(c)
  const e = emu(c)
  const form = await readForm(c)
  const v = new Validator(formFields(form))
  const app = v.string('app', SHORT)
  const kind = v.string('kind', SHORT)
  const ownerType = v.string('ownerType', { oneOf: OWNER_TYPES }) as AssetOwnerType
  let ownerId = v.string('ownerId', { optional: true, ...SHORT }) || null
  let orgId = v.string('orgId', { optional: true, ...SHORT }) || null
  const visibility = (v.string('visibility', { optional: true, oneOf: VISIBILITIES }) || 'private') as AssetVisibility
  const metadata = parseMetadata(v, v.string('metadata', { optional: true, max: 10_000 }))
  const file = form.get('file')
  if (!(file instanceof File)) v.fail('file', 'Required.')
  else if (file.size === 0) v.fail('file', 'Empty file.')
  if (ownerType === 'entity' && !ownerId) v.fail('ownerId', 'Required for ownerType=entity.')
  v.done()
  if (ownerType === 'user') {
    if (ownerId && ownerId !== userId) throw forbidden('You can only upload user assets for yourself.')
    ownerId = userId
  }
  if (ownerType === 'org') {
    orgId ??= ownerId ?? c.req.header('x-organization-id') ?? null
    if (!orgId) throw badRequest('Some fields are invalid.', [{ field: 'orgId', message: 'Required for ownerType=org.' }])
    if (ownerId && ownerId !== orgId) throw badRequest('Some fields are invalid.', [{ field: 'ownerId', message: 'Must equal orgId for ownerType=org.' }])
    ownerId = orgId
  }
  if (ownerType === 'entity') orgId ??= c.req.header('x-organization-id') ?? null
  if (orgId) requireMember(c, userId, orgId)
  const f = file as File
  if (f.size > e.config.assetLimit) throw tooLarge(`A file may be at most ${e.config.assetLimit / 1024 / 1024} MB.`)
  const bytes = new Uint8Array(await f.arrayBuffer())
  const id = insertAsset(e.db, {
    app, kind, ownerType, ownerId, orgId, visibility, metadata, bytes, uploadedBy: userId,
    originalName: (f.name || 'file').slice(0, 255), contentType: sniff(bytes),
  }, e.clock.iso())
  return c.json(toAsset(getAssetRow(e.db, id)!, origin(c)), 201)
}

function positiveInt(v: Validator, field: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < 1 || n > max) {
    v.fail(field, `Must be an integer from 1 to ${max}.`)
    return fallback
  }
  return n
}

export function assetRoutes(app: Hono<AppEnv>): void {
  route(app, 'assetsUpload', upload)

  route(app, 'assetsList', async (c) => {
    const { userId } = await requireUser(c)
    const q = c.req.query()
    const v = new Validator(q)
    const filter = {
      app: v.string('app', { optional: true, ...SHORT }),
      kind: v.string('kind', { optional: true, ...SHORT }),
      orgId: v.string('orgId', { optional: true, ...SHORT }),
      ownerType: v.string('ownerType', { optional: true, oneOf: OWNER_TYPES }) as AssetOwnerType | undefined,
      ownerId: v.string('ownerId', { optional: true, ...SHORT }),
    }
    const page = positiveInt(v, 'page', q.page, 1, 1_000_000)
    const limit = positiveInt(v, 'limit', q.limit, 20, 100)
    v.done()
    if (filter.orgId) requireMember(c, userId, filter.orgId)
    const { rows, total } = listAssets(emu(c).db, userId, filter, page, limit)
    return c.json({ items: rows.map((r) => toAsset(r, origin(c))), page, limit, total } satisfies AssetListResponse)
  })

  route(app, 'assetsGet', async (c) => {
    const { userId } = await requireUser(c)
    return c.json(toAsset(readableAsset(emu(c).db, c.req.param('id'), userId), origin(c)))
  })

  route(app, 'assetsUpdate', async (c) => {
    const { userId } = await requireUser(c)
    const e = emu(c)
    const body = await readJson(c)
    const v = new Validator(body)
    const originalName = v.string('originalName', { optional: true, min: 1, max: 255 })
    const visibility = v.string('visibility', { optional: true, oneOf: VISIBILITIES })
    const metadata = v.object('metadata')
    v.done()
    const a = modifiableAsset(e.db, c.req.param('id'), userId)
    run(e.db, `UPDATE assets SET original_name = ?, visibility = ?, metadata = ?, updated_at = ? WHERE id = ?`,
      originalName ?? a.original_name, visibility ?? a.visibility, metadata ? JSON.stringify(metadata) : a.metadata, e.clock.iso(), a.id)
    return c.json(toAsset(getAssetRow(e.db, a.id)!, origin(c)))
  })

  route(app, 'assetsDelete', async (c) => {
    const { userId } = await requireUser(c)
    const e = emu(c)
    deleteAsset(e.db, modifiableAsset(e.db, c.req.param('id'), userId).id)
    return c.body(null, 204)
  })

  route(app, 'assetsContent', async (c) => {
    const e = emu(c)
    const a = getAssetRow(e.db, c.req.param('id'))
    // A bearer token, when sent, must be valid (so clients refresh on 401), even for public assets.
    const userId = c.req.header('authorization') ? (await requireUser(c)).userId : null
    if (!a) throw notFound('Asset not found.')
    if (!canRead(e.db, a, userId)) {
      if (!userId) throw unauthorized('UNAUTHORIZED', 'Sign in to read this file.')
      throw notFound('Asset not found.')
    }
    const bytes = getAssetBytes(e.db, a.id)!
    const inline = INLINE_TYPES.includes(a.content_type)
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'content-type': a.content_type,
        'content-length': String(bytes.byteLength),
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.original_name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': a.visibility === 'public' ? 'public, max-age=60' : 'private, no-store',
      },
    })
  })
}
