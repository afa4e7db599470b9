/**
 * Public types of the license middleware. Framework-free: nothing here imports express or fastify,
 * so the emitted `.d.ts` works for consumers that install neither.
 */
import type { CheckLicenseResponse } from '../contract/types.js'

/** Tier slug → rank. Higher = more feature-rich, e.g. `{ starter: 1, pro: 2, enterprise: 3 }`. */
export type TierSortOrder = Record<string, number>

/** A key/value cache with per-entry TTL. Implement it to share results between server instances. */
export interface MiddlewareCache {
  get<T>(key: string): Promise<T | null>
  set(key: string, value: unknown, ttlSeconds?: number): Promise<void>
}

/**
 * What the middleware needs from a client: `LumenAccountClient` fits (its `service.checkLicense`
 * is preferred, the flat `checkLicense` is the fallback), and so does any test double.
 */
export type LicenseChecker =
  | { service: { checkLicense(organizationId: string, productSlug: string, options?: { signal?: AbortSignal }): Promise<CheckLicenseResponse> } }
  | { checkLicense(organizationId: string, productSlug: string, options?: { signal?: AbortSignal }): Promise<CheckLicenseResponse> }

/**
 * One organization the caller belongs to: its id, or an object with an `id` (such as the
 * `OrganizationSummary` entries `verifyToken` and `/auth/me` return).
 */
export type OrganizationMembership = string | { readonly id: string }

export interface RequireLicenseOptions {
  /** Minimum required tier slug. */
  minTier?: string
  /**
   * Tier sort-order mapping. Higher = more feature-rich, e.g. `{ starter: 1, pro: 2, enterprise: 3 }`.
   * Required when `minTier` is set and the current tier is not an exact match; otherwise the
   * middleware falls back to slug equality.
   */
  tierSortOrder?: TierSortOrder
  /**
   * External cache (e.g. `RedisCache`). Defaults to an `InMemoryCache` scoped to the middleware
   * instance; swap in a shared one for multi-instance deployments.
   */
  cache?: MiddlewareCache
  /** Feature key that must be on in the license (`isFeatureOn`), else 403 `FEATURE_NOT_ENABLED`. */
  feature?: string
  /** How long a valid result is served from cache, in seconds. @default 60 */
  ttlSeconds?: number
  /** How long an invalid result is served from cache, so a fresh purchase shows up quickly. @default 10 */
  negativeTtlSeconds?: number
  /**
   * When Lumen is unreachable or answers 5xx, keep serving a cached result up to this many seconds
   * past its TTL (marked `x-lumen-license: stale`). `0` disables it. @default 300
   */
  staleIfErrorSeconds?: number
  /**
   * Bound on each `get` / `set` of a custom `cache`, in ms: a cache that fails or hangs (Redis down)
   * counts as a miss after it, so requests are still answered. `0` disables. @default 250
   */
  cacheTimeoutMs?: number
  /**
   * Deadline of one license check in ms, the client's own retries included (passed as `signal`).
   * Past it the check counts as an outage: stale result or 503. `0` disables. @default 10_000
   */
  checkTimeoutMs?: number
  /**
   * The organizations the caller of this request belongs to. When the request carries a list (this
   * function's answer, else `req.user.organizations`), an org id outside it is refused with 403
   * `ORG_NOT_MEMBER` before any cache lookup or call to Lumen. `null` / `undefined`: no list, the
   * org id (header first) is trusted as sent. Synchronous: resolve memberships in your auth
   * middleware. @default (req) => req.user?.organizations
   */
  // Method syntax on purpose: its parameter is bivariant, so `(req: express.Request) => …` fits.
  getMemberships?(req: LicenseRequestLike): readonly OrganizationMembership[] | ReadonlySet<string> | null | undefined
  /**
   * Most license checks of this middleware in flight at Lumen at once (distinct orgs; requests for
   * the same org share one check). More wait in a queue, within `checkTimeoutMs`. `0`: no cap.
   * @default 16
   */
  maxConcurrentChecks?: number
  /**
   * Most checks waiting for a free slot; beyond it a check fails at once as an outage (stale result
   * or 503), so a flood of made-up org ids neither queues without bound nor reaches Lumen. @default 1000
   */
  maxQueuedChecks?: number
  /** Capacity of the default `InMemoryCache` (LRU). Ignored when `cache` is given. @default 10_000 */
  maxCacheEntries?: number
  /**
   * Told about errors the middleware absorbs or hides from the HTTP answer: a failing cache (treated
   * as a miss), a Lumen outage (stale result or 503) and unexpected errors (500). For logging only.
   */
  onError?: (error: unknown, context: { organizationId?: string, productSlug: string, phase: 'cache' | 'check' }) => void
}

/** The license result attached to the request as `req.lumenLicense` / `request.lumenLicense`. */
export interface LumenLicense extends CheckLicenseResponse {
  organizationId: string
  productSlug: string
  /** `true` when served from cache past its TTL because Lumen was unreachable (stale-if-error). */
  stale: boolean
}

/**
 * The request fields the middleware reads: the org header, and `user.orgId` and
 * `user.organizations` (the caller's memberships) set by your auth middleware upstream.
 */
export interface LicenseRequestLike {
  headers?: Record<string, string | string[] | undefined> | undefined
  user?: unknown
}

/** @internal What the middleware stores in its cache: the answer plus when and for how long. */
export interface LicenseCacheEntry {
  value: CheckLicenseResponse
  /** Epoch ms. */
  storedAt: number
  /** Freshness in seconds; the entry may outlive it by `staleIfErrorSeconds`. */
  ttl: number
}
