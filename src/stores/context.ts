/**
 * The one context module of the Vue layer: the per-app context `createLumen` provides (client,
 * default product, cache TTL, tab channel, store, `ready`, app), its injection key and
 * `useLumenContext`. Here, below the composables and beside the plugin, so the plugin, the store,
 * the guard and the composables all import it without a back-edge. Provided per app: no
 * module-level singleton, so SSR requests and two apps never share one.
 */
import { getActivePinia } from 'pinia'
import { hasInjectionContext, inject } from 'vue'
import type { App, InjectionKey } from 'vue'
import type { LumenStore } from './lumen.js'
import type { LumenClientLike } from './types.js'

/** Messages between tabs of one app. They never carry a token. */
export type LumenTabMessage =
  | { type: 'login' }
  | { type: 'logout'; reason?: 'user' | 'expired' | 'revoked' }
  | { type: 'org'; organizationId: string | null }
  | { type: 'tokens' }

/** The per-app context of `createLumen`. */
export interface LumenContext {
  client: LumenClientLike
  /** Default product slug for `useLicense()` / `useFeature()`. */
  product: string | null
  /** Entitlement cache lifetime in ms. */
  ttl: number
  /** How long past the TTL a kept (stale) license may still be shown, in ms. */
  staleMaxAge: number
  /** Tell other tabs (a no-op without tab sync). */
  broadcast(message: LumenTabMessage): void
  /** Resolves once the session has been restored or found absent. */
  ready: Promise<void>
  /** Set right after the store is created in `install()`. */
  store: LumenStore
  app: App
}

/** The part of the context the store reads (the store is created from it). */
export type LumenStoreContext = Pick<LumenContext, 'client' | 'product' | 'ttl' | 'staleMaxAge' | 'broadcast'>

/** Injection key of the per-app context. A described symbol, so devtools show what it is. */
export const LUMEN_CONTEXT_KEY: InjectionKey<LumenContext> = Symbol('lumen-account')

/** @internal The docs link every setup error ends with. */
export const DOCS = 'See https://www.npmjs.com/package/@vss-software/lumen-account-sdk#quick-start-a-vue-app'

/**
 * The context of the app this call runs in: inside a component `setup`, a Pinia store, a router
 * guard, `app.runWithContext()` / `lumen.runWithContext()`, or (browser apps) after install
 * through the active Pinia's app. Throws a `[lumen-account]` error otherwise.
 */
export function useLumenContext(caller: string): LumenContext {
  const find = () => inject(LUMEN_CONTEXT_KEY, null)
  // Plain modules after install: the active Pinia knows its app. In SSR prefer the explicit
  // `lumen.runWithContext()`: the active Pinia is whichever request installed last.
  const ctx = (hasInjectionContext() && find()) || getActivePinia()?._a?.runWithContext(find)
  if (ctx) return ctx
  throw new Error(
    `[lumen-account] ${caller}() needs the plugin: app.use(createLumen(...)), then call it in setup(), a store, a guard or lumen.runWithContext(). ${DOCS}`,
  )
}

/** @internal The product a call is about: its own, else the plugin's `product`. Throws without one. */
export function productOf(ctx: Pick<LumenContext, 'product'>, product: string | null | undefined, caller: string): string {
  const slug = product || ctx.product
  if (!slug) throw new Error(`[lumen-account] ${caller}() needs a product: pass one, or set createLumen({ product }).`)
  return slug
}
