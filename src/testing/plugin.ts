/**
 * `createTestingLumen`: the real plugin, store and composables over an in-memory client, for
 * your own component tests and stories. No network, no storage, no tab sync.
 */
import { createPinia } from 'pinia'
import type { App } from 'vue'
import type { OrganizationSummary, Product, Session, User } from '../contract/types.js'
import { entitlementKey } from '../stores/entitlements.js'
import { createLumenPlugin } from '../vue/plugin.js'
import type { LumenPlugin, LumenPluginBaseOptions } from '../vue/plugin.js'
import type { LumenAuthStatus, LumenEntitlementEntry, LumenProductEntry } from '../stores/types.js'
import { createTestingClient } from './client.js'
import type { LumenTestingClient, TestingEntitlement } from './client.js'
import { fixtures } from './fixtures.js'

export interface TestingLumenOptions extends Pick<LumenPluginBaseOptions, 'router' | 'guard'> {
  /** The signed-in user; `null` for a signed-out app. @default fixtures.user() */
  user?: User | null
  /** @default [fixtures.organization()] */
  organizations?: OrganizationSummary[]
  /** @default the first organization */
  activeOrganizationId?: string | null
  /** License per product slug: a fixture, or `'loading'` / `'error'` to hold gates there. @default { 'lumen-hr': fixtures.entitlement() } */
  entitlements?: Record<string, TestingEntitlement>
  /** @default 'authenticated' with a user, else 'anonymous' */
  status?: LumenAuthStatus
  /** Default product of the composables. @default the first key of `entitlements`, or 'lumen-hr' */
  product?: string
  /** Tiers for `requiredTier` / `hasTier`. @default [fixtures.product()] */
  products?: Product[]
  /** @default [fixtures.session()] */
  sessions?: Session[]
}

export interface TestingLumen extends LumenPlugin {
  /** The in-memory client: its `state` can be changed, its `calls` inspected. */
  readonly client: LumenTestingClient
}

/**
 * A network-free Lumen plugin (installs Pinia too when the app has none).
 * @example mount(MyGate, { global: { plugins: [createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } })] } })
 */
export function createTestingLumen(options: TestingLumenOptions = {}): TestingLumen {
  const user = options.user === undefined ? fixtures.user() : options.user
  const status = options.status ?? (user ? 'authenticated' : 'anonymous')
  const signedIn = status === 'authenticated'
  const organizations = options.organizations ?? (signedIn ? [fixtures.organization()] : [])
  const activeOrganizationId = options.activeOrganizationId === undefined ? (organizations[0]?.id ?? null) : options.activeOrganizationId
  const entitlements = options.entitlements ?? { 'lumen-hr': fixtures.entitlement({ organizationId: activeOrganizationId ?? undefined }) }
  const product = options.product ?? Object.keys(entitlements)[0] ?? 'lumen-hr'
  const products = options.products ?? [fixtures.product()]
  const client = createTestingClient({
    user: signedIn ? user : null,
    organizations,
    activeOrganizationId,
    entitlements,
    products,
    sessions: options.sessions ?? [fixtures.session()],
  })

  const cached: Record<string, LumenEntitlementEntry> = {}
  if (signedIn && activeOrganizationId) {
    for (const [slug, answer] of Object.entries(entitlements)) {
      cached[entitlementKey(activeOrganizationId, slug)] =
        answer === 'loading'
          ? { status: 'loading', data: null, updatedAt: null, stale: false, error: null }
          : answer === 'error'
            ? { status: 'error', data: null, updatedAt: 0, stale: false, error: { name: 'NetworkError', message: '[lumen-account] testing: network error', code: 'NETWORK_ERROR', status: null, requestId: null } }
            : { status: 'success', data: { ...answer, organizationId: activeOrganizationId }, updatedAt: 0, stale: false, error: null }
    }
  }

  const plugin = createLumenPlugin({
    product,
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
      activeOrganizationId: signedIn ? activeOrganizationId : null,
      entitlements: cached,
      // The catalog is known up front, so `requiredTier` / `hasTier` answer on the first render.
      products: Object.fromEntries(products.map((p): [string, LumenProductEntry] => [p.slug, { status: 'success', data: p, updatedAt: 0 }])),
    },
    createClient: () => ({ client, owned: true }),
  })
  const install = plugin.install.bind(plugin)
  return Object.assign(plugin, {
    client,
    install(app: App) {
      if (!app.config.globalProperties.$pinia) app.use(createPinia())
      install(app)
    },
  }) as TestingLumen
}
