/**
 * What each route of `docs/api.md` does to the in-memory Lumen: one resolver per user-mode route the
 * client calls, answering with the contract's bodies, status codes and error codes.
 */
import { API_PREFIX, ROUTES } from '../contract/routes.js'
import type { RouteName } from '../contract/routes.js'
import type { OrganizationSummary } from '../contract/types.js'
import type { LumenFixtures, LumenTestState } from './world.js'
import { accountOf, fields, invalid, json, meOf, requireSession, wait, WireError } from './respond.js'

export interface RouteContext {
  request: Request
  params: Record<string, string>
  state: LumenTestState
  fixtures: LumenFixtures
}

type Resolver = (ctx: RouteContext) => Promise<Response>

const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp']
const AVATAR_LIMIT = 5 * 1024 * 1024
const LOGIN_FAILURES = 5
const LOGIN_WINDOW_MS = 15 * 60_000

/** Failed sign-ins per email: timestamps inside the window. Per state (WeakMap), never module-wide. */
const failures = new WeakMap<LumenTestState, Map<string, number[]>>()

function rateLimit(state: LumenTestState, email: string): number[] {
  let byEmail = failures.get(state)
  if (!byEmail) failures.set(state, (byEmail = new Map()))
  const recent = (byEmail.get(email) ?? []).filter((t) => Date.now() - t < LOGIN_WINDOW_MS)
  byEmail.set(email, recent)
  if (recent.length >= LOGIN_FAILURES) {
    const retryAfter = Math.max(1, Math.ceil((recent[0]! + LOGIN_WINDOW_MS - Date.now()) / 1000))
    throw new WireError(429, 'RATE_LIMITED', 'Too many failed sign-in attempts. Try again later.', [], { 'retry-after': String(retryAfter) })
  }
  return recent
}

/** Sign in on a new session: the tokens and the user (what login, register and accept return). */
const signedIn = (state: LumenTestState, email: string, extra: object = {}) => {
  const { accessToken, refreshToken } = state.issue(email)
  return json(state, 200, { accessToken, refreshToken, user: state.accounts.get(email)!.user, ...extra })
}

function checkNewAccount(state: LumenTestState, body: { password: string; email?: string }): void {
  const details = []
  if (body.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)) details.push({ field: 'email', message: 'Enter a valid email address.' })
  if (body.password.length < 8) details.push({ field: 'password', message: 'Use at least 8 characters.' })
  if (details.length) throw invalid(details)
  if (body.email !== undefined && state.accounts.has(body.email.toLowerCase())) throw new WireError(409, 'EMAIL_TAKEN', 'An account with this email already exists.')
}

/** The organization with `id` as some member sees it (name, slug, logo), with `role` for the newcomer. */
function findOrg(state: LumenTestState, id: string, role: OrganizationSummary['role']): OrganizationSummary {
  for (const a of state.accounts.values()) for (const o of a.orgs) if (o.id === id) return { ...o, role }
  throw new WireError(404, 'NOT_FOUND', 'No such organization.')
}

const knownProduct = (state: LumenTestState, slug: string) =>
  state.products.some((p) => p.slug === slug) || Object.values(state.licenses).some((byProduct) => slug in byProduct)

const me = (fn: (ctx: RouteContext, session: ReturnType<typeof requireSession>) => Promise<void> | void): Resolver => async (ctx) => {
  const session = requireSession(ctx.state, ctx.request)
  await fn(ctx, session)
  return json(ctx.state, 200, meOf(ctx.state, session))
}

export const RESOLVERS: Partial<Record<RouteName, Resolver>> = {
  async login({ request, state }) {
    const { email, password } = await fields(request, ['email', 'password'])
    const key = email.toLowerCase()
    const recent = rateLimit(state, key)
    const account = state.accounts.get(key)
    if (!account || account.password !== password) {
      recent.push(Date.now())
      throw new WireError(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect.')
    }
    recent.length = 0
    return signedIn(state, key)
  },
  async register({ request, state }) {
    const body = await fields(request, ['email', 'password', 'firstName', 'lastName'], ['organizationName'])
    checkNewAccount(state, body)
    const key = body.email.toLowerCase()
    const user = { id: state.nextId('usr'), email: body.email, firstName: body.firstName, lastName: body.lastName, photoUrl: null, createdAt: new Date().toISOString() }
    const slug = (body.organizationName ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
    const organization = body.organizationName ? { id: state.nextId('org'), name: body.organizationName, slug: slug || state.nextId('org'), role: 'owner' as const, logoUrl: null } : undefined
    state.accounts.set(key, { user, password: body.password, orgs: organization ? [organization] : [] })
    return signedIn(state, key, organization ? { organization } : {})
  },
  async refresh({ request, state }) {
    const { refreshToken } = await fields(request, ['refreshToken'])
    const session = [...state.sessions.values()].find((s) => s.refreshToken === refreshToken || s.previousRefreshTokens?.includes(refreshToken))
    if (session && session.refreshToken !== refreshToken) session.revoked = true // a rotated token came back: stolen, end the session
    if (!session || session.revoked) throw new WireError(401, 'INVALID_REFRESH_TOKEN', 'The session has ended. Sign in again.')
    session.previousRefreshTokens = [...(session.previousRefreshTokens ?? []), refreshToken]
    session.refreshToken = state.nextId('lumen_rt')
    session.lastActiveAt = new Date().toISOString()
    return json(state, 200, { accessToken: state.mintAccess(session), refreshToken: session.refreshToken })
  },
  async logout({ request, state }) {
    const { refreshToken } = await fields(request, ['refreshToken'])
    for (const s of state.sessions.values()) if (s.refreshToken === refreshToken) s.revoked = true
    return json(state, 204)
  },
  async passwordResetRequest({ request, state }) {
    const { email } = await fields(request, ['email'])
    if (state.accounts.has(email.toLowerCase())) state.resetTokens.set(state.nextId('lumen_reset'), email.toLowerCase())
    return json(state, 200, { message: 'If an account exists for this email, we sent a link to reset the password.' })
  },
  async passwordResetConfirm({ request, state }) {
    const { token, newPassword } = await fields(request, ['token', 'newPassword'])
    const email = state.resetTokens.get(token)
    if (!email) throw new WireError(400, 'INVALID_TOKEN', 'This reset link is invalid, expired or already used.', [{ field: 'token', message: 'Invalid or expired.' }])
    checkNewAccount(state, { password: newPassword })
    state.resetTokens.delete(token)
    state.accounts.get(email)!.password = newPassword
    for (const s of state.sessions.values()) if (s.email === email) s.revoked = true
    return json(state, 200, { message: 'Your password has been changed. Sign in with the new one.' })
  },
  async acceptInvitation({ request, state }) {
    const body = await fields(request, ['token', 'firstName', 'lastName', 'password'])
    const invitation = state.invitations.get(body.token)
    if (!invitation) throw new WireError(404, 'NOT_FOUND', 'This invitation does not exist.')
    if (invitation.acceptedAt) throw new WireError(409, 'INVITATION_USED', 'This invitation has already been used.')
    checkNewAccount(state, { password: body.password, email: invitation.email })
    const key = invitation.email.toLowerCase()
    const user = { id: state.nextId('usr'), email: invitation.email, firstName: body.firstName, lastName: body.lastName, photoUrl: null, createdAt: new Date().toISOString() }
    state.accounts.set(key, { user, password: body.password, orgs: [findOrg(state, invitation.organizationId, invitation.role)] })
    invitation.acceptedAt = new Date().toISOString()
    return signedIn(state, key)
  },
  me: me(() => undefined),
  switchOrg: me(async ({ request, state }, session) => {
    const { organizationId } = await fields(request, ['organizationId'])
    if (!accountOf(state, session).orgs.some((o) => o.id === organizationId)) throw new WireError(403, 'NOT_A_MEMBER', 'You are not a member of this organization.')
    session.activeOrg = organizationId
  }),
  async sessionsList({ request, state }) {
    const current = requireSession(state, request)
    const sessions = [...state.sessions.values()]
      .filter((s) => s.email === current.email && !s.revoked && s.listed !== false)
      .map(({ id, userAgent, ipAddress, createdAt, lastActiveAt }) => ({ id, userAgent, ipAddress, createdAt, lastActiveAt, current: id === current.id }))
    return json(state, 200, { sessions })
  },
  async sessionsRevoke({ request, params, state }) {
    const current = requireSession(state, request)
    const target = state.sessions.get(params.id ?? '')
    if (!target || target.email !== current.email || target.revoked) throw new WireError(404, 'NOT_FOUND', 'Session not found.')
    target.revoked = true
    return json(state, 204)
  },
  photoUpload: me(async ({ request, state }, session) => {
    const file = (await request.formData().catch(() => null))?.get('file')
    if (!file || typeof file === 'string') throw invalid([{ field: 'file', message: 'Required.' }], 'Upload the picture in the `file` field.')
    if (file.size > AVATAR_LIMIT) throw new WireError(413, 'PAYLOAD_TOO_LARGE', 'A profile picture may be at most 5 MB.')
    if (!AVATAR_TYPES.includes(file.type)) throw new WireError(415, 'UNSUPPORTED_MEDIA_TYPE', 'A profile picture must be a PNG, JPEG or WebP image.')
    const account = accountOf(state, session)
    dropAsset(state, account.user.photoUrl)
    const id = state.nextId('ast')
    state.assets.set(id, { type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) })
    const apiBase = request.url.slice(0, request.url.indexOf(API_PREFIX) + API_PREFIX.length)
    account.user = { ...account.user, photoUrl: apiBase + ROUTES.assetsContent.path.replace(':id', id) }
  }),
  photoDelete: me((ctx, session) => {
    const account = accountOf(ctx.state, session)
    dropAsset(ctx.state, account.user.photoUrl)
    account.user = { ...account.user, photoUrl: null }
  }),
  async licenseGet({ request, params, state, fixtures }) {
    const session = requireSession(state, request)
    const org = request.headers.get('x-organization-id')
    const slug = params.productSlug ?? ''
    if (!org) throw invalid([{ field: 'x-organization-id', message: 'Required.' }], 'Choose an organization: send the x-organization-id header.')
    if (!accountOf(state, session).orgs.some((o) => o.id === org)) throw new WireError(403, 'NOT_A_MEMBER', 'You are not a member of this organization.')
    const answer = state.licenses[org]?.[slug]
    if (answer === 'loading') await wait(Infinity, request.signal)
    if (answer === 'error') throw new WireError(503, 'SERVICE_UNAVAILABLE', 'The license service is unavailable.')
    if (typeof answer === 'object') {
      // As the API: an invalid license carries no status (an expired one says so in `/auth/me`).
      const { status, ...rest } = answer
      return json(state, 200, { ...rest, ...(answer.valid && status && { status }), productSlug: slug, organizationId: org })
    }
    if (!knownProduct(state, slug)) throw new WireError(404, 'NOT_FOUND', 'No such product.')
    return json(state, 200, fixtures.entitlement({ tier: null, productSlug: slug, organizationId: org }))
  },
  async productGet({ params, state }) {
    const product = state.products.find((p) => p.slug === params.productSlug)
    if (!product) throw new WireError(404, 'NOT_FOUND', 'No such product.')
    return json(state, 200, product)
  },
  async assetsContent({ params, state }) {
    const asset = state.assets.get(params.id ?? '')
    if (!asset) throw new WireError(404, 'NOT_FOUND', 'No such asset.')
    return new Response(asset.bytes.slice().buffer, { status: 200, headers: { 'content-type': asset.type, 'x-request-id': state.nextId('req') } })
  },
}

function dropAsset(state: LumenTestState, url: string | null): void {
  const id = url?.match(/\/assets\/([^/]+)\/content$/)?.[1]
  if (id) state.assets.delete(id)
}
