/**
 * The framework-free license gate: cache lookup, one deduplicated license check per key,
 * stale-if-error, then the verdict. The Express and Fastify adapters are thin wrappers around it.
 */
import type { CheckLicenseResponse } from '../contract/types.js'
import { cacheKey, InMemoryCache } from './cache.js'
import { assertLicense, extractOrgId, isLicenseServiceOutage, isUnknownOrganization } from './core.js'
import { isLicenseMiddlewareError, LicenseCheckFailedError, LicenseServiceUnavailableError } from './errors.js'
import { bounded, CheckSlotUnavailableError } from './limit.js'
import { assertOrgMember } from './membership.js'
import { asEntry, type GateState, isAnswer, type Lookup, resolveState } from './state.js'
import type { LicenseCacheEntry, LicenseChecker, LicenseRequestLike, LumenLicense, RequireLicenseOptions } from './types.js'

const NO_LICENSE: CheckLicenseResponse = /* #__PURE__ */ Object.freeze({ valid: false, tier: null, features: null, limits: null, unitCount: null })

type CheckFn = (organizationId: string, productSlug: string, options?: { signal?: AbortSignal }) => Promise<CheckLicenseResponse>

function callChecker(client: LicenseChecker, organizationId: string, productSlug: string, ms: number): Promise<CheckLicenseResponse> {
  // The seed's `client.checkLicense()` when there is one (a spy on it sees the call), else `client.service`'s.
  const owner = (typeof (client as { checkLicense?: unknown }).checkLicense === 'function' ? client : (client as { service: object }).service) as { checkLicense: CheckFn }
  // The signal stops the client's attempts and retries: passed to a checker that declares the
  // parameter (the client's do). A `(org, slug)` checker is called with exactly those; the race
  // bounds it either way.
  if (owner.checkLicense.length < 3 || ms === Infinity) return owner.checkLicense(organizationId, productSlug)
  return owner.checkLicense(organizationId, productSlug, { signal: AbortSignal.timeout(ms) })
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
    const check = (msLeft: number) => callChecker(client, organizationId, productSlug, msLeft)
    const answer: unknown = await state.limiter.run(check, state.checkTimeout, 'The license service')
    if (!isAnswer(answer)) throw new TypeError('[lumen-account] Malformed license check answer')
    value = answer
  } catch (error) {
    state.onError(error, { organizationId, productSlug, phase: 'check' })
    if (isUnknownOrganization(error)) return remember(organizationId, productSlug, state, key, NO_LICENSE)
    // No slot at Lumen (flooded with distinct org ids): like an outage, stale result or 503.
    if (!(error instanceof CheckSlotUnavailableError) && !isLicenseServiceOutage(error)) throw error
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
   * The org id the request names, once the caller may name it: no id → `NoOrganizationIdError`,
   * outside the request's memberships → `OrgNotMemberError`, both before cache and Lumen.
   */
  organizationOf(req: LicenseRequestLike): string
  /**
   * The answer from a fresh in-memory cache entry, synchronously (no promise on the hot path), or
   * `undefined` when `check` must run. Throws the verdict's error like `check`.
   */
  peek(organizationId: string): LumenLicense | undefined
  check(organizationId: string): Promise<LumenLicense>
}

/** @internal */
export function createLicenseGate(client: LicenseChecker, productSlug: string, options: RequireLicenseOptions = {}): LicenseGate {
  const state = resolveState(options, () => new InMemoryCache({ maxEntries: options.maxCacheEntries ?? 10_000 }))
  const check = gate(client, productSlug, options, state)
  const memory = state.cache instanceof InMemoryCache ? state.cache : null
  const getMemberships = options.getMemberships?.bind(options)
  // Cached answers `assertLicense` let through (weak: never outlives the cache; denials re-run).
  const passed = new WeakSet<CheckLicenseResponse>()
  return {
    organizationOf(req) {
      const organizationId = extractOrgId(req)
      assertOrgMember(req, organizationId, getMemberships)
      return organizationId
    },
    peek(organizationId) {
      if (!memory) return undefined
      const entry = asEntry(memory.getSync<unknown>(cacheKey(organizationId, productSlug)))
      if (!entry || Date.now() >= entry.storedAt + entry.ttl * 1000) return undefined
      // The verdict depends only on the answer and the options: decided once per answer let through.
      if (!passed.has(entry.value)) {
        assertLicense(entry.value, productSlug, options)
        passed.add(entry.value)
      }
      return toLicense(entry.value, organizationId, productSlug, false)
    },
    async check(organizationId) {
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
 * The framework-free middleware: resolves the org id of a request (refusing one outside the
 * request's memberships) and returns its license or throws a `LicenseMiddlewareError` (any other
 * failure becomes a `LicenseCheckFailedError`, 500).
 * Options are resolved once; the instance owns its cache, its in-flight checks and their cap.
 * @example const requireHr = createRequireLicense(client, 'lumen-hr'); const license = await requireHr(req)
 */
export function createRequireLicense(
  client: LicenseChecker,
  productSlug: string,
  options: RequireLicenseOptions = {},
): (req: LicenseRequestLike) => Promise<LumenLicense> {
  const { organizationOf, peek, check } = createLicenseGate(client, productSlug, options)
  return async (req) => {
    const organizationId = organizationOf(req)
    return peek(organizationId) ?? check(organizationId)
  }
}
