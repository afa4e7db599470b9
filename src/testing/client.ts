/**
 * An in-memory stand-in for `LumenAccountClient` behind `createTestingLumen`: no network, answers
 * from the state you give it, records every call. Not a mock of the real client's internals.
 */
import type { EntitlementResponse, MeResponse, OrganizationSummary, Product, Session, User } from '../contract/types.js'
import type { LumenCallOptions, LumenClientLike } from '../stores/types.js'
import { fixtures } from './fixtures.js'

/** A product's answer: a license, or a state to hold the gate in. */
export type TestingEntitlement = EntitlementResponse | 'loading' | 'error'

export interface TestingClientState {
  user: User | null
  organizations: OrganizationSummary[]
  activeOrganizationId: string | null
  entitlements: Record<string, TestingEntitlement>
  products: Product[]
  sessions: Session[]
}

/** The fake client; `calls` lists method names in call order. */
export interface LumenTestingClient extends LumenClientLike {
  readonly state: TestingClientState
  readonly calls: string[]
}

const never = <T>() => new Promise<T>(() => undefined)
const networkError = () => Object.assign(new Error('[lumen-account] testing: network error'), { name: 'NetworkError', code: 'NETWORK_ERROR', status: null })

/** @internal */
export function createTestingClient(state: TestingClientState): LumenTestingClient {
  const calls: string[] = []
  const handlers = new Map<string, Set<(payload: unknown) => void>>()
  let active = state.activeOrganizationId
  const call = (name: string) => calls.push(name)
  const me = (): MeResponse => {
    if (!state.user) return Promise.reject(Object.assign(new Error('[lumen-account] testing: signed out'), { name: 'UnauthorizedError', status: 401, code: 'UNAUTHORIZED' })) as never
    return { user: state.user, organizations: state.organizations, licenses: [], activeOrganizationId: state.activeOrganizationId }
  }
  const signIn = async () => {
    state.user ??= fixtures.user()
    if (!state.organizations.length) state.organizations = [fixtures.organization()]
    state.activeOrganizationId ??= state.organizations[0]?.id ?? null
    return {}
  }
  const emit = (event: string, payload: unknown) => handlers.get(event)?.forEach((h) => h(payload))
  const ok = async () => ({ message: 'ok' })
  const client: LumenTestingClient = {
    state,
    calls,
    auth: {
      login: async () => (call('auth.login'), signIn()),
      register: async () => (call('auth.register'), signIn()),
      acceptInvitation: async () => (call('auth.acceptInvitation'), signIn()),
      logout: async () => {
        call('auth.logout')
        state.user = null
        emit('auth:logout', { reason: 'user' })
      },
      refresh: async () => (call('auth.refresh'), {}),
      requestPasswordReset: async () => (call('auth.requestPasswordReset'), ok()),
      resetPassword: async () => (call('auth.resetPassword'), ok()),
      sessions: {
        list: async () => (call('auth.sessions.list'), { sessions: [...state.sessions] }),
        revoke: async (id: string) => {
          call('auth.sessions.revoke')
          state.sessions = state.sessions.filter((s) => s.id !== id)
        },
      },
    },
    me: {
      get: async () => (call('me.get'), me()),
      switchOrg: async (id: string) => {
        call('me.switchOrg')
        state.activeOrganizationId = id
        active = id
        return me()
      },
      uploadPhoto: async () => {
        call('me.uploadPhoto')
        if (state.user) state.user = { ...state.user, photoUrl: 'https://account.lumen.example/api/v1/assets/ast_photo/content' }
        return me()
      },
      deletePhoto: async () => {
        call('me.deletePhoto')
        if (state.user) state.user = { ...state.user, photoUrl: null }
        return me()
      },
    },
    licenses: {
      get: async (slug: string, options?: LumenCallOptions) => {
        call('licenses.get')
        const answer = state.entitlements[slug] ?? fixtures.entitlement({ tier: null, productSlug: slug })
        if (answer === 'loading') return never<EntitlementResponse>()
        if (answer === 'error') throw networkError()
        options?.signal?.throwIfAborted()
        return { ...answer, productSlug: slug, organizationId: active ?? answer.organizationId }
      },
    },
    products: {
      get: async (slug: string) => {
        call('products.get')
        const found = state.products.find((p) => p.slug === slug)
        if (!found) throw Object.assign(new Error(`[lumen-account] testing: no product ${slug}`), { name: 'NotFoundError', status: 404, code: 'NOT_FOUND' })
        return found
      },
    },
    setActiveOrg: (id) => void (active = id),
    getActiveOrg: () => active,
    hasTokens: async () => state.user !== null,
    clearTokens: async () => undefined,
    on(event: string, handler: (payload: unknown) => void) {
      let set = handlers.get(event)
      if (!set) handlers.set(event, (set = new Set()))
      set.add(handler)
      return () => void set.delete(handler)
    },
  }
  return client
}
