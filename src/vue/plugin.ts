/**
 * The plugin core shared by `createLumen` and the testing kit: context, store, client events,
 * tab sync, focus revalidation, guard, restore, and a `dispose()` that undoes all of it.
 */
import type { Pinia } from 'pinia'
import { effectScope, onScopeDispose, watch } from 'vue'
import type { App } from 'vue'
import { useLumenStore } from '../stores/lumen.js'
import type { LumenStore } from '../stores/lumen.js'
import { DOCS, LUMEN_CONTEXT_KEY } from '../stores/context.js'
import type { LumenContext } from '../stores/context.js'
import { createLumenGuard } from './guard.js'
import { createProactiveRefresh } from './proactiveRefresh.js'
import type { LumenGuardOptions, LumenGuardResult, LumenGuardRoute } from './guard.js'
import { openTabChannel, tabChannelName } from './tabSync.js'
import type { LumenClientLike, LumenInitialState } from '../stores/types.js'
import type { LumenAccountEvent, LumenAccountEventHandler } from '../client/events.js'

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
  /**
   * How long past `ttl` the last good license is still shown while Lumen can't be reached, in ms;
   * after that gates show their error state ("can't verify your plan"), never the content. As the
   * middleware's `staleIfErrorSeconds`. @default 300_000
   */
  staleMaxAge?: number
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

/** @internal */
export function createLumenPlugin(options: LumenPluginCoreOptions): LumenPlugin {
  let resolveReady!: () => void
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))
  // Every listener, channel, timer and watcher of this app lives in this scope: `dispose()` stops it.
  const scope = effectScope(true)
  let installedApp: App | null = null
  let store: LumenStore | null = null

  function install(app: App): void {
    const pinia = app.config.globalProperties.$pinia
    if (!pinia) throw new Error(`[lumen-account] createLumen() needs Pinia: app.use(createPinia()) before app.use(createLumen(...)). ${DOCS}`)
    if (installedApp) throw new Error('[lumen-account] createLumen(): one plugin per app, this one is installed already.')
    installedApp = app
    app.onUnmount(dispose)
    scope.run(() => setup(app, pinia))
  }

  function setup(app: App, pinia: Pinia): void {
    const isBrowser = typeof window != 'undefined' && typeof document != 'undefined'
    const { client, owned } = options.createClient(isBrowser)
    let channel: BroadcastChannel | null = null
    const ctx: LumenContext = {
      client,
      product: options.product ?? null,
      ttl: options.ttl ?? 60_000,
      staleMaxAge: options.staleMaxAge ?? 300_000,
      ready,
      store: null as unknown as LumenStore, // set below, before anything can read it
      broadcast: (message) => channel?.postMessage(message),
      app,
    }
    app.provide(LUMEN_CONTEXT_KEY, ctx)
    const s = (store = ctx.store = app.runWithContext(() => useLumenStore(pinia)))
    if (options.initialState) s.hydrate(options.initialState)
    const on = <E extends LumenAccountEvent>(event: E, fn: LumenAccountEventHandler<E>) => onScopeDispose(client.on(event, fn))
    const listen = (target: EventTarget, type: string, fn: () => void) => {
      target.addEventListener(type, fn)
      onScopeDispose(() => target.removeEventListener(type, fn))
    }

    const proactive = isBrowser && createProactiveRefresh(client, () => document.visibilityState !== 'hidden')
    on('auth:logout', (e) => s.signOutLocally(e.reason))
    on('request:paywall', () => void s.revalidateEntitlements(true))
    on('auth:tokens-refreshed', () => {
      ctx.broadcast({ type: 'tokens' })
      if (proactive) void proactive.arm()
    })
    if (owned) onScopeDispose(() => client.dispose())

    if (proactive) {
      watch(() => s.status, (status) => (status === 'authenticated' ? void proactive.arm() : proactive.stop()))
      onScopeDispose(proactive.stop)
      // Focus after the TTL: re-check licenses (the cache skips fresh ones). Back from sleep or
      // offline: a token whose refresh came due meanwhile is renewed before the next request.
      const onFocus = () => {
        proactive.onWake()
        void s.revalidateEntitlements(false)
      }
      listen(window, 'focus', onFocus)
      listen(window, 'online', proactive.onWake)
      listen(document, 'visibilitychange', () => document.visibilityState === 'visible' && onFocus())
      if (options.tabSync !== false) {
        channel = openTabChannel(tabChannelName(options.channelKey), (m) => void s.applyRemote(m))
        onScopeDispose(() => {
          channel?.close()
          channel = null
        })
      }
    }
    if (options.router) onScopeDispose(options.router.beforeEach(createLumenGuard(options.guard ?? { loginRoute: '/login' })))
    // Last: aborts the store's requests, and a later app on the same Pinia gets a store bound to its
    // own client (state is kept).
    onScopeDispose(() => s.$dispose())

    const restore = options.restore !== false
    // Hydrated (initialState or Pinia's own SSR state): ready now. In the browser, fetch tokens and
    // fresh data behind the hydrated state; the server knows already.
    if (restore && s.status === 'restoring') return void s.restore().finally(resolveReady)
    resolveReady()
    if (restore && isBrowser) void s.restore()
  }

  function dispose(): void {
    scope.stop()
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
      const { status, user, organizations, activeOrganizationId, licenses, entitlements, products } = store?.$state ?? {}
      return JSON.parse(JSON.stringify({ status, user, organizations, activeOrganizationId, licenses, entitlements, products })) as LumenInitialState
    },
  }
}
