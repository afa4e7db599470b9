// "." entry: the framework-free client, the license middleware and the wire types.
// Each export names its leaf file (no barrel-of-barrels).

// ---- contract (wire types of docs/api.md)
export type * from './contract/types.js'
export { API_PREFIX, HEADERS, ROUTES, type RouteAuth, type RouteDef, type RouteName } from './contract/routes.js'

// ---- client (framework-free HTTP client: transport, refresh, storage, events, errors)
export {
  LumenAccountClient,
  type CallOptions,
  type LumenAccountClientOptions,
  type LumenServiceModeOptions,
  type LumenUserModeOptions,
} from './client/client.js'
export type { AuthApi } from './client/namespaces/auth.js'
export type { LicensesApi, MeApi, ProductsApi, UploadPhotoOptions } from './client/namespaces/me.js'
export type { AssetsApi, AssetUploadFields } from './client/namespaces/assets.js'
export type { ServiceApi } from './client/namespaces/service.js'
export type { RetryPolicy } from './client/retry.js'
export type { RefreshLock } from './client/refresh.js'
export type { UploadBytes, UploadInput, UploadProgressHandler } from './client/multipart.js'
export type {
  LicenseEventPayload,
  LogoutReason,
  LumenAccountEvent,
  LumenAccountEventHandler,
  LumenAccountEventMap,
  UsageEventPayload,
} from './client/events.js'
export {
  BrowserLocalStorageTokenStorage,
  BrowserSessionStorageTokenStorage,
  MemoryTokenStorage,
  type BrowserTokenStorageOptions,
  type StoredTokens,
  type TokenStorage,
  type WebStorageLike,
} from './client/storage.js'
export {
  ConflictError,
  ForbiddenError,
  LimitExceededError,
  LumenApiError,
  LumenConfigError,
  NetworkError,
  NotFoundError,
  OriginNotAllowedError,
  PaywallError,
  ServerError,
  SessionExpiredError,
  TimeoutError,
  UnauthorizedError,
  UnexpectedResponseError,
  ValidationError,
  type LumenErrorInit,
  type PaywallInfo,
} from './client/errors.js'
export {
  isConflictError,
  isForbiddenError,
  isLimitExceededError,
  isLumenApiError,
  isLumenConfigError,
  isNetworkError,
  isNotFoundError,
  isOriginNotAllowedError,
  isPaywallError,
  isServerError,
  isSessionExpiredError,
  isTimeoutError,
  isUnauthorizedError,
  isTransientError,
  isUnexpectedResponseError,
  isValidationError,
} from './client/guards.js'
export { featureAccess, isFeatureOn, parseLimit, type FeatureAccess, type FeatureReason } from './client/entitlements.js'

// ---- middleware (Express/Fastify license gating; no runtime import of express, fastify or ioredis)
export {
  FeatureNotEnabledError,
  InsufficientTierError,
  isLicenseMiddlewareError,
  LicenseCheckFailedError,
  LicenseMiddlewareError,
  LicenseServiceUnavailableError,
  NoActiveLicenseError,
  NoOrganizationIdError,
  OrgNotMemberError,
  UsageLimitExceededError,
} from './middleware/errors.js'
export { checkUsageLimit, enforceMinTier, extractOrgId, isLicenseServiceOutage } from './middleware/core.js'
export { checkLicenseCore, createRequireLicense } from './middleware/check.js'
export { cacheKey, InMemoryCache, type InMemoryCacheOptions } from './middleware/cache.js'
export { RedisCache, type RedisCacheOptions, type RedisLike } from './middleware/redis.js'
export {
  requiresLicenseExpress,
  type ExpressLikeNext,
  type ExpressLikeRequest,
  type ExpressLikeResponse,
} from './middleware/express.js'
export { requiresLicenseFastify, type FastifyLikeReply, type FastifyLikeRequest } from './middleware/fastify.js'
export type {
  LicenseChecker,
  LicenseRequestLike,
  LumenLicense,
  MiddlewareCache,
  OrganizationMembership,
  RequireLicenseOptions,
  TierSortOrder,
} from './middleware/types.js'
