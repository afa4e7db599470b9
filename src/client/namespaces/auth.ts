/** `client.auth`: the auth flows (never credentialed), logout, refresh and the session list. */
import type {
  AcceptInvitationRequest, AcceptInvitationResponse, LoginResponse, PasswordResetResponse, RegisterRequest,
  RegisterResponse, SessionListResponse,
} from '../../contract/types.js'
import {
  ACCEPT_INVITATION, LOGIN, PASSWORD_RESET_CONFIRM, PASSWORD_RESET_REQUEST, REGISTER, routeCall, SESSIONS_LIST, SESSIONS_REVOKE,
} from '../../contract/routes.js'
import { request } from '../http.js'
import type { CallOptions, CallSpec, Core } from '../http.js'
import { revoke } from '../refresh.js'
import { abortable } from '../retry.js'

export interface AuthApi {
  /** `POST /auth/login`. A user-mode client stores the returned tokens. */
  login(email: string, password: string, options?: CallOptions): Promise<LoginResponse>
  /** `POST /auth/register` (optionally creating an organization). Stores the tokens in user mode. */
  register(input: RegisterRequest, options?: CallOptions): Promise<RegisterResponse>
  /** Ends the session: clears the tokens, emits `auth:logout` `{ reason: 'user' }`, then tells the server (best effort). */
  logout(options?: CallOptions): Promise<void>
  /** Refresh the tokens now (shared with any refresh already running). Rejects with SessionExpiredError if the session is over. */
  refresh(options?: CallOptions): Promise<void>
  /** `POST /auth/password-reset/request`; the same answer whether or not the email exists. */
  requestPasswordReset(email: string, options?: CallOptions): Promise<PasswordResetResponse>
  /** `POST /auth/password-reset/confirm` with the token from the email link. */
  resetPassword(token: string, newPassword: string, options?: CallOptions): Promise<PasswordResetResponse>
  /** `POST /auth/invitations/accept`: creates the invited user's account and signs in (tokens stored in user mode). */
  acceptInvitation(input: AcceptInvitationRequest, options?: CallOptions): Promise<AcceptInvitationResponse>
  sessions: {
    /** `GET /auth/sessions`: the user's active sessions (`current: true` marks this one). */
    list(options?: CallOptions): Promise<SessionListResponse>
    /** `DELETE /auth/sessions/:id`. Revoking the current session logs this device out (`auth:logout` `{ reason: 'revoked' }`). */
    revoke(sessionId: string, options?: CallOptions): Promise<void>
  }
}

/** @internal */
export function createAuth(core: Core, userMode: boolean): AuthApi {
  let currentSession: string | null = null

  /** An auth flow that signs in: a user-mode client stores the returned tokens. */
  async function signIn<T extends LoginResponse>(route: string, body: unknown, options?: CallOptions): Promise<T> {
    const check: CallSpec['check'] = (d) => typeof d.accessToken === 'string' && typeof d.refreshToken === 'string'
    const data = await request<T>(core, route, { auth: 'none', body, check, once: true, ...options })
    if (userMode) await core.tokens.set(data)
    return data
  }

  async function endSession(reason: 'user' | 'revoked'): Promise<string | null> {
    const { refreshToken } = await core.tokens.get()
    await core.tokens.clear()
    currentSession = null
    core.emitter.emit('auth:logout', { reason })
    return refreshToken
  }

  return {
    login: (email, password, options) => signIn(LOGIN, { email, password }, options),
    register: (input, options) => signIn(REGISTER, input, options),
    async logout(options) {
      const refreshToken = await endSession('user')
      // The local session is gone either way; a dead or unreachable server changes nothing here.
      if (refreshToken) await revoke(core, refreshToken, options).catch(() => {})
    },
    async refresh(options) {
      // An already-aborted call starts nothing.
      options?.signal?.throwIfAborted()
      return abortable(core.refresher.refresh(), options?.signal)
    },
    requestPasswordReset: (email, options) =>
      request(core, PASSWORD_RESET_REQUEST, { auth: 'none', body: { email }, once: true, ...options }),
    resetPassword: (token, newPassword, options) =>
      request(core, PASSWORD_RESET_CONFIRM, { auth: 'none', body: { token, newPassword }, once: true, ...options }),
    acceptInvitation: (input, options) => signIn(ACCEPT_INVITATION, input, options),
    sessions: {
      async list(options) {
        const data = await request<SessionListResponse>(core, SESSIONS_LIST, { auth: 'user', check: (d) => Array.isArray(d.sessions), ...options })
        currentSession = data.sessions.find((s) => s.current)?.id ?? currentSession
        return data
      },
      async revoke(sessionId, options) {
        await request(core, routeCall(SESSIONS_REVOKE, sessionId), { auth: 'user', check: false, ...options })
        if (sessionId === currentSession) await endSession('revoked')
      },
    },
  }
}
