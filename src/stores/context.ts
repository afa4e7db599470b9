/**
 * What the store needs from the plugin that created it: the client, the default product, the cache
 * TTL and the tab channel. Provided per app by `createLumen` (no module-level singleton, so SSR
 * requests and two apps never share one); `src/vue/context.ts` adds the store, `ready` and the app.
 */
import { getActivePinia } from 'pinia'
import { hasInjectionContext, inject } from 'vue'
import type { InjectionKey } from 'vue'
import type { LumenClientLike } from './types.js'

/** Messages between tabs of one app. They never carry a token. */
export type LumenTabMessage =
  | { type: 'login' }
  | { type: 'logout'; reason?: 'user' | 'expired' | 'revoked' }
  | { type: 'org'; organizationId: string | null }
  | { type: 'tokens' }

/** The part of the per-app context the store reads. */
export interface LumenStoreContext {
  client: LumenClientLike
  /** Default product slug for `useLicense()` / `useFeature()`. */
  product: string | null
  /** Entitlement cache lifetime in ms. */
  ttl: number
  /** Tell other tabs (a no-op without tab sync). */
  broadcast(message: LumenTabMessage): void
}

/** @internal The injection key of the per-app context (typed in full by `src/vue/context.ts`). */
export const LUMEN_STORE_CONTEXT_KEY: InjectionKey<LumenStoreContext> = Symbol('lumen-account')

/** @internal The docs link every setup error ends with. */
export const DOCS = 'See https://github.com/vss-software/lumen-account-sdk#vue'

/**
 * @internal The context of the app this call runs in: inside a component `setup`, a Pinia store, a
 * router guard, `app.runWithContext()` / `lumen.runWithContext()`, or (browser apps) after install
 * through the active Pinia's app. Throws a `[lumen-account]` error otherwise.
 */
export function injectLumenContext(caller: string): LumenStoreContext {
  const find = () => inject(LUMEN_STORE_CONTEXT_KEY, null)
  // Plain modules after install: the active Pinia knows its app. In SSR prefer the explicit
  // `lumen.runWithContext()`: the active Pinia is whichever request installed last.
  const ctx = (hasInjectionContext() && find()) || getActivePinia()?._a?.runWithContext(find)
  if (ctx) return ctx
  throw new Error(
    `[lumen-account] ${caller}() needs the plugin: app.use(createLumen(...)), then call it in setup(), a store, a guard or lumen.runWithContext(). ${DOCS}`,
  )
}

/** @internal The product a call is about: its own, else the plugin's `product`. Throws without one. */
export function productOf(ctx: Pick<LumenStoreContext, 'product'>, product: string | null | undefined, caller: string): string {
  const slug = product || ctx.product
  if (!slug) throw new Error(`[lumen-account] ${caller}() needs a product: pass one, or set createLumen({ product }).`)
  return slug
}
