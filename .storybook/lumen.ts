/**
 * The story-side Lumen setup: every story gets its own network-free plugin (`createTestingLumen`)
 * from `parameters.lumen`, and stories that need a failing or pending call patch its client.
 */
import type { LumenTestingClient, TestingLumenOptions } from '../src/testing/index.js'

export interface LumenStoryParameters extends TestingLumenOptions {
  /** Change the in-memory client before the story mounts (fail or hold a call). */
  client?: (client: LumenTestingClient) => void
}

/** A call that never settles: holds a component in its busy state. */
export const pending = <T = never>(): Promise<T> => new Promise<T>(() => undefined)

