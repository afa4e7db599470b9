/**
 * The entitlement cache behind `useLumenStore`: one entry per `orgId:product`, one request in
 * flight per key, a TTL with stale-while-revalidate, and aborts that drop late answers after an
 * org switch, login or logout. Created per store instance: no module state.
 */
import type { Ref } from 'vue'
import type { Product } from '../contract/types.js'
import { productOf } from '../vue/context.js'
import type { LumenContext } from '../vue/context.js'
import { isTransientError, noop, toErrorInfo } from '../vue/errors.js'
import type { LumenAuthStatus, LumenEntitlementEntry, LumenProductEntry } from '../vue/types.js'

/** How long a failed check (or a failed product lookup) waits before it is tried again. */
const ERROR_RETRY_MS = 5_000

/** The cache key of one org's license for one product. */
export function entitlementKey(organizationId: string, product: string): string {
  return `${organizationId}:${product}`
}

export interface EnsureEntitlementOptions {
  /** Fetch even when the cached answer is fresh. */
  force?: boolean
}

interface CacheState {
  status: Ref<LumenAuthStatus>
  activeOrganizationId: Ref<string | null>
  entitlements: Ref<Record<string, LumenEntitlementEntry>>
  products: Ref<Record<string, LumenProductEntry>>
}

const fresh = (updatedAt: number | null | undefined, ms: number) => updatedAt != null && Date.now() - updatedAt < ms

/** `switching()`: the org switch in progress, if any; checks wait for it instead of racing it. */
export function createEntitlementCache(ctx: LumenContext, state: CacheState, switching: () => Promise<void> | null) {
  const { status, activeOrganizationId, entitlements, products } = state
  // One controller per generation: invalidate() aborts every check in flight and drops its answer.
  let generation = new AbortController()
  const inflight = new Map<string, Promise<void>>()
  const productRuns = new Map<string, Promise<void>>()
  const used = new Set<string>()

  /** Abort every check in flight and drop whatever answers still arrive. */
  function invalidate(): void {
    generation.abort()
    generation = new AbortController()
    inflight.clear()
  }

  /** Load the active org's license for `product` unless a fresh answer is cached. */
  async function ensure(product?: string | null, options: EnsureEntitlementOptions = {}): Promise<void> {
    const slug = productOf(ctx, product, 'ensureEntitlement')
    used.add(slug)
    for (let run = switching(); run; run = switching()) await run.catch(noop)
    const org = activeOrganizationId.value
    if (status.value !== 'authenticated' || !org) return
    const key = entitlementKey(org, slug)
    const running = inflight.get(key)
    if (running) return running
    const entry = entitlements.value[key]
    if (!options.force && fresh(entry?.updatedAt, entry?.error ? ERROR_RETRY_MS : ctx.ttl)) return

    const { signal } = generation
    const write = (next: Partial<LumenEntitlementEntry>) => {
      if (signal.aborted) return // late answer for an old org or session
      entitlements.value[key] = { status: 'success', data: null, stale: false, error: null, ...next, updatedAt: Date.now() }
    }
    // First load shows `loading`; a retry after an error keeps showing the error until it is answered.
    entitlements.value[key] ??= { status: 'loading', data: null, updatedAt: null, stale: false, error: null }
    const run: Promise<void> = ctx.client.licenses
      .get(slug, { signal })
      .then((data) => {
        if (data.organizationId && data.organizationId !== org) throw new Error('[lumen-account] license of another org')
        write({ data })
      })
      .catch((e: unknown) => {
        if ((e as Error | null)?.name === 'AbortError') return
        const prev = entitlements.value[key]
        const error = toErrorInfo(e)
        // Offline or a 5xx: the last good answer stays, marked stale; never collapse into "denied".
        write(prev?.data && isTransientError(e) ? { ...prev, stale: true, error } : { status: 'error', error })
      })
      .finally(() => {
        if (inflight.get(key) === run) inflight.delete(key)
      })
    inflight.set(key, run)
    return run
  }

  /** Re-check every product asked for so far (org switch, login, paywall, focus after the TTL). */
  async function revalidate(force = false): Promise<void> {
    await Promise.all([...used].map((p) => ensure(p, { force })))
  }

  /** Load a product's tiers once (for `requiredTier` / `hasTier`); a failure is retried after 5 s. */
  function ensureProduct(product?: string | null): Promise<void> {
    const slug = productOf(ctx, product, 'ensureProduct')
    const entry = products.value[slug]
    let run = productRuns.get(slug)
    if (run || entry?.data || fresh(entry?.updatedAt, ERROR_RETRY_MS)) return run ?? Promise.resolve()
    const write = (data: Product | null) => void (products.value[slug] = { status: data ? 'success' : 'error', data, updatedAt: Date.now() })
    products.value[slug] = { status: 'loading', data: null, updatedAt: null }
    run = ctx.client.products
      .get(slug)
      .then(write, () => write(null))
      .finally(() => productRuns.delete(slug))
    productRuns.set(slug, run)
    return run
  }

  return { ensure, revalidate, ensureProduct, invalidate }
}
