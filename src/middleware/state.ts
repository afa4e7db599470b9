/**
 * The state of one middleware instance: its options, validated and resolved once (a bad value is a
 * startup error, not a failure per request), its cache, in-flight checks and check limiter.
 */
import type { CheckLicenseResponse } from '../contract/types.js'
import { InMemoryCache } from './cache.js'
import { type CallLimiter, createLimiter } from './limit.js'
import type { LicenseCacheEntry, MiddlewareCache, RequireLicenseOptions } from './types.js'

/** @internal A license answer and whether it is served past its TTL. */
export interface Lookup {
  value: CheckLicenseResponse
  stale: boolean
}

/** @internal Options resolved once per middleware instance. */
export interface GateState {
  cache: MiddlewareCache | null
  ttl: number
  negativeTtl: number
  staleIfError: number
  /** Bound on each call to a custom cache, ms (`Infinity` for the in-process default cache). */
  cacheTimeout: number
  /** Deadline of one license check, the client's retries included, ms. */
  checkTimeout: number
  onError: NonNullable<RequireLicenseOptions['onError']>
  /** Single flight: the license check under way per cache key. */
  inflight: Map<string, Promise<Lookup>>
  /** Cap on the license checks in flight at Lumen (distinct keys), with a bounded queue. */
  limiter: CallLimiter
}

function seconds(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`[lumen-account] ${name} must be a finite number >= 0, got ${String(value)}`)
  }
  return value
}

function count(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!(value === Infinity || (Number.isInteger(value) && value >= 0))) {
    throw new RangeError(`[lumen-account] ${name} must be an integer >= 0, got ${String(value)}`)
  }
  return value
}

/** @internal */
export function resolveState(options: RequireLicenseOptions, defaultCache: () => MiddlewareCache | null): GateState {
  const cacheTimeout = seconds(options.cacheTimeoutMs, 250, 'cacheTimeoutMs')
  const maxChecks = count(options.maxConcurrentChecks, 16, 'maxConcurrentChecks') || Infinity
  return {
    cache: options.cache ?? defaultCache(),
    ttl: seconds(options.ttlSeconds, 60, 'ttlSeconds'),
    negativeTtl: seconds(options.negativeTtlSeconds, 10, 'negativeTtlSeconds'),
    staleIfError: seconds(options.staleIfErrorSeconds, 300, 'staleIfErrorSeconds'),
    cacheTimeout: options.cache && !(options.cache instanceof InMemoryCache) && cacheTimeout > 0 ? cacheTimeout : Infinity,
    checkTimeout: seconds(options.checkTimeoutMs, 10_000, 'checkTimeoutMs') || Infinity,
    onError: (error, context) => {
      try {
        options.onError?.(error, context)
      } catch {
        // A throwing logger must not change the HTTP answer.
      }
    },
    inflight: new Map(),
    limiter: createLimiter(maxChecks, count(options.maxQueuedChecks, 1000, 'maxQueuedChecks')),
  }
}

/** @internal `true` for anything shaped like a license check answer. */
export function isAnswer(value: unknown): value is CheckLicenseResponse {
  return !!value && typeof value === 'object' && typeof (value as { valid?: unknown }).valid === 'boolean'
}

/** @internal Accepts our envelopes, and bare answers a user put in the cache (fresh while the cache keeps them). */
export function asEntry(raw: unknown): LicenseCacheEntry | null {
  if (!raw || typeof raw !== 'object') return null
  const e = raw as Partial<LicenseCacheEntry>
  if (isAnswer(e.value) && typeof e.storedAt === 'number' && typeof e.ttl === 'number') return e as LicenseCacheEntry
  return isAnswer(raw) ? { value: raw, storedAt: Date.now(), ttl: Infinity } : null
}
