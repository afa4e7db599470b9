import { computed } from 'vue'
import type { ComputedRef } from 'vue'
import type { AcceptInvitationRequest, MeResponse, RegisterRequest, User } from '../contract/types.js'
import type { LumenFlow, LumenUploadOptions } from '../stores/lumen.js'
import { useLumenContext } from '../stores/context.js'
import type { LumenErrorInfo, LumenPhotoInput } from '../stores/types.js'

export interface UseAuthReturn {
  /** The signed-in user, or `null`. */
  user: ComputedRef<User | null>
  isAuthenticated: ComputedRef<boolean>
  /** `true` while the session is restored or an auth call runs. */
  isLoading: ComputedRef<boolean>
  /** The last failed call's error (plain data, no token). */
  error: ComputedRef<LumenErrorInfo | null>
  /** Sign in; resolves with the user. Rejects with the client's typed error. */
  login(email: string, password: string): Promise<User>
  /** Create an account (and optionally an organization) and sign in. */
  register(input: RegisterRequest): Promise<User>
  /** Sign out here and in every other tab of this app. Never rejects for network errors. */
  logout(): Promise<void>
  requestPasswordReset(email: string): Promise<void>
  resetPassword(token: string, newPassword: string): Promise<void>
  /** Accept an organization invitation (creating the account) and sign in. */
  acceptInvitation(input: AcceptInvitationRequest): Promise<User>
  /** Upload a new profile picture; `user.photoUrl` updates. Resolves with the refreshed `/auth/me` answer. */
  uploadPhoto(file: LumenPhotoInput, options?: LumenUploadOptions): Promise<MeResponse>
  /** Remove the profile picture; `user.photoUrl` becomes `null`. Resolves with the refreshed `/auth/me` answer. */
  deletePhoto(): Promise<MeResponse>
  /** Re-read `/auth/me`; resolves with it. */
  refreshUser(): Promise<MeResponse>
}

/**
 * The signed-in user and every auth flow.
 * @example const { user, login, logout } = useAuth()
 */
export function useAuth(): UseAuthReturn {
  const { store, client } = useLumenContext('useAuth')
  // Credentials stay in these closures: the store action only sees the flow's name.
  const flow = (kind: LumenFlow) => (...args: unknown[]) =>
    store.runFlow(kind, () => (client.auth[kind] as (...a: unknown[]) => Promise<unknown>)(...args))
  const signIn = (kind: LumenFlow) => (...args: unknown[]) => flow(kind)(...args).then(() => store.user as User)
  return {
    user: computed(() => store.user),
    isAuthenticated: computed(() => store.isAuthenticated),
    isLoading: computed(() => store.isLoading),
    error: computed(() => store.lastError),
    login: signIn('login'),
    register: signIn('register'),
    logout: store.logout,
    requestPasswordReset: flow('requestPasswordReset'),
    resetPassword: flow('resetPassword'),
    acceptInvitation: signIn('acceptInvitation'),
    uploadPhoto: store.uploadPhoto,
    deletePhoto: store.deletePhoto,
    refreshUser: store.refreshUser,
  }
}
