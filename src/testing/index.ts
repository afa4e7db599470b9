// "./testing" entry: what apps need to test their own Lumen-aware code. Each export names its leaf file.
export { fixtures, type EntitlementFixtureInput } from './fixtures.js'
export { createTestingLumen, type TestingLumen, type TestingLumenOptions } from './plugin.js'
export { type LumenTestingClient, type TestingClientState, type TestingEntitlement } from './client.js'
