/**
 * Wire helpers of the in-memory Lumen: JSON answers, the error envelope of `docs/api.md`, body
 * parsing with field errors, and the `/auth/me` payload built from the state.
 */
import type { ErrorDetail, LicenseSummary, MeResponse } from '../contract/types.js'
import type { LumenTestAccount, LumenTestSession, LumenTestState } from './world.js'
import { trialEnd } from './world.js'

/** A failed request: becomes the error envelope. */
export class WireError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: ErrorDetail[] = [], readonly headers: Record<string, string> = {}) {
    super(message)
  }
}

export const json = (state: LumenTestState, status: number, body?: unknown, headers: Record<string, string> = {}): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'x-request-id': state.nextId('req'), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  })

export function errorResponse(state: LumenTestState, e: WireError): Response {
  const requestId = state.nextId('req')
  return new Response(JSON.stringify({ error: { code: e.code, message: e.message, details: e.details }, requestId }), {
    status: e.status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...e.headers },
  })
}

export const invalid = (details: ErrorDetail[], message = 'Some fields are not valid.') => new WireError(400, 'VALIDATION_FAILED', message, details)

/** The JSON body's string fields `names` (`optional` may be absent); a 400 with one detail per bad field otherwise. */
export async function fields<K extends string, O extends string = never>(request: Request, names: K[], optional: O[] = []): Promise<Record<K, string> & Partial<Record<O, string>>> {
  let body: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse((await request.text()) || '{}')
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>
  } catch {
    throw invalid([], 'The body must be JSON.')
  }
  const details: ErrorDetail[] = names.filter((n) => typeof body[n] !== 'string' || !(body[n] as string).trim()).map((field) => ({ field, message: 'Required.' }))
  for (const n of optional) if (body[n] !== undefined && typeof body[n] !== 'string') details.push({ field: n, message: 'Must be a string.' })
  if (details.length) throw invalid(details)
  return body as Record<K, string> & Partial<Record<O, string>>
}

/** The account a session belongs to. */
export const accountOf = (state: LumenTestState, session: LumenTestSession): LumenTestAccount => {
  const account = state.accounts.get(session.email)
  if (!account) throw new WireError(401, 'SESSION_REVOKED', 'This session has ended.')
  return account
}

/** `GET /auth/me` for a session: the user, their orgs, the licenses those orgs hold. */
export function meOf(state: LumenTestState, session: LumenTestSession): MeResponse {
  const account = accountOf(state, session)
  // An invalid answer seeded with `status: 'expired'` is an expired license: listed here as the API
  // does (`GET /licenses/:product` answers it without a status).
  const licenses: LicenseSummary[] = account.orgs.flatMap((org) =>
    Object.entries(state.licenses[org.id] ?? {}).flatMap(([productSlug, answer]): LicenseSummary[] =>
      typeof answer !== 'object'
        ? []
        : answer.valid
          ? [{ organizationId: org.id, productSlug, status: answer.status ?? 'active', tier: answer.tier, unitCount: answer.unitCount, trialEndsAt: trialEnd(answer.remainingDays) }]
          : (answer.status as string | undefined) === 'expired'
            ? [{ organizationId: org.id, productSlug, status: 'expired', tier: null, unitCount: null, trialEndsAt: null }]
            : [],
    ),
  )
  return { user: account.user, organizations: account.orgs, licenses, activeOrganizationId: session.activeOrg }
}

/** The session of a user-mode request: 401 without a valid access token. */
export function requireSession(state: LumenTestState, request: Request): LumenTestSession {
  const header = request.headers.get('authorization') ?? ''
  if (!header) throw new WireError(401, 'UNAUTHORIZED', "Send the user's access token as a Bearer token.")
  const session = state.sessionOf(header.replace(/^Bearer\s+/i, ''))
  if (!session) throw new WireError(401, 'TOKEN_EXPIRED', 'The access token is invalid or has expired.')
  return session
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function wait(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const timer = ms === Infinity ? undefined : setTimeout(done, ms)
    function done() {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    function onAbort() {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
