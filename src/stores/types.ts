/** Types of the Vue layer: the slice of the client it drives, plugin options, error info. */
import type {
  EntitlementResponse,
  LicenseSummary,
  OrganizationSummary,
  Product,
  User,
} from '../contract/types.js'
import type { LumenUserClient } from '../client/userClient.js'
import type { UploadInput } from '../client/multipart.js'

/** Per-call options every client method accepts. */
export interface LumenCallOptions {
  signal?: AbortSignal
}

/** A file for `uploadPhoto`: a browser `Blob`/`File`, or the Node form of the seed. */
export type LumenPhotoInput = UploadInput

/**
 * The part of the client the store and the plugin drive: a `Pick` of `LumenUserClient`, the
 * user-mode client `createLumen()` builds, which `LumenAccountClient` (passed as `client`, or the
 * testing kit's) extends; so events are typed from its event map.
 */
export type LumenClientLike = Pick<
  LumenUserClient,
  'auth' | 'me' | 'licenses' | 'products' | 'setActiveOrg' | 'getActiveOrg' | 'hasTokens' | 'getAccessToken' | 'getRefreshToken' | 'clearTokens' | 'on' | 'dispose'
>

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
  /** `Date.now()` of the last good answer; a kept one turns into `error` `staleMaxAge` past the TTL. */
  verifiedAt?: number | null
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
