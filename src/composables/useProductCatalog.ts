import { computed, getCurrentInstance, onServerPrefetch, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { Product, Tier } from '../contract/types.js'
import { productOf, useLumenContext } from '../stores/context.js'
import { noop } from '../stores/errors.js'
import type { LumenErrorInfo } from '../stores/types.js'

export type UseProductCatalogStatus = 'loading' | 'ready' | 'error'

export interface UseProductCatalogReturn {
  /** The product (`GET /products/:slug`), or `null` until it is known. */
  product: ComputedRef<Product | null>
  /** Its tiers, cheapest (lowest `sortOrder`) first. */
  tiers: ComputedRef<Tier[]>
  /** `error` when the catalog could not be loaded (tried again after 5 s on `refresh`). */
  status: ComputedRef<UseProductCatalogStatus>
  error: ComputedRef<LumenErrorInfo | null>
  /** The tier named `slug`, or `null`. */
  tier(slug: string | null | undefined): Tier | null
  /** Load it again after a failure. */
  refresh(): Promise<void>
}

/**
 * A product's tier catalog (names, prices, features, limits) from the store's one product cache:
 * the same entry the access rule compares tiers with, loaded once per app.
 * @example const { tiers, status } = useProductCatalog('lumen-hr')
 */
export function useProductCatalog(product?: MaybeRefOrGetter<string | null | undefined>): UseProductCatalogReturn {
  const ctx = useLumenContext('useProductCatalog')
  const { store } = ctx
  const slug = () => productOf(ctx, toValue(product), 'useProductCatalog')
  const load = () => store.ensureProduct(slug()).catch(noop)
  load()
  if (getCurrentInstance()) onServerPrefetch(load)
  // No watcher (a denied gate's card uses this): a product seen for the first time is loaded when
  // read, after the render (the store deduplicates; a loaded catalog never asks again).
  const entry = computed(() => {
    const e = store.products[slug()]
    if (!e) queueMicrotask(load)
    return e ?? null
  })
  const data = computed(() => entry.value?.data ?? null)
  const tiers = computed(() => [...(data.value?.tiers ?? [])].sort((a, b) => a.sortOrder - b.sortOrder))
  return {
    product: data,
    tiers,
    status: computed(() => (data.value ? 'ready' : entry.value?.status === 'error' ? 'error' : 'loading')),
    error: computed(() => entry.value?.error ?? null),
    tier: (s) => tiers.value.find((t) => t.slug === s) ?? null,
    refresh: load,
  }
}
