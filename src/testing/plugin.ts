/**
 * `createTestingLumen`: the real plugin, store, composables and client over `lumenHandlers`, for
 * your own component tests and stories. No network, no storage, no tab sync.
 */
import { createPinia } from 'pinia'
import type { App } from 'vue'
import type { OrganizationSummary, Product, Session, User } from '../contract/types.js'
import { entitlementsOf } from '../stores/access.js'
import { createLumenPlugin } from '../vue/plugin.js'
import type { LumenPlugin, LumenPluginBaseOptions } from '../vue/plugin.js'
import type { LumenAuthStatus, LumenEntitlementEntry, LumenProductEntry } from '../stores/types.js'
import { createTestingClient } from './client.js'
import type { LumenTestingClient } from './client.js'
import { fixtures } from './fixtures.js'
import { lumenHandlers } from './handlers.js'
import type { LumenHandlers, LumenHandlersOptions } from './handlers.js'
import { lumenPersonas } from './world.js'
import type { LumenPersona, TestingEntitlement } from './world.js'

export interface TestingLumenOptions extends Pick<LumenPluginBaseOptions, 'router' | 'guard'>, Pick<LumenHandlersOptions, 'delay' | 'fail'> {
  /** The signed-in user; `null` for a signed-out app (signing in as `demo@lumen.test` / `lumen-demo-pass` works). @default fixtures.user() */
  user?: User | null
  /** @default [fixtures.organization()] */
  organizations?: OrganizationSummary[]
  /** @default the first organization */
  activeOrganizationId?: string | null
  /** License per product slug (for every organization): a fixture, or `'loading'` / `'error'` to hold gates there. @default { 'lumen-hr': fixtures.entitlement() } */
  entitlements?: Record<string, TestingEntitlement>
  /** @default 'authenticated' with a user, else 'anonymous' */
  status?: LumenAuthStatus
  /** Default product of the composables. @default the first key of `entitlements`, or 'lumen-hr' */
  product?: string
  /** Tiers for `requiredTier` / `hasTier`. @default [fixtures.product()] */
  products?: Product[]
  /** The user's sessions (the `current: true` one is this app's). @default [fixtures.session()] */
  sessions?: Session[]
  /** Start as a persona of the demo data instead (`user`, `organizations`, `entitlements` then come from it). */
  persona?: LumenPersona
  /** Serve from these handlers (e.g. the ones MSW or a story uses); the seed options above are then ignored. @default lumenHandlers(...) from the options */
  handlers?: LumenHandlers
  /** The client's `fetch`: `globalThis.fetch` goes through MSW. @default handlers.fetch (in memory) */
  fetch?: typeof globalThis.fetch
  /** Origin the client calls. @default 'https://account.lumen.example' */
  baseUrl?: string
}

export interface TestingLumen extends LumenPlugin {
  /** The real client: `state` is the in-memory server, `calls` lists its calls. */
  readonly client: LumenTestingClient
  /** The handlers answering it: change `handlers.options.fail` / `delay` or `handlers.state` mid-test. */
  readonly handlers: LumenHandlers
}

/** Who is signed in where, and the handlers serving them, from the options. */
function world(options: TestingLumenOptions) {
  const persona = options.persona ? lumenPersonas[options.persona] : null
  if (persona || options.handlers) {
    const handlers = options.handlers ?? lumenHandlers(fixtures, { delay: options.delay, fail: options.fail, baseUrl: options.baseUrl })
    const account = persona?.email ? handlers.state.accounts.get(persona.email) : (options.user && handlers.state.accounts.get(options.user.email.toLowerCase()))
    const active = persona ? persona.organizationId : (options.activeOrganizationId ?? account?.orgs[0]?.id ?? null)
    const entitlements = (active && handlers.state.licenses[active]) || {}
    return { handlers, user: account?.user ?? null, organizations: account?.orgs ?? [], active, entitlements, products: handlers.state.products }
  }
  const user = options.user === undefined ? fixtures.user() : options.user
  const organizations = options.organizations ?? [fixtures.organization()]
  const active = options.activeOrganizationId === undefined ? (organizations[0]?.id ?? null) : options.activeOrganizationId
  const entitlements = options.entitlements ?? { 'lumen-hr': fixtures.entitlement({ organizationId: active ?? undefined }) }
  const products = options.products ?? [fixtures.product()]
  const handlers = lumenHandlers(
    { accounts: [{ user: user ?? fixtures.user(), orgs: organizations }], licenses: Object.fromEntries(organizations.map((o) => [o.id, { ...entitlements }])), products },
    { delay: options.delay, fail: options.fail, baseUrl: options.baseUrl },
  )
  return { handlers, user, organizations, active, entitlements, products }
}

/** Hydrated license answers, so gates answer on the first render (no request). */
function seedEntitlements(org: string, entitlements: Record<string, TestingEntitlement>): Record<string, LumenEntitlementEntry> {
  const error = { name: 'ServerError', message: '[lumen-account] testing: the license service is unavailable', code: 'SERVICE_UNAVAILABLE', status: 503, requestId: null }
  return entitlementsOf(org, Object.fromEntries(
    Object.entries(entitlements).map(([slug, answer]): [string, LumenEntitlementEntry] => [
      slug,
      answer === 'loading'
        ? { status: 'loading', data: null, updatedAt: null, stale: false, error: null }
        : answer === 'error'
          ? { status: 'error', data: null, updatedAt: 0, stale: false, error }
          : { status: 'success', data: { ...answer, productSlug: slug, organizationId: org }, updatedAt: 0, stale: false, error: null },
    ]),
  ))
}

/**
 * A Lumen plugin on the real client over in-memory handlers (installs Pinia too when the app has none).
 * @example mount(MyGate, { global: { plugins: [createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } })] } })
 */
export function createTestingLumen(options: TestingLumenOptions = {}): TestingLumen {
  const { handlers, user, organizations, active, entitlements, products } = world(options)
  const status = options.status ?? (user ? 'authenticated' : 'anonymous')
  const signedIn = status !== 'anonymous' && user !== null
  const sessions = options.sessions ?? [fixtures.session()]
  const current = sessions.find((s) => s.current)
  const tokens = signedIn ? handlers.state.issue(user.email, { organizationId: active, session: current, listed: !!current }) : null
  if (signedIn) for (const s of sessions.filter((x) => !x.current)) handlers.state.issue(user.email, { organizationId: active, session: s })
  const client = createTestingClient(handlers, { baseUrl: options.baseUrl ?? 'https://account.lumen.example', fetch: options.fetch, tokens })

  const plugin = createLumenPlugin({
    product: options.product ?? Object.keys(entitlements)[0] ?? 'lumen-hr',
    router: options.router,
    guard: options.guard,
    tabSync: false,
    ttl: Infinity, // answers only change when the test says so
    restore: false,
    channelKey: null,
    initialState: {
      status,
      user: signedIn ? user : null,
      organizations: signedIn ? organizations : [],
      activeOrganizationId: signedIn ? active : null,
      entitlements: signedIn && active ? seedEntitlements(active, entitlements) : {},
      // The catalog is known up front, so `requiredTier` / `hasTier` answer on the first render.
      products: Object.fromEntries(products.map((p): [string, LumenProductEntry] => [p.slug, { status: 'success', data: p, updatedAt: 0 }])),
    },
    createClient: () => ({ client, owned: true }),
  })
  const install = plugin.install.bind(plugin)
  return Object.assign(plugin, {
    client,
    handlers,
    install(app: App) {
      if (!app.config.globalProperties.$pinia) app.use(createPinia())
      install(app)
    },
  }) as TestingLumen
}
