/**
 * `useLumenStore`: the one reactive source of truth for auth, organizations and licenses.
 * State is plain, serializable data (SSR payload, devtools); tokens stay in the client's storage.
 * Actions never take or return a token: credential flows run inside `runFlow(kind, perform)`.
 */
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Ref } from 'vue'
import type { LicenseSummary, MeResponse, OrganizationSummary, Session, User } from '../contract/types.js'
import type { AccessQuery } from '../client/access.js'
import { productOf, useLumenContext } from './context.js'
import type { LumenStoreContext, LumenTabMessage } from './context.js'
import { isTransientError, noop, toErrorInfo } from './errors.js'
import type {
  LumenAuthStatus,
  LumenEntitlementEntry,
  LumenErrorInfo,
  LumenInitialState,
  LumenPhotoInput,
  LumenProductEntry,
} from './types.js'
import { createEntitlementCache } from './entitlements.js'

/** The auth flows `runFlow` knows; the first three sign the user in. */
export type LumenFlow = 'login' | 'register' | 'acceptInvitation' | 'requestPasswordReset' | 'resetPassword'

export interface LumenUploadOptions {
  /** Progress as a fraction 0…1 (fetch has no upload progress: 0 at the start, 1 when done). */
  onProgress?: (fraction: number) => void
  /** Abort the upload (the call rejects with the signal's reason). */
  signal?: AbortSignal
}

type Snapshot = { [K in keyof LumenInitialState]-?: Ref<LumenInitialState[K]> }

export const useLumenStore = defineStore('lumen', () => {
  const ctx: LumenStoreContext = useLumenContext('useLumenStore')
  const { client } = ctx

  // ---- state (every ref is serialized into the SSR payload: never a token)
  const status = ref<LumenAuthStatus>('restoring')
  const user = ref<User | null>(null)
  const organizations = ref<OrganizationSummary[]>([])
  const activeOrganizationId = ref<string | null>(null)
  const licenses = ref<LicenseSummary[]>([])
  const entitlements = ref<Record<string, LumenEntitlementEntry>>({})
  const products = ref<Record<string, LumenProductEntry>>({})
  const sessions = ref<Session[]>([])
  const sessionsStatus = ref<'idle' | 'loading' | 'success' | 'error'>('idle')
  const sessionsError = ref<LumenErrorInfo | null>(null)
  const pendingFlows = ref(0)
  const switchingTo = ref<string | null>(null)
  const lastError = shallowRef<LumenErrorInfo | null>(null)
  // What `hydrate()` seeds and `lumen.dehydrate()` sends.
  const snapshot = { status, user, organizations, activeOrganizationId, licenses, entitlements, products } as Snapshot

  // ---- internals: per store instance (per app), never module-level
  const cache = createEntitlementCache(ctx, snapshot as CacheRefs, () => switchRun)
  let switchRun: Promise<void> | null = null
  let restoreRun: Promise<void> | null = null
  // Aborted when the store is disposed (below).
  const lifetime = new AbortController()
  const life = () => ({ signal: lifetime.signal })

  function setOrg(id: string | null): void {
    activeOrganizationId.value = id
    client.setActiveOrg(id)
  }

  function applyMe(me: MeResponse, signedIn = false): void {
    user.value = me.user
    organizations.value = me.organizations
    licenses.value = me.licenses
    setOrg(me.activeOrganizationId ?? me.organizations[0]?.id ?? null)
    if (signedIn) status.value = 'authenticated'
  }

  /** Seed state (SSR `initialState`, the testing kit). */
  function hydrate(state: LumenInitialState): void {
    for (const [key, value] of Object.entries(state) as Array<[keyof Snapshot, unknown]>) {
      // Records are copied: the cache writes into them, never into the caller's object.
      if (value !== undefined && snapshot[key]) snapshot[key].value = (key === 'entitlements' || key === 'products' ? { ...(value as object) } : value) as never
    }
    client.setActiveOrg(activeOrganizationId.value)
  }

  function signOutLocally(notify: boolean | 'user' | 'expired' | 'revoked'): void {
    const wasSignedIn = status.value !== 'anonymous' || user.value !== null
    cache.invalidate()
    hydrate({ status: 'anonymous', user: null, organizations: [], activeOrganizationId: null, licenses: [], entitlements: {} })
    sessions.value = []
    sessionsStatus.value = 'idle'
    switchingTo.value = null
    if (notify && wasSignedIn) ctx.broadcast(notify === true ? { type: 'logout' } : { type: 'logout', reason: notify })
  }

  /** After a login (here or in another tab): a fresh `/auth/me`, fresh licenses. */
  async function signIn(notify: boolean): Promise<void> {
    const me = await client.me.get(life())
    cache.invalidate()
    entitlements.value = {}
    applyMe(me, true)
    if (notify) ctx.broadcast({ type: 'login' })
    void cache.revalidate(true)
  }

  /** Restore the session from storage: refresh, `/auth/me`, `authenticated`; else `anonymous`. */
  function restore(): Promise<void> {
    return (restoreRun ??= (async () => {
      const hydrated = status.value === 'authenticated'
      try {
        if (!(await client.hasTokens())) return signOutLocally(false)
        if (!(await client.getAccessToken())) await client.auth.refresh(life())
        applyMe(await client.me.get(life()), true)
      } catch (e) {
        if (lifetime.signal.aborted) return
        lastError.value = toErrorInfo(e)
        // Offline right after an SSR render: keep the server's answer, retry on the next call.
        if (!(hydrated && isTransientError(e))) signOutLocally(false)
      }
    })().finally(() => (restoreRun = null)))
  }

  /**
   * Run a call that reports into `lastError`; `busy` ones count for `isLoading`. An aborted call
   * (a cancelled upload: the signal's `AbortError`) is no error.
   */
  async function track<T>(perform: () => Promise<T>, busy = 0): Promise<T> {
    pendingFlows.value += busy
    lastError.value = null
    try {
      return await perform()
    } catch (e) {
      if ((e as Error | null)?.name !== 'AbortError') lastError.value = toErrorInfo(e)
      throw e
    } finally {
      pendingFlows.value -= busy
    }
  }

  /** Run an auth flow; `perform` talks to the client so no credential becomes an action argument. */
  function runFlow(kind: LumenFlow, perform: () => Promise<unknown>): Promise<void> {
    return track(async () => {
      await perform()
      if (kind !== 'requestPasswordReset' && kind !== 'resetPassword') await signIn(true)
    }, 1)
  }

  async function logout(): Promise<void> {
    pendingFlows.value++
    // Offline or already revoked: signing out locally is what the user asked for.
    await client.auth.logout().catch(noop)
    await client.clearTokens().catch(noop)
    pendingFlows.value--
    signOutLocally(true)
  }

  /** Apply a fresh `/auth/me` answer and resolve with it, as the client's own method does. */
  const reloadMe = (get: () => Promise<MeResponse>) =>
    track(async () => {
      const me = await get()
      applyMe(me)
      return me
    })

  /**
   * Switch the active organization. Rapid calls coalesce: one switch runs at a time and the last
   * requested org (`switchingTo`) wins; the old org's license requests are aborted, late answers dropped.
   */
  function switchOrg(organizationId: string): Promise<void> {
    switchingTo.value = organizationId
    cache.invalidate()
    return (switchRun ??= track(async () => {
      let me: MeResponse | null = null
      let done: string | null = null
      for (let target; (target = switchingTo.value) !== null && target !== done; ) {
        try {
          me = await client.me.switchOrg(target)
          done = target
          // The new org's licenses before the org itself: every gate flips once, old answer to new
          // (not for an org already superseded; a newer switch aborts this load).
          if (switchingTo.value === target) await cache.revalidate(true, target)
        } catch (e) {
          if (switchingTo.value !== target) continue // superseded: the newer target decides
          switchingTo.value = null
          client.setActiveOrg(activeOrganizationId.value)
          // The switch aborted this org's checks in flight: ask again (fresh answers are kept).
          void cache.revalidate()
          throw e
        }
      }
      if (!me) return
      applyMe({ ...me, activeOrganizationId: done })
      switchingTo.value = null
      ctx.broadcast({ type: 'org', organizationId: done })
    }).finally(() => (switchRun = null)))
  }

  async function loadSessions(): Promise<void> {
    sessionsStatus.value = 'loading'
    try {
      sessions.value = (await client.auth.sessions.list()).sessions
      sessionsStatus.value = 'success'
      sessionsError.value = null
    } catch (e) {
      sessionsError.value = toErrorInfo(e)
      sessionsStatus.value = 'error'
      throw e
    }
  }

  async function revokeSession(id: string): Promise<void> {
    const current = sessions.value.find((s) => s.id === id)?.current
    await client.auth.sessions.revoke(id)
    if (current) {
      await client.clearTokens().catch(noop)
      return signOutLocally(true)
    }
    sessions.value = sessions.value.filter((s) => s.id !== id)
  }

  async function revokeOtherSessions(): Promise<void> {
    if (sessionsStatus.value !== 'success') await loadSessions()
    await Promise.all(sessions.value.filter((s) => !s.current).map((s) => client.auth.sessions.revoke(s.id)))
    await loadSessions()
  }

  /** Apply what another tab did. Never re-broadcasts. */
  async function applyRemote(message: LumenTabMessage): Promise<void> {
    if (message.type === 'logout') {
      // An expired session only ends this tab if it shared that session (its refresh token is gone too).
      if (message.reason === 'expired' && (await client.getRefreshToken().catch(noop))) return
      signOutLocally(false)
      // Ends this tab's own session too when tabs don't share storage ('session'): no-op otherwise.
      await client.auth.logout().catch(noop)
    } else if (message.type === 'login') {
      // Re-read storage: refresh with the refresh token the other tab stored (never our old access token).
      // Storage not shared with that tab ('session' / 'memory'): the refresh fails, nothing to follow.
      await client.auth.refresh(life()).then(() => signIn(false)).catch(noop)
    } else if (message.type === 'tokens') {
      if (status.value === 'anonymous') await restore()
    } else if (status.value === 'authenticated' && message.organizationId !== activeOrganizationId.value) {
      cache.invalidate()
      setOrg(message.organizationId)
      void cache.revalidate(true)
    }
  }

  // One watcher per store (not per gate): signing in, restoring or switching re-checks every product asked for.
  watch([status, activeOrganizationId], () => void cache.revalidate())

  // `dispose()` of the plugin disposes the store: an unmounted app stops talking to the API.
  onScopeDispose(() => {
    cache.invalidate()
    lifetime.abort()
  })

  return {
    status,
    user,
    organizations,
    activeOrganizationId,
    licenses,
    entitlements,
    products,
    sessions,
    sessionsStatus,
    sessionsError,
    pendingFlows,
    switchingTo,
    lastError,
    isAuthenticated: computed(() => status.value === 'authenticated'),
    isSwitching: computed(() => switchingTo.value !== null),
    isLoading: computed(() => status.value === 'restoring' || pendingFlows.value > 0),
    activeOrganization: computed(() => organizations.value.find((o) => o.id === activeOrganizationId.value) ?? null),
    restore,
    runFlow,
    logout,
    refreshUser: () => reloadMe(() => client.me.get()),
    /** Upload a new profile picture; the user re-hydrates from the answer. */
    uploadPhoto: (file: LumenPhotoInput, options: LumenUploadOptions = {}) => reloadMe(() => client.me.uploadPhoto(file, options)),
    deletePhoto: () => reloadMe(() => client.me.deletePhoto()),
    switchOrg,
    ensureEntitlement: cache.ensure,
    /** The active organization's cached license entry for `product`, or `null`. */
    entitlement: (product?: string | null) => cache.entitlement(productOf(ctx, product, 'entitlement')),
    /** The shared reactive answer to one access question (see `decideAccess`); loads what it needs. */
    access: (product: string | null | undefined, query?: AccessQuery) => cache.access(productOf(ctx, product, 'access'), query),
    /** The access rule over the current state, once (the router guard). */
    decideAccess: (product: string | null | undefined, query?: AccessQuery) => cache.decide(productOf(ctx, product, 'decideAccess'), query ?? {}),
    /** @internal Load `product`'s license unless a fresh answer is cached. */
    touchEntitlement: cache.touch,
    revalidateEntitlements: cache.revalidate,
    ensureProduct: cache.ensureProduct,
    loadSessions,
    revokeSession,
    revokeOtherSessions,
    applyRemote,
    hydrate,
    signOutLocally,
  }
})

type CacheRefs = Parameters<typeof createEntitlementCache>[1]

export type LumenStore = ReturnType<typeof useLumenStore>
