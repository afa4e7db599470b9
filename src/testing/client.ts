/**
 * The client behind `createTestingLumen`: the real `LumenAccountClient` (tokens, refresh, typed
 * errors, events), its `fetch` answered by `lumenHandlers` in memory. Not a mock of its internals.
 */
import { LumenAccountClient } from '../client/client.js'
import type { OrganizationSummary, Product, Session, User } from '../contract/types.js'
import type { LumenHandlers } from './handlers.js'
import type { LumenTestState, TestingEntitlement } from './world.js'

/**
 * @deprecated The shape of `createTestingLumen`'s seed options; `client.state` is now the
 * in-memory server (`LumenTestState`).
 */
export interface TestingClientState {
  user: User | null
  organizations: OrganizationSummary[]
  activeOrganizationId: string | null
  entitlements: Record<string, TestingEntitlement>
  products: Product[]
  sessions: Session[]
}

/** The real client of a testing app, plus what its in-memory server saw. */
export interface LumenTestingClient extends LumenAccountClient {
  /** The in-memory Lumen the client talks to: change it between steps (licenses, sessions, accounts). */
  readonly state: LumenTestState
  /** The client methods called so far, in order (`'auth.login'`, `'licenses.get'`, …), from the requests the handlers saw. */
  readonly calls: string[]
  /** The handlers answering this client: `handlers.options.fail` / `.delay` change them mid-test. */
  readonly handlers: LumenHandlers
}

export interface TestingClientOptions {
  baseUrl: string
  /** @default handlers.fetch (in memory) */
  fetch?: typeof globalThis.fetch
  tokens?: { accessToken: string; refreshToken: string } | null
}

/** @internal */
export function createTestingClient(handlers: LumenHandlers, options: TestingClientOptions): LumenTestingClient {
  const client = new LumenAccountClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? handlers.fetch,
    // Failures show at once: a test or story sets `fail` to see an error, not three retries.
    retry: false,
    ...(options.tokens ?? {}),
  })
  return Object.defineProperties(client, {
    state: { value: handlers.state },
    handlers: { value: handlers },
    calls: { get: () => handlers.state.calls.flatMap((c) => (c.name ? [c.name] : [])) },
  }) as LumenTestingClient
}
