/** `client.auth`: the auth flows (never credentialed), logout, refresh and the session list. */
import { ROUTES } from '../../contract/routes.js'
import type {
  AcceptInvitationRequest, AcceptInvitationResponse, LoginResponse, PasswordResetResponse, RefreshResponse,
  RegisterRequest, RegisterResponse, SessionListResponse,
} from '../../contract/types.js'
import { request } from '../http.js'
import type { CallOptions, Core } from '../http.js'
import { abortReason } from '../retry.js'

const hasTokens = (d: Record<string, unknown>) => typeof d.accessToken === 'string' && typeof d.refreshToken === 'string'

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
export function createAuth(core: Core): AuthApi {
  let currentSession: string | null = null

  async function signIn<T extends LoginResponse>(data: T): Promise<T> {
    if (core.mode === 'user') await core.tokens.set({ accessToken: data.accessToken, refreshToken: data.refreshToken })
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
    async login(email, password, options) {
      return signIn(await request<LoginResponse>(core, { route: ROUTES.login, body: { email, password }, check: hasTokens, ...options }))
    },
    async register(input, options) {
      return signIn(await request<RegisterResponse>(core, { route: ROUTES.register, body: input, check: hasTokens, ...options }))
    },
    async logout(options) {
      const refreshToken = await endSession('user')
      if (!refreshToken) return
      try {
        await request(core, { route: ROUTES.logout, body: { refreshToken }, expect: 'none', ...options })
      } catch {
        // The local session is gone either way; a dead or unreachable server changes nothing here.
      }
    },
    refresh(options) {
      const flight = core.refresher.refresh()
      const signal = options?.signal
      if (!signal) return flight
      return new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(abortReason(signal))
        signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true })
        flight.then(resolve, reject)
      })
    },
    requestPasswordReset(email, options) {
      return request(core, { route: ROUTES.passwordResetRequest, body: { email }, ...options })
    },
    resetPassword(token, newPassword, options) {
      return request(core, { route: ROUTES.passwordResetConfirm, body: { token, newPassword }, ...options })
    },
    async acceptInvitation(input, options) {
      return signIn(await request<AcceptInvitationResponse>(core, { route: ROUTES.acceptInvitation, body: input, check: hasTokens, ...options }))
    },
    sessions: {
      async list(options) {
        const data = await request<SessionListResponse>(core, {
          route: ROUTES.sessionsList,
          check: (d) => Array.isArray(d.sessions),
          ...options,
        })
        currentSession = data.sessions.find((s) => s.current)?.id ?? currentSession
        return data
      },
      async revoke(sessionId, options) {
        await request(core, { route: ROUTES.sessionsRevoke, params: { id: sessionId }, expect: 'none', ...options })
        if (sessionId === currentSession) await endSession('revoked')
      },
    },
  }
}

/** `POST /auth/refresh` for the refresher. @internal */
export function postRefresh(core: Core, refreshToken: string): Promise<RefreshResponse> {
  return request<RefreshResponse>(core, { route: ROUTES.refresh, body: { refreshToken }, check: hasTokens })
}

/** Best-effort `POST /auth/logout`. @internal */
export function postLogout(core: Core, refreshToken: string): Promise<unknown> {
  return request(core, { route: ROUTES.logout, body: { refreshToken }, expect: 'none' })
}
