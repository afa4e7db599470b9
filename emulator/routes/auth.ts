/** Auth flows (unauthenticated): login, register, refresh, logout, password reset, invitations. */
import type { Hono } from 'hono'
import type { AcceptInvitationResponse, LoginResponse, RefreshResponse, RegisterResponse } from '../../src/contract/types.js'
import { readJson, Validator } from '../body.js'
import { emu, type AppEnv, type Ctx, type Emulator } from '../context.js'
import { one, run } from '../db.js'
import { ApiError, conflict, notFound, unauthorized } from '../errors.js'
import { getUser, getUserByEmail, toOrgSummary, toUser, type OrgRow } from '../model.js'
import { sendMail } from '../outbox.js'
import { clientIp, origin, userAgent } from '../request.js'
import { route } from '../route.js'
import { resetLink } from '../seed.js'
import { burnPasswordCheck, hashPassword, newId, randomToken, sha256, verifyPassword } from '../security.js'
import { logout, refresh, revokeAllSessions, startSession } from '../sessions.js'

const PASSWORD = { min: 8, max: 200 }
const NAME = { min: 1, max: 100 }

function invalidCredentials(): ApiError {
  return unauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect.')
}

/**
 * 5 failures per email+IP per 15 min, then 429 with Retry-After until the oldest failure ages out.
 * The attempt is recorded here, synchronously with the check and before the (async) password hash,
 * so parallel guesses can't all pass the check; a successful login clears the record.
 */
function countAttempt(e: Emulator, email: string, ip: string): void {
  const since = e.clock.now() - e.config.loginWindowMs
  const row = one<{ n: number; oldest: number | null }>(e.db,
    'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE email = ? AND ip = ? AND at > ?', email, ip, since)
  if (row && row.n >= e.config.loginMaxFailures && row.oldest !== null) {
    const retryAfter = Math.max(1, Math.ceil((row.oldest + e.config.loginWindowMs - e.clock.now()) / 1000))
    throw new ApiError(429, 'RATE_LIMITED', 'Too many failed sign-in attempts. Try again later.', [], { 'Retry-After': String(retryAfter) })
  }
  run(e.db, 'INSERT INTO login_failures (email, ip, at) VALUES (?, ?, ?)', email, ip, e.clock.now())
}

function uniqueSlug(e: Emulator, name: string): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'org'
  let slug = base
  for (let i = 2; one(e.db, 'SELECT 1 FROM organizations WHERE slug = ?', slug); i++) slug = `${base}-${i}`
  return slug
}

export function authRoutes(app: Hono<AppEnv>): void {
  route(app, 'login', async (c) => {
    const e = emu(c)
    const v = new Validator(await readJson(c))
    const email = v.string('email', { max: 254 })
    const password = v.string('password', { max: PASSWORD.max })
    v.done()
    const ip = clientIp(c) ?? 'unknown'
    countAttempt(e, email, ip)
    const user = getUserByEmail(e.db, email)
    const ok = user ? await verifyPassword(password, user.password_hash) : (await burnPasswordCheck(password), false)
    if (!user || !ok) throw invalidCredentials()
    run(e.db, 'DELETE FROM login_failures WHERE email = ? AND ip = ?', email, ip)
    const tokens = await startSession(e, user.id, { userAgent: userAgent(c), ip: clientIp(c) })
    return c.json({ ...tokens, user: toUser(user, origin(c)) } satisfies LoginResponse)
  })

  route(app, 'register', async (c) => {
    const e = emu(c)
    const v = new Validator(await readJson(c))
    const email = v.string('email', { email: true, max: 254 })
    const password = v.string('password', PASSWORD)
    const firstName = v.string('firstName', NAME)
    const lastName = v.string('lastName', NAME)
    const organizationName = v.string('organizationName', { optional: true, max: 100 })
    v.done()
    const taken = () => conflict('EMAIL_TAKEN', 'An account with this email already exists.')
    if (getUserByEmail(e.db, email)) throw taken()
    const hash = await hashPassword(password)
    const userId = newId('usr')
    const now = e.clock.iso()
    let org: (OrgRow & { role: 'owner' }) | undefined
    // Checked again after the hash, in the transaction: a racing registration of the same email got there first.
    e.db.transaction(() => {
      if (getUserByEmail(e.db, email)) throw taken()
      run(e.db, 'INSERT INTO users (id, email, password_hash, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        userId, email, hash, firstName.trim(), lastName.trim(), now)
      if (organizationName?.trim()) {
        org = { id: newId('org'), name: organizationName.trim(), slug: uniqueSlug(e, organizationName), logo_asset_id: null, created_at: now, role: 'owner' }
        run(e.db, 'INSERT INTO organizations (id, name, slug, created_at) VALUES (?, ?, ?, ?)', org.id, org.name, org.slug, now)
        run(e.db, "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (?, ?, 'owner', ?)", userId, org.id, now)
      }
    })()
    const tokens = await startSession(e, userId, { userAgent: userAgent(c), ip: clientIp(c) })
    const body: RegisterResponse = { ...tokens, user: toUser(getUser(e.db, userId)!, origin(c)) }
    if (org) body.organization = toOrgSummary(org, origin(c))
    return c.json(body, 201)
  })

  route(app, 'refresh', async (c) => {
    const v = new Validator(await readJson(c))
    const token = v.string('refreshToken', { max: 512 })
    v.done()
    return c.json((await refresh(emu(c), token, { ip: clientIp(c) })) satisfies RefreshResponse)
  })

  route(app, 'logout', async (c) => {
    const v = new Validator(await readJson(c))
    const token = v.string('refreshToken', { max: 512 })
    v.done()
    logout(emu(c), token)
    return c.body(null, 204)
  })

  route(app, 'passwordResetRequest', async (c) => {
    const e = emu(c)
    const v = new Validator(await readJson(c))
    const email = v.string('email', { max: 254 })
    v.done()
    const user = getUserByEmail(e.db, email)
    if (user) {
      const token = randomToken(24)
      const now = e.clock.now()
      run(e.db, 'INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        sha256(token), user.id, now, now + e.config.resetTokenTtlMs)
      const link = resetLink(e.config.appUrl, token)
      sendMail(e, { to: user.email, subject: 'Reset your Lumen password', body: `Reset your password within 30 minutes: ${link}`, link, kind: 'password-reset' })
    }
    return c.json({ message: 'If an account exists for this email, we sent a link to reset the password.' })
  })

  route(app, 'passwordResetConfirm', async (c) => {
    const e = emu(c)
    const v = new Validator(await readJson(c))
    const token = v.string('token', { max: 512 })
    const newPassword = v.string('newPassword', PASSWORD)
    v.done()
    const now = e.clock.now()
    // Consumed before the (async) hash, in one statement: of two concurrent confirms only one wins.
    const used = run(e.db, 'UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
      now, sha256(token), now)
    const row = one<{ user_id: string }>(e.db, 'SELECT user_id FROM password_resets WHERE token_hash = ?', sha256(token))
    if (used.changes !== 1 || !row) {
      throw new ApiError(400, 'INVALID_TOKEN', 'This reset link is invalid, expired or already used.', [{ field: 'token', message: 'Invalid or expired.' }])
    }
    const hash = await hashPassword(newPassword)
    // Every other outstanding link of the user dies with this reset.
    run(e.db, 'UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL', now, row.user_id)
    run(e.db, 'UPDATE users SET password_hash = ? WHERE id = ?', hash, row.user_id)
    run(e.db, 'DELETE FROM login_failures WHERE email = (SELECT email FROM users WHERE id = ?)', row.user_id)
    // A new password signs every device out.
    revokeAllSessions(e, row.user_id, 'password_reset')
    return c.json({ message: 'Your password has been changed. Sign in with the new password.' })
  })

  route(app, 'acceptInvitation', async (c) => acceptInvitation(c))
}

async function acceptInvitation(c: Ctx): Promise<Response> {
  const e = emu(c)
  const v = new Validator(await readJson(c))
  const token = v.string('token', { max: 512 })
  const firstName = v.string('firstName', NAME)
  const lastName = v.string('lastName', NAME)
  const password = v.string('password', PASSWORD)
  v.done()
  const inv = one<{ id: string; org_id: string; email: string; role: string; expires_at: number; accepted_at: number | null }>(e.db,
    'SELECT * FROM invitations WHERE token_hash = ?', sha256(token))
  if (!inv) throw notFound('This invitation does not exist.')
  if (inv.accepted_at !== null) throw conflict('INVITATION_USED', 'This invitation has already been used.')
  if (inv.expires_at <= e.clock.now()) throw new ApiError(404, 'INVITATION_EXPIRED', 'This invitation has expired.')
  const taken = () => conflict('EMAIL_TAKEN', 'An account with this email already exists. Sign in instead.')
  if (getUserByEmail(e.db, inv.email)) throw taken()
  const hash = await hashPassword(password)
  const userId = newId('usr')
  const now = e.clock.iso()
  // After the hash, in one transaction: consume the invitation only if still open, so racing accepts
  // get 409 instead of a UNIQUE violation.
  e.db.transaction(() => {
    const consumed = run(e.db, 'UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL', e.clock.now(), inv.id)
    if (consumed.changes !== 1) throw conflict('INVITATION_USED', 'This invitation has already been used.')
    if (getUserByEmail(e.db, inv.email)) throw taken()
    run(e.db, 'INSERT INTO users (id, email, password_hash, first_name, last_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      userId, inv.email, hash, firstName.trim(), lastName.trim(), now)
    run(e.db, 'INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (?, ?, ?, ?)', userId, inv.org_id, inv.role, now)
  })()
  const tokens = await startSession(e, userId, { userAgent: userAgent(c), ip: clientIp(c) })
  return c.json({ ...tokens, user: toUser(getUser(e.db, userId)!, origin(c)) } satisfies AcceptInvitationResponse, 201)
}
