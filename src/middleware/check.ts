/**
 * The framework-free license gate: cache lookup, one deduplicated license check per key,
 * stale-if-error, then the verdict. The Express and Fastify adapters are thin wrappers around it.
 */
import type { CheckLicenseResponse } from '../contract/types.js'
import { cacheKey, InMemoryCache } from './cache.js'
import { assertLicense, extractOrgId, isLicenseServiceOutage, isUnknownOrganization } from './core.js'
import { isLicenseMiddlewareError, LicenseCheckFailedError, LicenseServiceUnavailableError } from './errors.js'
import type {
  LicenseCacheEntry,
  LicenseChecker,
  LicenseRequestLike,
  LumenLicense,
  MiddlewareCache,
  RequireLicenseOptions,
} from './types.js'

const NO_LICENSE: CheckLicenseResponse = /* #__PURE__ */ Object.freeze({ valid: false, tier: null, features: null, limits: null, unitCount: null })

interface Lookup {
  value: CheckLicenseResponse
  stale: boolean
}

/** @internal Options resolved once per middleware instance. */
interface GateState {
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
}

function seconds(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`[lumen-account] ${name} must be a finite number >= 0, got ${String(value)}`)
  }
  return value
}

function resolveState(options: RequireLicenseOptions, defaultCache: () => MiddlewareCache | null): GateState {
  const cacheTimeout = seconds(options.cacheTimeoutMs, 250, 'cacheTimeoutMs')
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
  }
}

function isAnswer(value: unknown): value is CheckLicenseResponse {
  return !!value && typeof value === 'object' && typeof (value as { valid?: unknown }).valid === 'boolean'
}

/** Accepts our envelopes, and bare answers a user put in the cache (fresh while the cache keeps them). */
function asEntry(raw: unknown): LicenseCacheEntry | null {
  if (!raw || typeof raw !== 'object') return null
  const e = raw as Partial<LicenseCacheEntry>
  if (isAnswer(e.value) && typeof e.storedAt === 'number' && typeof e.ttl === 'number') return e as LicenseCacheEntry
  return isAnswer(raw) ? { value: raw, storedAt: Date.now(), ttl: Infinity } : null
}

/**
 * A call bounded by `ms`, rejecting with a `TimeoutError` after it. A cache that hangs (ioredis
 * queues commands while Redis is down, for ~10 s by default) must cost a miss, and a Lumen that
 * hangs (10 s per attempt, plus retries) a stale answer or a 503, not a stalled request.
 */
function bounded<T>(call: () => Promise<T>, ms: number, what = 'The license cache'): Promise<T> {
  let promise: Promise<T>
  try {
    promise = Promise.resolve(call())
  } catch (error) {
    return Promise.reject(error as Error)
  }
  if (ms === Infinity) return promise
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`[lumen-account] ${what} did not answer within ${ms} ms`)
      error.name = 'TimeoutError'
      reject(error)
    }, ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function callChecker(client: LicenseChecker, organizationId: string, productSlug: string, ms: number): Promise<CheckLicenseResponse> {
  // The signal stops the client's attempts and retries; the race also bounds checkers that ignore it.
  const call = ms === Infinity ? {} : { signal: AbortSignal.timeout(ms) }
  const service = 'service' in client ? client.service : undefined
  if (service && typeof service.checkLicense === 'function') return service.checkLicense(organizationId, productSlug, call)
  return (client as Extract<LicenseChecker, { checkLicense: unknown }>).checkLicense(organizationId, productSlug, call)
}

/** A license check's answer and the cache write it started (settles, never rejects). */
interface Flight {
  lookup: Lookup
  written: Promise<void>
}

const WRITTEN: Promise<void> = /* #__PURE__ */ Promise.resolve()

async function refresh(
  client: LicenseChecker, organizationId: string, productSlug: string, state: GateState, key: string,
  previous: LicenseCacheEntry | null,
): Promise<Flight> {
  let value: CheckLicenseResponse
  try {
    const answer: unknown = await bounded(() => callChecker(client, organizationId, productSlug, state.checkTimeout), state.checkTimeout, 'The license service')
    if (!isAnswer(answer)) throw new TypeError('[lumen-account] Malformed license check answer')
    value = answer
  } catch (error) {
    state.onError(error, { organizationId, productSlug, phase: 'check' })
    if (isUnknownOrganization(error)) return remember(organizationId, productSlug, state, key, NO_LICENSE)
    if (!isLicenseServiceOutage(error)) throw error
    const usableUntil = previous ? previous.storedAt + (previous.ttl + state.staleIfError) * 1000 : 0
    if (previous && usableUntil > Date.now()) return { lookup: { value: previous.value, stale: true }, written: WRITTEN }
    throw new LicenseServiceUnavailableError(productSlug, { cause: error })
  }
  return remember(organizationId, productSlug, state, key, value)
}

/**
 * Starts caching an answer (valid: `ttl`, invalid: `negativeTtl`) and returns it as fresh at once:
 * the requests waiting on it do not wait for the cache write.
 */
function remember(
  organizationId: string, productSlug: string, state: GateState, key: string, value: CheckLicenseResponse,
): Flight {
  const ttl = value.valid ? state.ttl : state.negativeTtl
  let written = WRITTEN
  const cache = state.cache
  if (cache && ttl > 0) {
    const entry: LicenseCacheEntry = { value, storedAt: Date.now(), ttl }
    // The cache keeps the entry past its freshness so stale-if-error has something to serve.
    written = bounded(() => cache.set(key, entry, ttl + state.staleIfError), state.cacheTimeout).catch((error: unknown) => {
      state.onError(error, { organizationId, productSlug, phase: 'cache' })
    })
  }
  return { lookup: { value, stale: false }, written }
}

async function lookup(client: LicenseChecker, organizationId: string, productSlug: string, state: GateState): Promise<Lookup> {
  const key = cacheKey(organizationId, productSlug)
  let entry: LicenseCacheEntry | null = null
  if (state.cache) {
    try {
      const cache = state.cache
      entry = asEntry(await bounded(() => cache.get<unknown>(key), state.cacheTimeout))
    } catch (error) {
      // A broken cache (Redis down) must not take the gate down: treat it as a miss.
      state.onError(error, { organizationId, productSlug, phase: 'cache' })
    }
  }
  if (entry && Date.now() < entry.storedAt + entry.ttl * 1000) return { value: entry.value, stale: false }

  let pending = state.inflight.get(key)
  if (!pending) {
    const flight = refresh(client, organizationId, productSlug, state, key, entry)
    pending = flight.then((f) => f.lookup)
    state.inflight.set(key, pending)
    // Deleted only once the cache write settled, so no request sees both a cold cache and no flight.
    void flight.then((f) => f.written, () => undefined).then(() => state.inflight.delete(key))
  }
  return pending
}

function toLicense(value: CheckLicenseResponse, organizationId: string, productSlug: string, stale: boolean): LumenLicense {
  // Own fields first: in V8 (Node 20), `{ ...value, extra }` takes microseconds, this takes ~0.1.
  return { organizationId, productSlug, stale, ...value }
}

function gate(client: LicenseChecker, productSlug: string, options: RequireLicenseOptions, state: GateState) {
  if (typeof productSlug !== 'string' || productSlug === '') throw new TypeError('[lumen-account] productSlug is required')
  // A wrong first argument is a bug to report at startup, not a 503 ("outage") on every request.
  const c = client as { service?: { checkLicense?: unknown }, checkLicense?: unknown } | null
  if (typeof c?.service?.checkLicense !== 'function' && typeof c?.checkLicense !== 'function') {
    throw new TypeError('[lumen-account] The first argument must be a LumenAccountClient (or have checkLicense(organizationId, productSlug))')
  }
  return async (organizationId: string): Promise<LumenLicense> => {
    const { value, stale } = await lookup(client, organizationId, productSlug, state)
    assertLicense(value, productSlug, options)
    return toLicense(value, organizationId, productSlug, stale)
  }
}

/**
 * One license decision for one organization, without request handling: cached in `options.cache`
 * when given (no default cache here), stale-if-error, then valid / `minTier` / `feature`.
 * @throws NoActiveLicenseError | InsufficientTierError | FeatureNotEnabledError | LicenseServiceUnavailableError;
 * other failures of the check (e.g. the client's `UnauthorizedError` for a rejected service key) as they are.
 * @example const license = await checkLicenseCore(client, 'org_acme', 'lumen-hr', { minTier: 'pro' })
 */
export function checkLicenseCore(
  client: LicenseChecker,
  organizationId: string,
  productSlug: string,
  options: RequireLicenseOptions = {},
): Promise<LumenLicense> {
  return gate(client, productSlug, options, resolveState(options, () => null))(organizationId)
}

/** @internal The gate of one middleware instance, as the adapters use it. */
export interface LicenseGate {
  /**
   * The answer from a fresh in-memory cache entry, synchronously (no promise on the hot path), or
   * `undefined` when `check` must run. Throws the verdict's error like `check`.
   */
  peek(req: LicenseRequestLike): LumenLicense | undefined
  check(req: LicenseRequestLike): Promise<LumenLicense>
}

/** @internal */
export function createLicenseGate(client: LicenseChecker, productSlug: string, options: RequireLicenseOptions = {}): LicenseGate {
  const state = resolveState(options, () => new InMemoryCache({ maxEntries: options.maxCacheEntries ?? 10_000 }))
  const check = gate(client, productSlug, options, state)
  const memory = state.cache instanceof InMemoryCache ? state.cache : null
  return {
    peek(req) {
      const organizationId = extractOrgId(req)
      if (!memory) return undefined
      const entry = asEntry(memory.getSync<unknown>(cacheKey(organizationId, productSlug)))
      if (!entry || Date.now() >= entry.storedAt + entry.ttl * 1000) return undefined
      assertLicense(entry.value, productSlug, options)
      return toLicense(entry.value, organizationId, productSlug, false)
    },
    async check(req) {
      const organizationId = extractOrgId(req)
      try {
        return await check(organizationId)
      } catch (error) {
        if (isLicenseMiddlewareError(error)) throw error
        // Neither a verdict nor an outage: a bug or a misconfiguration, such as a rejected service
        // key (already reported to onError). Answer 500 without echoing Lumen's status or message.
        throw new LicenseCheckFailedError({ cause: error })
      }
    },
  }
}

/**
 * The framework-free middleware: resolves the org id of a request and returns its license or throws
 * a `LicenseMiddlewareError` (any other failure becomes a `LicenseCheckFailedError`, 500).
 * Options are resolved once; the instance owns its cache and its in-flight checks.
 * @example const requireHr = createRequireLicense(client, 'lumen-hr'); const license = await requireHr(req)
 */
export function createRequireLicense(
  client: LicenseChecker,
  productSlug: string,
  options: RequireLicenseOptions = {},
): (req: LicenseRequestLike) => Promise<LumenLicense> {
  const { peek, check } = createLicenseGate(client, productSlug, options)
  return async (req) => peek(req) ?? check(req)
}
