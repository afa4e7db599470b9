/**
 * The entitlement cache behind `useLumenStore`: one entry per `orgId:product`, one request in
 * flight per key, a TTL with stale-while-revalidate, and aborts that drop late answers after an
 * org switch, login or logout. Created per store instance: no module state.
 */
import { ref } from 'vue'
import type { Ref } from 'vue'
import { productOf } from './context.js'
import type { LumenStoreContext } from './context.js'
import { isTransientError, noop, toErrorInfo } from './errors.js'
import { createAccessAnswers, entitlementKey } from './access.js'
import type { LicenseSummary } from '../contract/types.js'
import type { LumenAuthStatus, LumenEntitlementEntry, LumenErrorInfo, LumenProductEntry } from './types.js'

export { entitlementKey }

/** How long a failed check (or a failed product lookup) waits before it is tried again. */
const ERROR_RETRY_MS = 5_000
/** How long a license answer waits for its product's tier catalog, once it is in (see `ensure`). */
const CATALOG_GRACE_MS = 300

export interface EnsureEntitlementOptions {
  /** Fetch even when the cached answer is fresh. */
  force?: boolean
  /** @internal For this org instead of the active one (an org switch loads before it shows the org). */
  org?: string
}

interface CacheState {
  status: Ref<LumenAuthStatus>
  activeOrganizationId: Ref<string | null>
  /** `/auth/me`'s licenses: the only place that tells an expired license from none. */
  licenses: Ref<LicenseSummary[]>
  entitlements: Ref<Record<string, LumenEntitlementEntry>>
  products: Ref<Record<string, LumenProductEntry>>
}

const fresh = (updatedAt: number | null | undefined, ms: number) => updatedAt != null && Date.now() - updatedAt < ms

type Entry<T> = { status: 'loading' | 'success' | 'error'; data: T | null; updatedAt: number | null; verifiedAt?: number | null; stale?: boolean; error?: LumenErrorInfo | null }

/** `switching()`: the org switch in progress, if any; checks wait for it instead of racing it. */
export function createEntitlementCache(ctx: LumenStoreContext, state: CacheState, switching: () => Promise<void> | null) {
  const { status, activeOrganizationId, entitlements, products } = state
  // One controller per generation: invalidate() aborts every check in flight and drops its answer.
  let generation = new AbortController()
  const inflight = new Map<string, Promise<void>>()
  // Catalog loads are not tied to an org or a session: invalidate() leaves them running.
  const catalogs = new Map<string, Promise<void>>()
  const used = new Set<string>()
  // `staleMaxAge`: a kept answer turns into an error once too old; the timers only tick `clock`.
  const clock = ref(0)
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const limit = () => ctx.ttl + ctx.staleMaxAge
  const tooOld = (e: LumenEntitlementEntry) => clock.value >= 0 && !!e.stale && e.verifiedAt != null && Date.now() - e.verifiedAt > limit()
  function expireAt(verifiedAt: number | null | undefined): void {
    const ms = (verifiedAt ?? NaN) + limit() - Date.now()
    if (!(ms < 2 ** 31)) return // never (no time, or an infinite TTL)
    const timer = setTimeout(() => (timers.delete(timer), clock.value++), Math.max(0, ms) + 1)
    timers.add(timer)
  }

  /** Abort every check in flight and drop whatever answers still arrive. */
  function invalidate(): void {
    generation.abort()
    generation = new AbortController()
    inflight.clear()
    timers.forEach(clearTimeout)
    timers.clear()
  }

  /**
   * One request per key, unless `record[key]` is younger than `ttl` (failures: 5 s). The first load
   * shows `loading`; a retry keeps showing the last answer or error until it is answered. An answer
   * that arrives after `signal` was aborted is dropped.
   */
  function load<T>(record: Ref<Record<string, Entry<T>>>, key: string, ttl: number, fetch: () => Promise<T>, force?: boolean, signal?: AbortSignal): Promise<void> {
    const entry = record.value[key]
    const flights = record === (products as unknown) ? catalogs : inflight
    const running = flights.get(key)
    if (running || (!force && fresh(entry?.updatedAt, entry?.error ? ERROR_RETRY_MS : ttl))) return running ?? Promise.resolve()
    const write = (next: Partial<Entry<T>>) => {
      if (!signal?.aborted) record.value[key] = { status: 'success', data: null, stale: false, error: null, ...next, updatedAt: Date.now() }
    }
    record.value[key] ??= { status: 'loading', data: null, updatedAt: null, stale: false, error: null }
    const run: Promise<void> = fetch()
      .then(
        (data) => write({ data, verifiedAt: Date.now() }),
        (e: unknown) => {
          if ((e as Error | null)?.name === 'AbortError') return
          const prev = record.value[key]
          const error = toErrorInfo(e)
          // Offline or a 5xx: the last good answer stays, marked stale; never collapse into "denied".
          const keep = !!prev?.data && isTransientError(e)
          write(keep ? { ...prev, stale: true, error } : { status: 'error', error })
          if (keep) expireAt(prev.verifiedAt)
        },
      )
      .finally(() => flights.get(key) === run && flights.delete(key))
    flights.set(key, run)
    return run
  }

  /** Load the active org's license for `product` unless a fresh answer is cached. */
  async function ensure(product?: string | null, options: EnsureEntitlementOptions = {}): Promise<void> {
    const slug = productOf(ctx, product, 'ensureEntitlement')
    used.add(slug)
    // Inside a switch (`org` given) the switch itself is what `switching()` would wait for.
    if (!options.org) for (let run = switching(); run; run = switching()) await run.catch(noop)
    const org = options.org ?? activeOrganizationId.value
    if (status.value !== 'authenticated' || !org) return
    const { signal } = generation
    // The product's tiers come with its first license answer (then cached for good): `hasTier` and
    // `requiredTier` are known the moment the license is, not one request later. Both go out at
    // once; a catalog still missing CATALOG_GRACE_MS after the license answered (slow, retrying,
    // failing) no longer holds the license back: it lands when it lands.
    const fetch = () => {
      const catalog = ensureProduct(slug).catch(noop)
      return ctx.client.licenses.get(slug, { signal }).then(async (data) => {
        if (data.organizationId && data.organizationId !== org) throw new Error('[lumen-account] license of another org')
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([catalog, new Promise<void>((done) => (timer = setTimeout(done, CATALOG_GRACE_MS)))])
        clearTimeout(timer)
        return data
      })
    }
    return load(entitlements, entitlementKey(org, slug), ctx.ttl, fetch, options.force, signal)
  }

  /** Re-check every product asked for so far (login, paywall, focus after the TTL; `org`: an org switch). */
  async function revalidate(force = false, org?: string): Promise<void> {
    await Promise.all([...used].map((p) => ensure(p, { force, org })))
  }

  /** Load a product's tiers once (for `requiredTier` / `hasTier`); not tied to an org or session. */
  function ensureProduct(product?: string | null): Promise<void> {
    const slug = productOf(ctx, product, 'ensureProduct')
    return load(products, slug, Infinity, () => ctx.client.products.get(slug))
  }

  /** Load `product`'s license unless its answer is fresh; never inside a render (deferred). */
  function touch(product: string): void {
    const org = activeOrganizationId.value
    const entry = org ? entitlements.value[entitlementKey(org, product)] : undefined
    if (org && inflight.has(entitlementKey(org, product))) return
    if (!used.has(product) || !fresh(entry?.updatedAt, entry?.error ? ERROR_RETRY_MS : ctx.ttl)) queueMicrotask(() => void ensure(product).catch(noop))
  }

  const answers = createAccessAnswers(state, { touch, ensureProduct, tooOld })
  return { ensure, revalidate, ensureProduct, invalidate, touch, ...answers }
}
