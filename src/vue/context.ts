/**
 * The per-app context of `createLumen`: client, default product, store, tab channel.
 * Provided on the app (no module-level singleton, so SSR requests and two apps never share one).
 */
import { getActivePinia } from 'pinia'
import { hasInjectionContext, inject } from 'vue'
import type { App, InjectionKey } from 'vue'
import type { LumenStore } from '../stores/lumen.js'
import type { LumenClientLike } from './types.js'

/** Messages between tabs of one app. They never carry a token. */
export type LumenTabMessage =
  | { type: 'login' }
  | { type: 'logout'; reason?: 'user' | 'expired' | 'revoked' }
  | { type: 'org'; organizationId: string | null }
  | { type: 'tokens' }

export interface LumenContext {
  client: LumenClientLike
  /** Default product slug for `useLicense()` / `useFeature()`. */
  product: string | null
  /** Entitlement cache lifetime in ms. */
  ttl: number
  /** Resolves once the session has been restored or found absent. */
  ready: Promise<void>
  /** Set right after the store is created in `install()`. */
  store: LumenStore
  /** Tell other tabs (a no-op without tab sync). */
  broadcast(message: LumenTabMessage): void
  app: App
}

/** Injection key of the per-app context. A described symbol, so devtools show what it is. */
export const LUMEN_CONTEXT_KEY: InjectionKey<LumenContext> = Symbol('lumen-account')

const DOCS = 'https://github.com/vss-software/lumen-account-sdk#vue'

/**
 * The context of the app this call runs in: inside a component `setup`, a Pinia store, a router
 * guard, `app.runWithContext()` / `lumen.runWithContext()`, or (browser apps) after install
 * through the active Pinia's app. Throws a `[lumen-account]` error otherwise.
 */
export function useLumenContext(caller: string): LumenContext {
  if (hasInjectionContext()) {
    const ctx = inject(LUMEN_CONTEXT_KEY, null)
    if (ctx) return ctx
  }
  // Plain modules after install: the active Pinia knows its app. In SSR prefer the explicit
  // `lumen.runWithContext()`: the active Pinia is whichever request installed last.
  const app = getActivePinia()?._a
  const fromPinia = app ? app.runWithContext(() => inject(LUMEN_CONTEXT_KEY, null)) : null
  if (fromPinia) return fromPinia
  throw new Error(
    `[lumen-account] ${caller}() needs the plugin: call app.use(createLumen({ ... })) first, and call ${caller}() ` +
      `inside setup(), a router guard, a Pinia store or lumen.runWithContext(() => ...). See ${DOCS}`,
  )
}
