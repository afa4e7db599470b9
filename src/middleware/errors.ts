/**
 * Errors of the license middleware. Each carries a stable `statusCode` and `error` code (also as
 * `code`, which Fastify's default error handler prints) and serialises cleanly with `toJSON()`.
 */

/** Base class of every error the middleware throws; `instanceof` it to catch them all. */
export class LicenseMiddlewareError extends Error {
  override name = 'LicenseMiddlewareError'
  readonly statusCode: number
  readonly error: string
  /** Same as `error`: Node and Fastify conventionally read `code`. */
  readonly code: string
  /** Response headers to send with the error (Fastify's default error handler applies them too). */
  headers?: Record<string, string>

  constructor(statusCode: number, error: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.statusCode = statusCode
    this.error = error
    this.code = error
  }

  /** Extra public fields of the subclass (`product`, `requiredTier`, …). */
  protected extra(): Record<string, unknown> {
    return {}
  }

  /** The JSON body the Express adapter answers with. Never includes `cause` or a stack. */
  toJSON(): { statusCode: number, error: string, message: string } & Record<string, unknown> {
    return { statusCode: this.statusCode, error: this.error, message: this.message, ...this.extra() }
  }
}

/** 401: no `x-organization-id` header and no `req.user.orgId`. */
export class NoOrganizationIdError extends LicenseMiddlewareError {
  override name = 'NoOrganizationIdError'
  constructor(message = '[lumen-account] No organization id: send an x-organization-id header or authenticate first') {
    super(401, 'UNAUTHORIZED', message)
  }
}

/**
 * 403: the request names an organization (`x-organization-id` or `req.user.orgId`) outside the
 * memberships it carries (`getMemberships(req)` or `req.user.organizations`). Decided before any
 * call to Lumen. `organizationId` is the id the caller named.
 */
export class OrgNotMemberError extends LicenseMiddlewareError {
  override name = 'OrgNotMemberError'
  constructor(
    readonly organizationId: string,
    message = '[lumen-account] The caller is not a member of the organization it names',
  ) {
    super(403, 'ORG_NOT_MEMBER', message)
  }

  protected override extra() {
    return { organizationId: this.organizationId }
  }
}

/** 403: the organization holds no valid license for the product. */
export class NoActiveLicenseError extends LicenseMiddlewareError {
  override name = 'NoActiveLicenseError'
  constructor(readonly product: string, message = `[lumen-account] No active license for ${product}`) {
    super(403, 'NO_ACTIVE_LICENSE', message)
  }

  protected override extra() {
    return { product: this.product }
  }
}

/** 403: the license's tier is below `minTier`. */
export class InsufficientTierError extends LicenseMiddlewareError {
  override name = 'InsufficientTierError'
  constructor(
    readonly product: string,
    readonly requiredTier: string,
    readonly currentTier: string | null,
    message = `[lumen-account] ${product} requires tier ${requiredTier} (current: ${currentTier ?? 'none'})`,
  ) {
    super(403, 'INSUFFICIENT_TIER', message)
  }

  protected override extra() {
    return { product: this.product, requiredTier: this.requiredTier, currentTier: this.currentTier }
  }
}

/** 403: `checkUsageLimit` found the current usage above the license's limit. */
export class UsageLimitExceededError extends LicenseMiddlewareError {
  override name = 'UsageLimitExceededError'
  constructor(
    readonly usageType: string,
    readonly currentUsage: number,
    readonly limit: number,
    message = `[lumen-account] Usage limit exceeded for ${usageType}: ${currentUsage} of ${limit}`,
  ) {
    super(403, 'USAGE_LIMIT_EXCEEDED', message)
  }

  protected override extra() {
    return { usageType: this.usageType, currentUsage: this.currentUsage, limit: this.limit }
  }
}

/** 403: the license is valid but the `feature` option's feature is off in it. */
export class FeatureNotEnabledError extends LicenseMiddlewareError {
  override name = 'FeatureNotEnabledError'
  constructor(
    readonly product: string,
    readonly feature: string,
    message = `[lumen-account] Feature ${feature} is not enabled in the ${product} license`,
  ) {
    super(403, 'FEATURE_NOT_ENABLED', message)
  }

  protected override extra() {
    return { product: this.product, feature: this.feature }
  }
}

/**
 * 503: Lumen is unreachable or failing and nothing usable is cached. An outage is not "no license",
 * so this is never a 403. The original error is kept as `cause` (not serialised).
 */
export class LicenseServiceUnavailableError extends LicenseMiddlewareError {
  override name = 'LicenseServiceUnavailableError'
  constructor(
    readonly product: string,
    options?: { cause?: unknown },
    message = `[lumen-account] The license service is unavailable; cannot verify the ${product} license`,
  ) {
    super(503, 'LICENSE_SERVICE_UNAVAILABLE', message, options)
    this.headers = { 'retry-after': '5' }
  }

  protected override extra() {
    return { product: this.product }
  }
}

/**
 * 500: the license check failed for a reason that is neither a verdict nor an outage, e.g. Lumen
 * rejected the service key. The original error is kept as `cause` for logs, never sent to the caller.
 */
export class LicenseCheckFailedError extends LicenseMiddlewareError {
  override name = 'LicenseCheckFailedError'
  constructor(options?: { cause?: unknown }, message = '[lumen-account] The license check failed') {
    super(500, 'INTERNAL_ERROR', message, options)
  }
}

/** `true` for any error thrown by the middleware (works across two copies of the package). */
export function isLicenseMiddlewareError(error: unknown): error is LicenseMiddlewareError {
  if (error instanceof LicenseMiddlewareError) return true
  return error instanceof Error
    && typeof (error as { statusCode?: unknown }).statusCode === 'number'
    && typeof (error as { error?: unknown }).error === 'string'
    && typeof (error as { toJSON?: unknown }).toJSON === 'function'
}
