/** The signed-in user: /auth/me, switch-org, sessions, profile photo. */
import type { Hono } from 'hono'
import type { Session, SessionListResponse } from '../../src/contract/types.js'
import { deleteAsset, insertAsset } from '../assets.js'
import { readForm, readJson, Validator } from '../body.js'
import { emu, type AppEnv, type Ctx } from '../context.js'
import { all, run } from '../db.js'
import { badRequest, notFound, tooLarge, unsupported } from '../errors.js'
import { requireMember, requireUser } from '../guard.js'
import { buildMe, getUser, roleIn } from '../model.js'
import { origin } from '../request.js'
import { route } from '../route.js'
import { getSession, revokeSession, type SessionRow } from '../sessions.js'
import { AVATAR_TYPES, isSvg, sniff } from '../sniff.js'


/** The active org: the `x-organization-id` header when the caller is a member, else the session's. */
function activeOrg(c: Ctx, userId: string, sessionId: string): string | null {
  const header = c.req.header('x-organization-id')
  if (header && roleIn(emu(c).db, userId, header)) return header
  return getSession(emu(c), sessionId)?.active_org_id ?? null
}

async function me(c: Ctx) {
  const { userId, sessionId } = await requireUser(c)
  const e = emu(c)
  return buildMe(e.db, userId, activeOrg(c, userId, sessionId), origin(c), e.clock.now())
}

export function meRoutes(app: Hono<AppEnv>): void {
  route(app, 'me', async (c) => c.json(await me(c)))

  route(app, 'switchOrg', async (c) => {
    const { userId, sessionId } = await requireUser(c)
    const v = new Validator(await readJson(c))
    const organizationId = v.string('organizationId', { max: 100 })
    v.done()
    requireMember(c, userId, organizationId)
    run(emu(c).db, 'UPDATE sessions SET active_org_id = ? WHERE id = ?', organizationId, sessionId)
    const e = emu(c)
    return c.json(buildMe(e.db, userId, organizationId, origin(c), e.clock.now()))
  })

  route(app, 'sessionsList', async (c) => {
    const { userId, sessionId } = await requireUser(c)
    const rows = all<SessionRow>(emu(c).db,
      'SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL ORDER BY last_active_at DESC, created_at DESC', userId)
    const sessions: Session[] = rows.map((s) => ({
      id: s.id,
      userAgent: s.user_agent,
      ipAddress: s.ip_address,
      createdAt: s.created_at,
      lastActiveAt: s.last_active_at,
      current: s.id === sessionId,
    }))
    return c.json({ sessions } satisfies SessionListResponse)
  })

  route(app, 'sessionsRevoke', async (c) => {
    const { userId } = await requireUser(c)
    const session = getSession(emu(c), c.req.param('id'))
    if (!session || session.user_id !== userId || session.revoked_at) throw notFound('Session not found.')
    revokeSession(emu(c), session.id, 'revoked_by_user')
    return c.body(null, 204)
  })

  route(app, 'photoUpload', async (c) => {
    const { userId } = await requireUser(c)
    const e = emu(c)
    const form = await readForm(c)
    const file = form.get('file')
    if (!(file instanceof File)) throw badRequest('Upload the picture in the `file` field.', [{ field: 'file', message: 'Required.' }])
    if (file.size > e.config.avatarLimit) throw tooLarge(`A profile picture may be at most ${e.config.avatarLimit / 1024 / 1024} MB.`)
    const bytes = new Uint8Array(await file.arrayBuffer())
    if (bytes.byteLength === 0) throw badRequest('The file is empty.', [{ field: 'file', message: 'Empty file.' }])
    const type = sniff(bytes)
    if (!AVATAR_TYPES.includes(type) || isSvg(bytes)) throw unsupported('A profile picture must be a PNG, JPEG or WebP image.')
    const previous = getUser(e.db, userId)?.photo_asset_id ?? null
    e.db.transaction(() => {
      const id = insertAsset(e.db, {
        app: 'lumen-account', kind: 'avatar', ownerType: 'user', ownerId: userId, orgId: null, visibility: 'public',
        originalName: file.name || 'avatar', contentType: type, metadata: {}, bytes, uploadedBy: userId,
      }, e.clock.iso())
      if (previous) deleteAsset(e.db, previous)
      run(e.db, 'UPDATE users SET photo_asset_id = ? WHERE id = ?', id, userId)
    })()
    return c.json(await me(c))
  })

  route(app, 'photoDelete', async (c) => {
    const { userId } = await requireUser(c)
    const e = emu(c)
    const previous = getUser(e.db, userId)?.photo_asset_id
    if (previous) deleteAsset(e.db, previous)
    return c.json(await me(c))
  })
}
