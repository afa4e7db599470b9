// "./testing" entry: what apps need to test their own Lumen-aware code. Each export names its leaf file.
export { fixtures, type EntitlementFixtureInput } from './fixtures.js'
export {
  lumenFetch,
  lumenHandlers,
  type LumenFailure,
  type LumenHandlers,
  type LumenHandlersOptions,
  type LumenHttpHandler,
  type LumenResolverInfo,
  type LumenRouteMap,
} from './handlers.js'
export {
  DEMO_PASSWORD,
  lumenPersonas,
  type LumenPersona,
  type LumenCall,
  type LumenFixtures,
  type LumenSeed,
  type LumenTestAccount,
  type LumenTestSession,
  type LumenTestState,
  type TestingEntitlement,
} from './world.js'
export { createTestingLumen, type TestingLumen, type TestingLumenOptions } from './plugin.js'
export { type LumenTestingClient, type TestingClientState } from './client.js'
