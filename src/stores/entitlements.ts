/**
 * The entitlement cache behind `useLumenStore`: one entry per `orgId:product`, one request in
 * flight per key, a TTL with stale-while-revalidate, and a generation counter that drops late
 * answers after an org switch, login or logout. Created per store instance: no module state.
 */
import type { Ref } from 'vue'
import type { LumenContext } from '../vue/context.js'
import { isAbortError, isTransientError, toErrorInfo } from '../vue/errors.js'
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

interface CacheDeps {
  ctx: LumenContext
  status: Ref<LumenAuthStatus>
  activeOrganizationId: Ref<string | null>
  entitlements: Ref<Record<string, LumenEntitlementEntry>>
  products: Ref<Record<string, LumenProductEntry>>
  /** The org switch in progress, if any: checks wait for it instead of racing it. */
  switching: () => Promise<void> | null
}

export function createEntitlementCache(deps: CacheDeps) {
  const { ctx, status, activeOrganizationId, entitlements, products } = deps
  let generation = 0
  const inflight = new Map<string, Promise<void>>()
  const productInflight = new Map<string, Promise<void>>()
  const controllers = new Set<AbortController>()
  const used = new Set<string>()

  function resolveProduct(product?: string | null): string {
    const slug = product || ctx.product
    if (!slug) throw new Error('[lumen-account] No product: pass one, or set createLumen({ product }).')
    return slug
  }

  /** Abort every check in flight and drop whatever answers still arrive. */
  function invalidate(): void {
    generation++
    for (const c of controllers) c.abort()
    controllers.clear()
    inflight.clear()
  }

  function needsFetch(entry: LumenEntitlementEntry | undefined, force: boolean): boolean {
    if (force || !entry || entry.updatedAt === null) return true
    const age = Date.now() - entry.updatedAt
    if (entry.error) return age >= ERROR_RETRY_MS
    return age >= ctx.ttl
  }

  /** Load the active org's license for `product` unless a fresh answer is cached. */
  async function ensure(product?: string | null, options: EnsureEntitlementOptions = {}): Promise<void> {
    const slug = resolveProduct(product)
    used.add(slug)
    const switching = deps.switching()
    if (switching) {
      await switching.catch(() => undefined)
      return ensure(slug, options)
    }
    const org = activeOrganizationId.value
    if (status.value !== 'authenticated' || !org) return
    const key = entitlementKey(org, slug)
    const running = inflight.get(key)
    if (running) return running
    const entry = entitlements.value[key]
    if (!needsFetch(entry, options.force === true)) return

    const gen = generation
    const controller = new AbortController()
    controllers.add(controller)
    // First load shows `loading`; a retry after an error keeps showing the error until it is answered.
    if (!entry) entitlements.value[key] = { status: 'loading', data: null, updatedAt: null, stale: false, error: null }
    const request = ctx.client.licenses
      .get(slug, { signal: controller.signal })
      .then(
        (data) => {
          if (gen !== generation) return // late answer for an old org or session
          if (data.organizationId && data.organizationId !== org) throw new Error('[lumen-account] License answer for another organization.')
          entitlements.value[key] = { status: 'success', data, updatedAt: Date.now(), stale: false, error: null }
        },
      )
      .catch((e: unknown) => {
        if (gen !== generation || controller.signal.aborted || isAbortError(e)) return
        const prev = entitlements.value[key]
        const error = toErrorInfo(e)
        // Offline or a 5xx: the last good answer stays, marked stale; never collapse into "denied".
        entitlements.value[key] =
          prev?.data && isTransientError(e)
            ? { ...prev, status: 'success', stale: true, updatedAt: Date.now(), error }
            : { status: 'error', data: null, updatedAt: Date.now(), stale: false, error }
      })
      .finally(() => {
        controllers.delete(controller)
        if (inflight.get(key) === request) inflight.delete(key)
      })
    inflight.set(key, request)
    return request
  }

  /** Re-check every product asked for so far (org switch, login, paywall, focus after the TTL). */
  async function revalidate(force = false): Promise<void> {
    await Promise.all([...used].map((p) => ensure(p, { force })))
  }

  /** Load a product's tiers once (for `requiredTier` / `hasTier`). */
  function ensureProduct(product?: string | null): Promise<void> {
    const slug = resolveProduct(product)
    const running = productInflight.get(slug)
    if (running) return running
    const entry = products.value[slug]
    if (entry?.status === 'success') return Promise.resolve()
    if (entry?.status === 'error' && entry.updatedAt !== null && Date.now() - entry.updatedAt < ERROR_RETRY_MS) return Promise.resolve()
    products.value[slug] = { status: 'loading', data: null, updatedAt: null }
    const request = ctx.client.products
      .get(slug)
      .then(
        (data) => void (products.value[slug] = { status: 'success', data, updatedAt: Date.now() }),
        () => void (products.value[slug] = { status: 'error', data: null, updatedAt: Date.now() }),
      )
      .finally(() => productInflight.delete(slug))
    productInflight.set(slug, request)
    return request
  }

  return { ensure, revalidate, ensureProduct, invalidate, resolveProduct }
}
