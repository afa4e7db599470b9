import type { AccessDecision } from '../client/access.js'
import type { FeatureReason } from '../client/entitlements.js'
import { computed, getCurrentInstance, inject, isRef, onServerPrefetch, ssrContextKey, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { FeatureValue } from '../contract/types.js'
import type { LumenAccessAnswer } from '../stores/access.js'
import { productOf, useLumenContext } from '../stores/context.js'
import { noop } from '../stores/errors.js'

export type UseFeatureStatus = 'loading' | 'allowed' | 'denied' | 'error'

export interface UseFeatureOptions {
  /** Product slug. @default the plugin's `product` */
  product?: MaybeRefOrGetter<string | null | undefined>
  /** Units the caller wants to use, checked against the limit. @default 1 */
  amount?: MaybeRefOrGetter<number | null | undefined>
  /** Lowest tier allowed (by the product's tier order; the catalog loads when it matters). */
  minTier?: MaybeRefOrGetter<string | null | undefined>
}

export interface UseFeatureReturn {
  /** Three-valued gate plus `error`: never `denied` because of a network error. */
  status: ComputedRef<UseFeatureStatus>
  /** The feature is in the license (a metered one may still be at its limit). */
  isEnabled: ComputedRef<boolean>
  /** `amount` more units fit under the limit. */
  canUse: ComputedRef<boolean>
  value: ComputedRef<FeatureValue | null>
  limit: ComputedRef<number | null>
  usage: ComputedRef<number | null>
  remaining: ComputedRef<number | null>
  reason: ComputedRef<FeatureReason>
  /** The lowest tier that includes the feature, or `minTier` (`GET /products/:slug`, fetched on first read). */
  requiredTier: ComputedRef<string | null>
  upgradeUrl: ComputedRef<string | null>
  /** The answer is the last good one, kept while offline. */
  isStale: ComputedRef<boolean>
  /** The access rule's full answer (`decideAccess`), with its precise `reason`. */
  access: ComputedRef<AccessDecision>
  refresh(): Promise<void>
}

type Field = Exclude<keyof LumenAccessAnswer, 'ask'>
const FIELDS = ['status', 'isEnabled', 'canUse', 'value', 'limit', 'usage', 'remaining', 'reason', 'requiredTier', 'upgradeUrl', 'isStale'] as const
const reactive = (v: unknown) => isRef(v) || typeof v === 'function'

/**
 * A read-only ref onto one field of the question's current shared answer. Not a computed: the
 * shared answer's fields are cached computeds already, so a gate holds a pointer, not an effect.
 */
class AnswerField {
  readonly __v_isRef = true
  readonly __v_isReadonly = true
  constructor(
    private readonly answer: ComputedRef<LumenAccessAnswer>,
    private readonly key: Field,
  ) {}
  get value(): unknown {
    return this.answer.value[this.key].value
  }
}

// The store's `access` without Pinia's per-call action wrapper (one per store; a memo, not state).
const asks = new WeakMap<object, LumenAccessAnswer['ask']>()

/**
 * Gate on one feature (and/or a minimum tier) of the active organization's license. Every caller
 * asking the same question shares one answer in the store: 1000 calls cost one plus a lookup.
 * @example const { status, canUse, remaining } = useFeature('api_calls', { amount: 10 })
 */
export function useFeature(feature: MaybeRefOrGetter<string | null | undefined>, options: UseFeatureOptions = {}): UseFeatureReturn {
  const ctx = useLumenContext('useFeature')
  const { store } = ctx
  const slug = () => toValue(options.product) || ctx.product || ''
  productOf(ctx, slug(), 'useFeature') // fail at setup, not at the first request
  // SSR: render the answer, not a spinner (a browser's gate registers no hook).
  if (getCurrentInstance() && inject(ssrContextKey, null)) onServerPrefetch(() => store.ensureEntitlement(slug()).catch(noop))
  const refresh = () => store.ensureEntitlement(slug(), { force: true })
  // The shared answer (its first asker loads the license; later ones reload it once it is old).
  const ask = (): LumenAccessAnswer => {
    const product = slug()
    const query = { feature: toValue(feature) ?? null, minTier: toValue(options.minTier) || null, amount: toValue(options.amount) ?? null }
    let raw = asks.get(store)
    if (!raw) asks.set(store, (raw = store.access(product, query).ask))
    return raw(product, query)
  }
  if (!reactive(feature) && !reactive(options.product) && !reactive(options.amount) && !reactive(options.minTier)) {
    // Static question: hand out the shared answer's own computeds.
    const { decision, ask: _, ...fields } = ask()
    return { ...fields, access: decision, refresh }
  }
  // Reactive question (a gate's props): one lookup computed per caller, and pointers into the answer.
  const answer = computed(ask)
  const out = { access: new AnswerField(answer, 'decision'), refresh } as Record<string, unknown>
  for (const k of FIELDS) out[k] = new AnswerField(answer, k)
  return out as unknown as UseFeatureReturn
}
