/**
 * `useLumenContext`: the per-app context of `createLumen` as composables, the guard and the plugin
 * see it: what the store reads (`src/stores/context.ts`) plus the store itself, `ready` and the app.
 */
import type { App, InjectionKey } from 'vue'
import { injectLumenContext, LUMEN_STORE_CONTEXT_KEY } from '../stores/context.js'
import type { LumenStoreContext } from '../stores/context.js'
import type { LumenStore } from '../stores/lumen.js'

export interface LumenContext extends LumenStoreContext {
  /** Resolves once the session has been restored or found absent. */
  ready: Promise<void>
  /** Set right after the store is created in `install()`. */
  store: LumenStore
  app: App
}

/** Injection key of the per-app context. A described symbol, so devtools show what it is. */
export const LUMEN_CONTEXT_KEY = LUMEN_STORE_CONTEXT_KEY as InjectionKey<LumenContext>

/**
 * The context of the app this call runs in: inside a component `setup`, a Pinia store, a router
 * guard, `app.runWithContext()` / `lumen.runWithContext()`, or (browser apps) after install
 * through the active Pinia's app. Throws a `[lumen-account]` error otherwise.
 */
export const useLumenContext = injectLumenContext as (caller: string) => LumenContext
