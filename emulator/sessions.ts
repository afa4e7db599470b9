/**
 * Sessions, access tokens and rotating refresh tokens.
 * - Refresh tokens are opaque and stored as SHA-256 hashes; every refresh rotates them.
 * - A rotated token presented again within the grace window gets the newest token of its family
 *   back (two tabs racing stay signed in; never a token that was rotated since); presented later,
 *   it revokes the whole session (reuse detection, counted in `GET /__emulator`).
 */
import { unauthorized } from './errors.js'
import type { AuthInfo, Emulator } from './context.js'
import { one, run } from './db.js'
import { newId, randomToken, seal, sha256, signAccessToken, unseal, verifyAccessToken } from './security.js'

export interface SessionRow {
  id: string
  user_id: string
  user_agent: string | null
  ip_address: string | null
  active_org_id: string | null
  created_at: string
  last_active_at: string
  revoked_at: string | null
}

interface RefreshRow {
  id: string
  session_id: string
  token_hash: string
  expires_at: number
  rotated_at: number | null
  child_box: string | null
}

export interface TokenPair {
  accessToken: string
  refreshToken: string
}

export const getSession = (e: Emulator, id: string) => one<SessionRow>(e.db, 'SELECT * FROM sessions WHERE id = ?', id)

async function accessToken(e: Emulator, userId: string, sessionId: string): Promise<string> {
  const { token } = await signAccessToken(e.secret(), { sub: userId, sid: sessionId, gen: e.tokenGeneration() }, e.clock.now(), e.config.accessTtlMs)
  return token
}

function insertRefresh(e: Emulator, sessionId: string): string {
  const token = `lrt_${randomToken(32)}`
  const now = e.clock.now()
  run(e.db, 'INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    newId('rt'), sessionId, sha256(token), now, now + e.config.refreshTtlMs)
  return token
}

/** A new session for a user who just proved who they are. */
export async function startSession(e: Emulator, userId: string, meta: { userAgent: string | null; ip: string | null }): Promise<TokenPair> {
  const id = newId('sess')
  const now = e.clock.iso()
  run(e.db, `INSERT INTO sessions (id, user_id, user_agent, ip_address, created_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?)`,
    id, userId, meta.userAgent?.slice(0, 512) ?? null, meta.ip, now, now)
  return { accessToken: await accessToken(e, userId, id), refreshToken: insertRefresh(e, id) }
}

export function revokeSession(e: Emulator, sessionId: string, reason: string): void {
  run(e.db, 'UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL', e.clock.iso(), reason, sessionId)
  run(e.db, 'DELETE FROM refresh_tokens WHERE session_id = ?', sessionId)
}

export function revokeAllSessions(e: Emulator, userId: string, reason: string): void {
  for (const { id } of e.db.prepare('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL').all(userId) as { id: string }[]) {
    revokeSession(e, id, reason)
  }
}

const invalidRefresh = (message = 'The refresh token is invalid or expired.') => unauthorized('INVALID_REFRESH_TOKEN', message)

/** `POST /auth/refresh`. */
export async function refresh(e: Emulator, token: string, meta: { ip: string | null }): Promise<TokenPair> {
  const row = one<RefreshRow>(e.db, 'SELECT * FROM refresh_tokens WHERE token_hash = ?', sha256(token))
  if (!row) throw invalidRefresh()
  const session = getSession(e, row.session_id)
  if (!session || session.revoked_at) throw invalidRefresh()
  const now = e.clock.now()
  if (row.expires_at <= now) throw invalidRefresh()

  if (row.rotated_at === null) {
    const child = insertRefresh(e, session.id)
    run(e.db, 'UPDATE refresh_tokens SET rotated_at = ?, child_box = ? WHERE id = ?', now, seal(child, token), row.id)
    touch(e, session.id, meta.ip)
    return { accessToken: await accessToken(e, session.user_id, session.id), refreshToken: child }
  }
  if (now - row.rotated_at <= e.config.refreshGraceMs) {
    const newest = newestOfFamily(e, row, token)
    if (newest) {
      touch(e, session.id, meta.ip)
      return { accessToken: await accessToken(e, session.user_id, session.id), refreshToken: newest }
    }
  }
  revokeSession(e, session.id, 'refresh_token_reuse')
  e.countReuseDetection()
  e.log(`[security] refresh token reuse detected: session ${session.id} revoked`)
  throw invalidRefresh('This refresh token was already used; the session has been revoked.')
}

/**
 * Follow a rotated token's children (each sealed with its parent) to the one not rotated yet, or
 * `null` when the chain is broken or expired.
 */
function newestOfFamily(e: Emulator, row: RefreshRow, token: string): string | null {
  let current: RefreshRow | undefined = row
  let plain = token
  for (let hops = 0; current && current.rotated_at !== null; hops++) {
    const child: string | null = current.child_box && hops < 1000 ? unseal(current.child_box, plain) : null
    if (!child) return null
    plain = child
    current = one<RefreshRow>(e.db, 'SELECT * FROM refresh_tokens WHERE token_hash = ?', sha256(child))
  }
  return current && current.expires_at > e.clock.now() ? plain : null
}

/** `POST /auth/logout`: revoke the session of a refresh token. Unknown tokens are ignored. */
export function logout(e: Emulator, token: string): void {
  const row = one<RefreshRow>(e.db, 'SELECT * FROM refresh_tokens WHERE token_hash = ?', sha256(token))
  if (row) revokeSession(e, row.session_id, 'logout')
}

function touch(e: Emulator, sessionId: string, ip: string | null): void {
  run(e.db, 'UPDATE sessions SET last_active_at = ?, ip_address = COALESCE(?, ip_address) WHERE id = ?', e.clock.iso(), ip, sessionId)
}

/** Check a bearer access token: signature, expiry, generation, and that its session is alive. */
export async function authenticate(e: Emulator, authorization: string | undefined, ip: string | null): Promise<AuthInfo> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  if (!m) throw unauthorized('UNAUTHORIZED', 'Sign in first: this route needs an access token.')
  const result = await verifyAccessToken(e.secret(), m[1]!, e.clock.date())
  if (!result.ok) {
    throw result.reason === 'expired'
      ? unauthorized('TOKEN_EXPIRED', 'The access token has expired.')
      : unauthorized('INVALID_TOKEN', 'The access token is invalid.')
  }
  if (result.claims.gen < e.tokenGeneration()) throw unauthorized('TOKEN_EXPIRED', 'The access token has expired.')
  const session = getSession(e, result.claims.sid)
  if (!session || session.revoked_at || session.user_id !== result.claims.sub) {
    throw unauthorized('SESSION_REVOKED', 'This session has been signed out.')
  }
  touch(e, session.id, ip)
  return { userId: session.user_id, sessionId: session.id }
}

/** The user id a bearer token names, without side effects (for idempotency scoping). */
export async function peekUserId(e: Emulator, authorization: string | undefined): Promise<string | null> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  if (!m) return null
  const result = await verifyAccessToken(e.secret(), m[1]!, e.clock.date())
  return result.ok ? result.claims.sub : null
}
