/**
 * Types of the Vue layer: the slice of `LumenAccountClient` it drives, plugin options, error info.
 * Structural on purpose: the testing kit plugs an in-memory client into the same store.
 */
import type {
  AcceptInvitationRequest,
  EntitlementResponse,
  LicenseSummary,
  MeResponse,
  OrganizationSummary,
  Product,
  RegisterRequest,
  Session,
  User,
} from '../contract/types.js'
import type { UploadInput } from '../client/multipart.js'

/** Per-call options every client method accepts. */
export interface LumenCallOptions {
  signal?: AbortSignal
}

/** A file for `uploadPhoto`: a browser `Blob`/`File`, or the Node form of the seed. */
export type LumenPhotoInput = UploadInput

/** The part of `LumenAccountClient` the store drives. Any object with this shape works (tests, fakes). */
export interface LumenClientLike {
  auth: {
    login(email: string, password: string, options?: LumenCallOptions): Promise<unknown>
    register(input: RegisterRequest, options?: LumenCallOptions): Promise<unknown>
    logout(options?: LumenCallOptions): Promise<unknown>
    refresh(options?: LumenCallOptions): Promise<unknown>
    requestPasswordReset(email: string, options?: LumenCallOptions): Promise<unknown>
    resetPassword(token: string, newPassword: string, options?: LumenCallOptions): Promise<unknown>
    acceptInvitation(input: AcceptInvitationRequest, options?: LumenCallOptions): Promise<unknown>
    sessions: {
      list(options?: LumenCallOptions): Promise<{ sessions: Session[] }>
      revoke(id: string, options?: LumenCallOptions): Promise<unknown>
    }
  }
  me: {
    get(options?: LumenCallOptions): Promise<MeResponse>
    switchOrg(organizationId: string, options?: LumenCallOptions): Promise<MeResponse>
    uploadPhoto(file: LumenPhotoInput, options?: LumenCallOptions & { onProgress?: (fraction: number) => void }): Promise<MeResponse>
    deletePhoto(options?: LumenCallOptions): Promise<MeResponse>
  }
  licenses: { get(productSlug: string, options?: LumenCallOptions): Promise<EntitlementResponse> }
  products: { get(productSlug: string, options?: LumenCallOptions): Promise<Product> }
  setActiveOrg(organizationId: string | null): void
  getActiveOrg(): string | null
  hasTokens(): Promise<boolean>
  getAccessToken?(): Promise<string | null>
  getRefreshToken?(): Promise<string | null>
  clearTokens(): Promise<void>
  // Handlers typed loosely here: the real client's typed `on` is assignable to this.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: any, handler: (...args: any[]) => void): () => void
  dispose?(): void
}

/** An error as the store keeps it: plain data, no `body`, no token, safe to serialize. */
export interface LumenErrorInfo {
  name: string
  message: string
  code: string | null
  status: number | null
  requestId: string | null
}

export type LumenAuthStatus = 'restoring' | 'anonymous' | 'authenticated'

/** One cached license answer, per `orgId:product`. */
export interface LumenEntitlementEntry {
  /** `loading` only until the first answer; later fetches revalidate in the background. */
  status: 'loading' | 'success' | 'error'
  data: EntitlementResponse | null
  /** `Date.now()` of the last answer (success or error). */
  updatedAt: number | null
  /** The data is older than the last attempt (a network error kept the last good answer). */
  stale: boolean
  error: LumenErrorInfo | null
}

export interface LumenProductEntry {
  status: 'loading' | 'success' | 'error'
  data: Product | null
  /** `Date.now()` of the last answer. */
  updatedAt: number | null
  stale?: boolean
  /** Why the last lookup failed (retried after 5 s). */
  error?: LumenErrorInfo | null
}

/** Serializable snapshot of the store, for SSR hydration (`initialState`) and the testing kit. */
export interface LumenInitialState {
  status?: LumenAuthStatus
  user?: User | null
  organizations?: OrganizationSummary[]
  activeOrganizationId?: string | null
  licenses?: LicenseSummary[]
  entitlements?: Record<string, LumenEntitlementEntry>
  products?: Record<string, LumenProductEntry>
}
