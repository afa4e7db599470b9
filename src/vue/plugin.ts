/**
 * The plugin core shared by `createLumen` and the testing kit: context, store, client events,
 * tab sync, focus revalidation, guard, restore, and a `dispose()` that undoes all of it.
 */
import { watch } from 'vue'
import type { App } from 'vue'
import { useLumenStore } from '../stores/lumen.js'
import type { LumenStore } from '../stores/lumen.js'
import { LUMEN_CONTEXT_KEY } from './context.js'
import type { LumenContext } from './context.js'
import { createLumenGuard } from './guard.js'
import { createProactiveRefresh } from './proactiveRefresh.js'
import type { LumenGuardOptions, LumenGuardResult, LumenGuardRoute } from './guard.js'
import { openTabChannel, tabChannelName } from './tabSync.js'
import type { LumenClientLike, LumenInitialState } from './types.js'

/** The slice of a vue-router `Router` the `router` option uses. */
export interface LumenRouterLike {
  beforeEach(guard: (to: LumenGuardRoute) => Promise<LumenGuardResult>): () => void
}

/** Options shared by `createLumen` and `createTestingLumen`. */
export interface LumenPluginBaseOptions {
  /** Default product slug for `useLicense()`, `useFeature()` and `requiresLicense: true`. */
  product?: string
  /** Install the route guard on this vue-router instance. */
  router?: LumenRouterLike
  /** Guard options when `router` is set. @default { loginRoute: '/login' } */
  guard?: LumenGuardOptions
  /** Keep tabs of this app in sync (login, logout, org switch, refreshed tokens). @default true */
  tabSync?: boolean
  /** Server-rendered state to start from (see `lumen.dehydrate()`): no flash, no mismatch. */
  initialState?: LumenInitialState
  /** How long a license answer counts as fresh, in ms. @default 60_000 */
  ttl?: number
}

/** What `createLumen()` returns: a Vue plugin plus lifecycle handles for this app. */
export interface LumenPlugin {
  install(app: App): void
  /** Resolves once the session has been restored or found absent. Never rejects. */
  readonly ready: Promise<void>
  /** Remove every listener, channel and timer and abort pending requests (also on app unmount). */
  dispose(): void
  /** Run `fn` with this app's context, so composables work in plain modules. */
  runWithContext<T>(fn: () => T): T
  /** Serializable store snapshot for `initialState` (SSR). */
  dehydrate(): LumenInitialState
  /** The app's store, once installed. */
  readonly store: LumenStore | null
}

/** @internal */
export interface LumenPluginCoreOptions extends LumenPluginBaseOptions {
  /** Built at install time (never at import), so SSR and tests get a fresh one per app. */
  createClient: (isBrowser: boolean) => { client: LumenClientLike; owned: boolean }
  /** Namespace of the tab channel. */
  channelKey: string | null
  /** Restore from storage on install. @default true */
  restore?: boolean
}

const NO_PINIA =
  '[lumen-account] createLumen() needs Pinia: call app.use(createPinia()) before app.use(createLumen(...)). ' +
  'See https://github.com/vss-software/lumen-account-sdk#vue'

/** @internal */
export function createLumenPlugin(options: LumenPluginCoreOptions): LumenPlugin {
  let resolveReady!: () => void
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))
  const cleanups: Array<() => void> = []
  let installedApp: App | null = null
  let store: LumenStore | null = null
  let disposed = false

  function dispose(): void {
    if (disposed) return
    disposed = true
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        fn()
      } catch {
        // keep releasing the rest
      }
    }
  }

  function install(app: App): void {
    const pinia = app.config.globalProperties.$pinia
    if (!pinia) throw new Error(NO_PINIA)
    if (installedApp) throw new Error('[lumen-account] This createLumen() plugin is already installed; create one per app.')
    installedApp = app
    const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined'
    const { client, owned } = options.createClient(isBrowser)
    let channel: ReturnType<typeof openTabChannel> = null
    const ctx: LumenContext = {
      client,
      product: options.product ?? null,
      ttl: options.ttl ?? 60_000,
      ready,
      store: null as unknown as LumenStore, // set below, before anything can read it
      broadcast: (message) => channel?.post(message),
      app,
    }
    app.provide(LUMEN_CONTEXT_KEY, ctx)
    store = app.runWithContext(() => useLumenStore(pinia))
    ctx.store = store
    const s = store
    if (options.initialState) s.hydrate(options.initialState)

    cleanups.push(
      // Runs last: a later app on the same Pinia gets a store bound to its own client (state is kept).
      () => s.$dispose(),
      client.on('auth:logout', (e?: { reason?: 'user' | 'expired' | 'revoked' }) => s.signOutLocally(e?.reason ?? true)),
      client.on('request:paywall', () => void s.revalidateEntitlements(true)),
      client.on('auth:tokens-refreshed', () => ctx.broadcast({ type: 'tokens' })),
      () => s.abortPending(),
    )
    if (owned && client.dispose) cleanups.push(() => client.dispose?.())

    if (isBrowser) {
      const proactive = createProactiveRefresh(client, () => document.visibilityState !== 'hidden')
      cleanups.push(
        client.on('auth:tokens-refreshed', (e?: { expiresAt?: number }) => void proactive.arm(e?.expiresAt)),
        watch(() => s.status, (status) => (status === 'authenticated' ? void proactive.arm() : proactive.stop())),
        () => proactive.stop(),
      )
      const onShown = () => document.visibilityState === 'visible' && proactive.onVisible()
      document.addEventListener('visibilitychange', onShown)
      cleanups.push(() => document.removeEventListener('visibilitychange', onShown))
      if (options.tabSync !== false) {
        channel = openTabChannel(tabChannelName(options.channelKey), (m) => void s.applyRemote(m))
        cleanups.push(() => channel?.close())
      }
      // Focus after the TTL: re-check licenses (the cache skips fresh ones).
      const onFocus = () => void s.revalidateEntitlements(false)
      const onVisible = () => document.visibilityState === 'visible' && onFocus()
      window.addEventListener('focus', onFocus)
      document.addEventListener('visibilitychange', onVisible)
      cleanups.push(
        () => window.removeEventListener('focus', onFocus),
        () => document.removeEventListener('visibilitychange', onVisible),
      )
    }
    if (options.router) cleanups.push(options.router.beforeEach(createLumenGuard(options.guard ?? { loginRoute: '/login' })))
    app.onUnmount(dispose)

    const known = s.status !== 'restoring' // hydrated by initialState or Pinia's own SSR state
    if (options.restore === false) return resolveReady()
    if (known) {
      resolveReady()
      // In the browser, fetch tokens/fresh data behind the hydrated state; the server knows already.
      if (isBrowser) void s.restore()
    } else {
      void s.restore().finally(resolveReady)
    }
  }

  return {
    install,
    ready,
    dispose,
    get store() {
      return store
    },
    runWithContext<T>(fn: () => T): T {
      if (!installedApp) throw new Error('[lumen-account] lumen.runWithContext() needs app.use(lumen) first.')
      return installedApp.runWithContext(fn)
    },
    dehydrate(): LumenInitialState {
      if (!store) return {}
      const { status, user, organizations, activeOrganizationId, licenses, entitlements, products } = store.$state
      return JSON.parse(JSON.stringify({ status, user, organizations, activeOrganizationId, licenses, entitlements, products })) as LumenInitialState
    },
  }
}
