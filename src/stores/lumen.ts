/**
 * `useLumenStore`: the one reactive source of truth for auth, organizations and licenses.
 * State is plain, serializable data (SSR payload, devtools); tokens stay in the client's storage.
 * Actions never take or return a token: credential flows run inside `runFlow(kind, perform)`.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LicenseSummary, MeResponse, OrganizationSummary, Session, User } from '../contract/types.js'
import { useLumenContext } from '../vue/context.js'
import type { LumenTabMessage } from '../vue/context.js'
import { isTransientError, toErrorInfo } from '../vue/errors.js'
import type {
  LumenAuthStatus,
  LumenEntitlementEntry,
  LumenErrorInfo,
  LumenInitialState,
  LumenPhotoInput,
  LumenProductEntry,
} from '../vue/types.js'
import { createEntitlementCache } from './entitlements.js'

/** The auth flows `runFlow` knows; the first three sign the user in. */
export type LumenFlow = 'login' | 'register' | 'acceptInvitation' | 'requestPasswordReset' | 'resetPassword'

const SIGNS_IN: ReadonlySet<LumenFlow> = new Set(['login', 'register', 'acceptInvitation'])

export interface LumenUploadOptions {
  /** Progress as a fraction 0…1 (fetch has no upload progress: 0 at the start, 1 when done). */
  onProgress?: (fraction: number) => void
}

export const useLumenStore = defineStore('lumen', () => {
  const ctx = useLumenContext('useLumenStore')
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

  // ---- getters
  const isAuthenticated = computed(() => status.value === 'authenticated')
  const isSwitching = computed(() => switchingTo.value !== null)
  const isLoading = computed(() => status.value === 'restoring' || pendingFlows.value > 0)
  const activeOrganization = computed(
    () => organizations.value.find((o) => o.id === activeOrganizationId.value) ?? null,
  )

  // ---- internals: per store instance (per app), never module-level
  const cache = createEntitlementCache({ ctx, status, activeOrganizationId, entitlements, products, switching: () => switchRun })
  let switchTarget: string | null = null
  let switchRun: Promise<void> | null = null
  let restoreRun: Promise<void> | null = null
  // Aborted by `dispose()`: an unmounted app stops talking to the API.
  let lifetime = new AbortController()
  const life = () => ({ signal: lifetime.signal })

  function applyMe(me: MeResponse): void {
    user.value = me.user
    organizations.value = me.organizations
    licenses.value = me.licenses
    const active = me.activeOrganizationId ?? me.organizations[0]?.id ?? null
    activeOrganizationId.value = active
    client.setActiveOrg(active)
  }

  function signOutLocally(notify: boolean | 'user' | 'expired' | 'revoked'): void {
    const wasSignedIn = status.value !== 'anonymous' || user.value !== null
    cache.invalidate()
    status.value = 'anonymous'
    user.value = null
    organizations.value = []
    licenses.value = []
    activeOrganizationId.value = null
    entitlements.value = {}
    sessions.value = []
    sessionsStatus.value = 'idle'
    switchingTo.value = null
    switchTarget = null
    client.setActiveOrg(null)
    if (notify && wasSignedIn) ctx.broadcast(typeof notify === 'string' ? { type: 'logout', reason: notify } : { type: 'logout' })
  }

  async function signIn(notify: boolean): Promise<void> {
    cache.invalidate()
    entitlements.value = {}
    applyMe(await client.me.get(life()))
    status.value = 'authenticated'
    if (notify) ctx.broadcast({ type: 'login' })
    void cache.revalidate(true)
  }

  /** Restore the session from storage: refresh, `/auth/me`, `authenticated`; else `anonymous`. */
  function restore(): Promise<void> {
    restoreRun ??= (async () => {
      const hydrated = status.value === 'authenticated'
      try {
        if (!(await client.hasTokens())) return signOutLocally(false)
        if (client.getAccessToken && !(await client.getAccessToken())) await client.auth.refresh(life())
        applyMe(await client.me.get(life()))
        status.value = 'authenticated'
      } catch (e) {
        if (lifetime.signal.aborted) return
        lastError.value = toErrorInfo(e)
        // Offline right after an SSR render: keep the server's answer, retry on the next call.
        if (!(hydrated && isTransientError(e))) signOutLocally(false)
      }
    })().finally(() => {
      restoreRun = null
    })
    return restoreRun
  }

  /** Run an auth flow; `perform` talks to the client so no credential becomes an action argument. */
  async function runFlow(kind: LumenFlow, perform: () => Promise<unknown>): Promise<void> {
    pendingFlows.value++
    lastError.value = null
    try {
      await perform()
      if (SIGNS_IN.has(kind)) await signIn(true)
    } catch (e) {
      lastError.value = toErrorInfo(e)
      throw e
    } finally {
      pendingFlows.value--
    }
  }

  async function logout(): Promise<void> {
    pendingFlows.value++
    try {
      await client.auth.logout()
    } catch {
      // Offline or already revoked: signing out locally is what the user asked for.
    } finally {
      await client.clearTokens().catch(() => undefined)
      pendingFlows.value--
    }
    signOutLocally(true)
  }

  async function track<T>(run: () => Promise<T>): Promise<T> {
    lastError.value = null
    try {
      return await run()
    } catch (e) {
      lastError.value = toErrorInfo(e)
      throw e
    }
  }

  async function refreshUser(): Promise<void> {
    await track(async () => applyMe(await client.me.get()))
  }

  async function uploadPhoto(file: LumenPhotoInput, options: LumenUploadOptions = {}): Promise<void> {
    await track(async () => applyMe(await client.me.uploadPhoto(file, { onProgress: options.onProgress })))
  }

  async function deletePhoto(): Promise<void> {
    await track(async () => applyMe(await client.me.deletePhoto()))
  }

  /**
   * Switch the active organization. Rapid calls coalesce: one switch runs at a time and the last
   * requested org wins; the old org's license requests are aborted and their late answers dropped.
   */
  function switchOrg(organizationId: string): Promise<void> {
    switchTarget = organizationId
    switchingTo.value = organizationId
    cache.invalidate()
    switchRun ??= runSwitches().finally(() => {
      switchRun = null
    })
    return switchRun
  }

  async function runSwitches(): Promise<void> {
    let me: MeResponse | null = null
    let done: string | null = null
    while (switchTarget !== null && switchTarget !== done) {
      const target: string = switchTarget
      try {
        me = await client.me.switchOrg(target)
        done = target
      } catch (e) {
        if (switchTarget !== target) continue // superseded: the newer target decides
        switchingTo.value = null
        switchTarget = null
        client.setActiveOrg(activeOrganizationId.value)
        lastError.value = toErrorInfo(e)
        throw e
      }
    }
    if (!me || done === null) return
    cache.invalidate()
    applyMe({ ...me, activeOrganizationId: done })
    switchingTo.value = null
    switchTarget = null
    ctx.broadcast({ type: 'org', organizationId: done })
    void cache.revalidate(true)
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
    const current = sessions.value.find((s) => s.id === id)?.current ?? false
    await client.auth.sessions.revoke(id)
    if (current) {
      await client.clearTokens().catch(() => undefined)
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
      if (message.reason === 'expired' && client.getRefreshToken && (await client.getRefreshToken().catch(() => null))) return
      signOutLocally(false)
      // Ends this tab's own session too when tabs don't share storage ('session'): no-op otherwise.
      await client.auth.logout().catch(() => undefined)
    } else if (message.type === 'login') {
      // Re-read storage: refresh with the refresh token the other tab stored (never our old access token).
      try {
        await client.auth.refresh(life())
        const me = await client.me.get(life())
        cache.invalidate()
        entitlements.value = {}
        applyMe(me)
        status.value = 'authenticated'
        void cache.revalidate(true)
      } catch {
        // Storage not shared with that tab ('session' / 'memory'): nothing to follow.
      }
    } else if (message.type === 'tokens' && status.value === 'anonymous') {
      await restore()
    } else if (message.type === 'org' && status.value === 'authenticated') {
      if (message.organizationId === activeOrganizationId.value) return
      cache.invalidate()
      activeOrganizationId.value = message.organizationId
      client.setActiveOrg(message.organizationId)
      void cache.revalidate(true)
    }
  }

  function abortPending(): void {
    cache.invalidate()
    lifetime.abort()
    lifetime = new AbortController()
  }

  /** Seed state (SSR `initialState`, the testing kit). */
  function hydrate(state: LumenInitialState): void {
    if (state.status) status.value = state.status
    if (state.user !== undefined) user.value = state.user
    if (state.organizations) organizations.value = state.organizations
    if (state.activeOrganizationId !== undefined) activeOrganizationId.value = state.activeOrganizationId
    if (state.licenses) licenses.value = state.licenses
    if (state.entitlements) entitlements.value = { ...state.entitlements }
    if (state.products) products.value = { ...state.products }
    client.setActiveOrg(activeOrganizationId.value)
  }

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
    isAuthenticated,
    isSwitching,
    isLoading,
    activeOrganization,
    restore,
    runFlow,
    logout,
    refreshUser,
    uploadPhoto,
    deletePhoto,
    switchOrg,
    ensureEntitlement: cache.ensure,
    revalidateEntitlements: cache.revalidate,
    ensureProduct: cache.ensureProduct,
    loadSessions,
    revokeSession,
    revokeOtherSessions,
    applyRemote,
    hydrate,
    signOutLocally,
    /** @internal Abort every request this store started (plugin `dispose()`). */
    abortPending,
  }
})

export type LumenStore = ReturnType<typeof useLumenStore>
