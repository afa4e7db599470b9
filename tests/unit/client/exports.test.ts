/**
 * Everything the seed's "Types reference" imports, and the client's runtime exports, come from ".".
 * The type imports are checked by `tsc` (npm run typecheck): a missing type fails the build.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as root from '../../../src/index.js'
import type {
  // client
  LumenAccountClient, LumenAccountClientOptions, LumenAccountEvent, LumenAccountEventHandler,
  // service responses
  VerifyTokenResponse, CheckLicenseResponse, ReportUsageResponse,
  // auth responses
  LoginResponse, RegisterResponse, AcceptInvitationResponse, PasswordResetRequest, PasswordResetResponse,
  SessionListResponse, Session,
  // summaries returned by /auth/me
  OrganizationSummary, LicenseSummary,
  // middleware
  RequireLicenseOptions, MiddlewareCache, TierSortOrder,
  // domain
  User, Organization, Product, Tier, License, LicenseStatus, OrganizationRole, BillingInterval,
  PricingModel, ProductStatus, Invoice, PaymentMethod, Address, PaginatedResult,
} from '../../../src/index.js'

type SeedTypes = [
  LumenAccountClient, LumenAccountClientOptions, LumenAccountEvent, LumenAccountEventHandler,
  VerifyTokenResponse, CheckLicenseResponse, ReportUsageResponse,
  LoginResponse, RegisterResponse, AcceptInvitationResponse, PasswordResetRequest, PasswordResetResponse,
  SessionListResponse, Session, OrganizationSummary, LicenseSummary,
  RequireLicenseOptions, MiddlewareCache, TierSortOrder,
  User, Organization, Product, Tier, License, LicenseStatus, OrganizationRole, BillingInterval,
  PricingModel, ProductStatus, Invoice, PaymentMethod, Address, PaginatedResult<User>,
]

describe('exports of "."', () => {
  it('every type of the seed', () => {
    expectTypeOf<SeedTypes['length']>().toEqualTypeOf<33>()
    expectTypeOf<CheckLicenseResponse['tier']>().toEqualTypeOf<string | null>()
    expectTypeOf<LumenAccountEvent>().toEqualTypeOf<keyof root.LumenAccountEventMap>()
  })

  it('the client, its storages, error classes and guards', () => {
    const names = [
      'LumenAccountClient', 'MemoryTokenStorage', 'BrowserLocalStorageTokenStorage', 'BrowserSessionStorageTokenStorage',
      'LumenApiError', 'ValidationError', 'UnauthorizedError', 'SessionExpiredError', 'PaywallError', 'ForbiddenError',
      'NotFoundError', 'ConflictError', 'LimitExceededError', 'ServerError', 'NetworkError', 'TimeoutError',
      'UnexpectedResponseError', 'LumenConfigError', 'OriginNotAllowedError',
      'isLumenApiError', 'isValidationError', 'isUnauthorizedError', 'isSessionExpiredError', 'isPaywallError',
      'isForbiddenError', 'isNotFoundError', 'isConflictError', 'isLimitExceededError', 'isServerError',
      'isNetworkError', 'isTimeoutError', 'isUnexpectedResponseError', 'isLumenConfigError', 'isOriginNotAllowedError',
    ]
    for (const name of names) expect(typeof (root as Record<string, unknown>)[name], name).toBe('function')
  })
})
