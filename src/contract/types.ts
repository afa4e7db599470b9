/**
 * The Lumen Accounting API wire contract (docs/api.md) as types.
 * The client (`src/client`) and the emulator (`emulator/`) both import these, so they cannot drift.
 */

// ---------------------------------------------------------------- domain

export type OrganizationRole = 'owner' | 'admin' | 'member'
export type LicenseStatus = 'active' | 'trial' | 'expired' | 'canceled'
export type BillingInterval = 'month' | 'year'
export type PricingModel = 'flat' | 'per_seat' | 'usage'
export type ProductStatus = 'active' | 'beta' | 'deprecated'

export interface User {
  id: string
  email: string
  firstName: string
  lastName: string
  /** Absolute URL of the profile picture, or `null`. */
  photoUrl: string | null
  createdAt: string
}

export interface Organization {
  id: string
  name: string
  slug: string
  logoUrl: string | null
  createdAt: string
}

export interface OrganizationSummary {
  id: string
  name: string
  slug: string
  role: OrganizationRole
  logoUrl: string | null
}

export interface LicenseSummary {
  organizationId: string
  productSlug: string
  status: LicenseStatus
  tier: string | null
  unitCount: number | null
  trialEndsAt: string | null
}

export interface License extends LicenseSummary {
  id: string
  createdAt: string
  updatedAt: string
}

export interface TierPrice {
  /** In minor units of `currency` (cents), as Stripe: `2900` is 29.00 EUR. */
  amount: number
  currency: string
  interval: BillingInterval
}

export interface Tier {
  slug: string
  name: string
  /** Higher = more feature-rich. */
  sortOrder: number
  price: TierPrice | null
  /** Every price the tier is sold at (e.g. monthly and yearly), when more than `price`. Optional, additive. */
  prices?: TierPrice[]
  features: Record<string, boolean | number | string>
  limits: Record<string, number | string>
}

export interface Product {
  slug: string
  name: string
  tiers: Tier[]
}

export interface Address {
  line1: string
  line2?: string | null
  city: string
  postalCode: string
  state?: string | null
  country: string
}

export interface Invoice {
  id: string
  organizationId: string
  number: string
  amount: number
  currency: string
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible'
  issuedAt: string
  dueAt: string | null
  pdfUrl: string | null
}

export interface PaymentMethod {
  id: string
  type: 'card' | 'sepa_debit' | 'invoice'
  brand: string | null
  last4: string | null
  expMonth: number | null
  expYear: number | null
  isDefault: boolean
}

export interface PaginatedResult<T> {
  items: T[]
  page: number
  limit: number
  total: number
}

// ---------------------------------------------------------------- auth flows

export interface LoginRequest {
  email: string
  password: string
}

export interface LoginResponse {
  accessToken: string
  refreshToken: string
  user: User
}

export interface RegisterRequest {
  email: string
  password: string
  firstName: string
  lastName: string
  organizationName?: string
}

export interface RegisterResponse extends LoginResponse {
  organization?: OrganizationSummary
}

export interface RefreshRequest {
  refreshToken: string
}

export interface RefreshResponse {
  accessToken: string
  refreshToken: string
}

export interface LogoutRequest {
  refreshToken: string
}

export interface PasswordResetRequest {
  email: string
}

export interface PasswordResetConfirmRequest {
  token: string
  newPassword: string
}

export interface PasswordResetResponse {
  message: string
}

export interface AcceptInvitationRequest {
  token: string
  firstName: string
  lastName: string
  password: string
}

export type AcceptInvitationResponse = LoginResponse

// ---------------------------------------------------------------- signed-in user

export interface MeResponse {
  user: User
  organizations: OrganizationSummary[]
  licenses: LicenseSummary[]
  activeOrganizationId: string | null
}

export interface SwitchOrgRequest {
  organizationId: string
}

export interface Session {
  id: string
  userAgent: string | null
  ipAddress: string | null
  createdAt: string
  lastActiveAt: string
  /** `true` for the session that made this request. */
  current: boolean
}

export interface SessionListResponse {
  sessions: Session[]
}

// ---------------------------------------------------------------- licenses

export type FeatureValue = boolean | number | string

/** Exactly the seed's shape. When `valid` is false, tier/features/limits/unitCount are `null`. */
export interface CheckLicenseResponse {
  valid: boolean
  status?: 'active' | 'trial'
  tier: string | null
  features: Record<string, FeatureValue> | null
  limits: Record<string, number | string> | null
  unitCount: number | null
  /** Only set on trial licenses. */
  remainingDays?: number
}

export interface EntitlementResponse extends CheckLicenseResponse {
  productSlug: string
  organizationId: string
  /** Current usage per limit key, e.g. `{ seats: 12, api_calls: 930 }`. */
  usage: Record<string, number>
  upgradeUrl: string | null
}

// ---------------------------------------------------------------- service

export interface VerifyTokenResponse {
  user: User
  organizations: OrganizationSummary[]
  licenses: LicenseSummary[]
}

export interface ReportUsageRequest {
  organizationId: string
  productSlug: string
  unitCount: number
}

export interface ReportUsageResponse {
  accepted: boolean
  warning?: 'limit_exceeded'
}

// ---------------------------------------------------------------- assets

export type AssetOwnerType = 'user' | 'org' | 'entity'
export type AssetVisibility = 'private' | 'public'

export interface Asset {
  id: string
  app: string
  kind: string
  ownerType: AssetOwnerType
  ownerId: string | null
  orgId: string | null
  visibility: AssetVisibility
  originalName: string
  contentType: string
  size: number
  metadata: Record<string, unknown>
  /** Absolute, externally reachable content URL. */
  url: string
  createdAt: string
  updatedAt: string
}

export type AssetListResponse = PaginatedResult<Asset>

export interface AssetListQuery {
  app?: string
  kind?: string
  orgId?: string
  ownerType?: AssetOwnerType
  ownerId?: string
  page?: number
  limit?: number
}

export interface AssetUpdateRequest {
  originalName?: string
  visibility?: AssetVisibility
  metadata?: Record<string, unknown>
}

// ---------------------------------------------------------------- errors

export type LumenErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_CREDENTIALS'
  | 'UNAUTHORIZED'
  | 'TOKEN_EXPIRED'
  | 'INVALID_TOKEN'
  | 'INVALID_REFRESH_TOKEN'
  | 'SESSION_REVOKED'
  | 'PAYWALL'
  | 'FORBIDDEN'
  | 'NOT_A_MEMBER'
  | 'NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'INVITATION_USED'
  | 'INVITATION_EXPIRED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  // emulator: requests Node's HTTP parser refuses (400, 431) or that never finish arriving (408)
  | 'MALFORMED_REQUEST'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  // client-side codes (no response, or refused before sending)
  | 'SESSION_EXPIRED'
  | 'UNEXPECTED_RESPONSE'
  | 'CONFIG_ERROR'
  | 'ORIGIN_NOT_ALLOWED'
  | 'INVALID_UPLOAD'
  | (string & {})

export interface ErrorDetail {
  field: string
  message: string
}

/** Every non-2xx response body. */
export interface ErrorEnvelope {
  error: {
    code: LumenErrorCode
    message: string
    details?: ErrorDetail[]
    /** 402 only. */
    product?: string
    feature?: string
    requiredTier?: string
    upgradeUrl?: string | null
  }
  requestId: string
}
