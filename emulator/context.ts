/** What every route handler shares: the database, the clock, the settings and the fault list. */
import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { Clock } from './clock.js'
import type { Db } from './db.js'
import type { FaultStore } from './faults.js'

export interface EmulatorConfig {
  accessTtlMs: number
  refreshTtlMs: number
  /** A rotated refresh token is accepted again (returning the same child) for this long. */
  refreshGraceMs: number
  resetTokenTtlMs: number
  invitationTtlMs: number
  loginMaxFailures: number
  loginWindowMs: number
  serviceKey: string
  /** Where links in e-mails point (the playground). */
  appUrl: string
  corsOrigins: string[] | '*'
  /** Browser origins allowed to use `/__emulator`: a list, `'*'`, or `'loopback'` (any port). */
  allowOrigins: string[] | '*' | 'loopback'
  /** Host names (no port) requests may name besides loopback ones: the bound address. */
  allowHosts: string[]
  quiet: boolean
  /** Largest JSON body, in bytes. */
  jsonLimit: number
  /** Largest request body of any kind (multipart uploads), in bytes. */
  bodyLimit: number
  assetLimit: number
  avatarLimit: number
}

export interface Emulator {
  db: Db
  clock: Clock
  config: EmulatorConfig
  faults: FaultStore
  /** HS256 key of access tokens; kept in the database so tokens survive a restart. */
  secret(): Uint8Array
  /** Current access-token generation (see `POST /__emulator/expire-tokens`). */
  tokenGeneration(): number
  /** Bump the generation: every access token issued so far now answers 401 `TOKEN_EXPIRED`. */
  expireAccessTokens(): number
  /** Record one refresh-token reuse detection (a session revoked for it). */
  countReuseDetection(): void
  /** Reuse detections since the start or the last reset. */
  reuseDetections(): number
  /** Back to the seed: data, faults, clock. */
  reset(): Promise<void>
  log(line: string): void
}

export interface AuthInfo {
  userId: string
  sessionId: string
}

export interface AppEnv {
  Bindings: HttpBindings
  Variables: {
    requestId: string
    emulator: Emulator
    auth: AuthInfo | undefined
    rawBody: Uint8Array | undefined
  }
}

export type Ctx = Context<AppEnv>

export const emu = (c: Ctx): Emulator => c.get('emulator')
