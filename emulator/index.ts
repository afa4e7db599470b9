/**
 * The Lumen emulator: a local Lumen Accounting API (docs/api.md) on real HTTP and SQLite.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, memory: true })
 * const client = new LumenAccountClient({ baseUrl: emulator.url })
 * await emulator.close()
 */
import { STATUS_CODES, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { API_PREFIX } from '../src/contract/routes.js'
import { createApp, DEFAULT_CORS_ORIGINS, isLoopbackHost } from './app.js'
import { Clock, parseDuration } from './clock.js'
import { ApiError, envelope } from './errors.js'
import type { Emulator, EmulatorConfig } from './context.js'
import { one, openDatabase, run, wipe } from './db.js'
import { FaultStore } from './faults.js'
import { randomToken, sha256 } from './security.js'
import { invitationLink, seed, seedInvitationOpen } from './seed.js'
import { SEED, SERVICE_KEY, PRODUCTS } from './seed-data.js'
import { checkSeed, type EmulatorSeed } from './seed-file.js'

export { SEED, SEED_PASSWORD, SERVICE_KEY, INVITATION_TOKEN, PRODUCTS } from './seed-data.js'
export type { FaultSpec, Fault } from './faults.js'
export type { OutboxMessage } from './outbox.js'
export { SeedError, type EmulatorSeed } from './seed-file.js'

export interface StartEmulatorOptions {
  /** Port on 127.0.0.1; `0` picks a free one. @default 4010 */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** Keep everything in memory (tests). @default false */
  memory?: boolean
  /** Seed the demo data into an empty database. @default true */
  seed?: boolean
  /**
   * A team's own users, organizations and licenses (the JSON of `--seed file.json`), written into an
   * empty database after the demo data (`demo: false`: instead of it). Checked first: a mistake
   * rejects with a `SeedError` naming the field. On disk it applies when the database is new or
   * `reset` is set.
   */
  seedData?: EmulatorSeed
  /** Access-token lifetime: seconds or a duration such as `'20s'`, `'15m'`. @default '15m' */
  accessTtl?: number | string
  /** Grace window of a rotated refresh token, in ms. @default 10_000 */
  refreshGraceMs?: number
  /** Where the on-disk database lives. @default '.lumen-emulator' */
  dataDir?: string
  /** Delete the on-disk database first. @default false */
  reset?: boolean
  /** Allowed browser origins, or `'*'` for any. @default playground and Storybook on localhost */
  corsOrigins?: string[] | '*'
  /**
   * Browser origins allowed to use the `/__emulator` controls (`'*'` for any). Other origins get 403
   * there; requests without an `Origin` (tests, curl) always pass. @default any loopback origin
   * (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`)
   */
  allowOrigins?: string[] | '*'
  /** Host names accepted in the `Host` header besides loopback ones and `host`. @default [] */
  allowHosts?: string[]
  /** Base URL of links in e-mails (reset, invitation). @default 'http://localhost:5173' */
  appUrl?: string
  /** Print nothing (outbox, security notes, errors). @default false */
  quiet?: boolean
}

export interface RunningEmulator {
  /** Origin, e.g. `http://127.0.0.1:4010`: the client's `baseUrl`. */
  url: string
  /** `${url}/api/v1` */
  apiUrl: string
  port: number
  /** Where the database lives, or `null` in memory. */
  dataDir: string | null
  /** The seeded invitation while it can still be accepted, else `null` (used, expired or not seeded). */
  openInvitation(): { email: string; link: string } | null
  /** Back to the seed (same as `POST /__emulator/reset`). */
  reset(): Promise<void>
  /** Stop listening, drop open connections, close the database. */
  close(): Promise<void>
}

/**
 * Requests Node's HTTP parser refuses before any handler runs (oversized headers, an unknown method,
 * garbage on the socket) still get the docs/api.md envelope and an `x-request-id`, instead of Node's bare
 * `400` / `431` without a body.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, code, message] = err.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'HEADERS_TOO_LARGE', 'The request headers are too large.']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive.']
      : [400, 'MALFORMED_REQUEST', 'The request is not valid HTTP/1.1 (unknown method or malformed request line or headers).']
  const requestId = `req_${randomToken(9)}`
  const body = JSON.stringify(envelope(new ApiError(status, code, message), requestId))
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n`
    + `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`)
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const memory = options.memory ?? false
  const dataDir = resolve(options.dataDir ?? '.lumen-emulator')
  const config: EmulatorConfig = {
    accessTtlMs: parseDuration(options.accessTtl ?? '15m'),
    refreshTtlMs: 30 * 86_400_000,
    refreshGraceMs: options.refreshGraceMs ?? 10_000,
    resetTokenTtlMs: 30 * 60_000,
    invitationTtlMs: 7 * 86_400_000,
    loginMaxFailures: 5,
    loginWindowMs: 15 * 60_000,
    serviceKey: SERVICE_KEY,
    appUrl: (options.appUrl ?? 'http://localhost:5173').replace(/\/+$/, ''),
    corsOrigins: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    allowOrigins: options.allowOrigins ?? 'loopback',
    allowHosts: [...(options.allowHosts ?? []), (options.host ?? '127.0.0.1').toLowerCase()].map((h) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h)),
    quiet: options.quiet ?? false,
    jsonLimit: 100 * 1024,
    bodyLimit: 11 * 1024 * 1024,
    assetLimit: 10 * 1024 * 1024,
    avatarLimit: 5 * 1024 * 1024,
  }
  const seedData = options.seedData === undefined ? undefined : checkSeed(options.seedData, PRODUCTS)
  const db = openDatabase({ memory, dataDir, reset: options.reset })
  const clock = new Clock()
  const meta = (key: string) => one<{ value: string }>(db, 'SELECT value FROM meta WHERE key = ?', key)?.value
  const setMeta = (key: string, value: string) => run(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value)
  let secret: Uint8Array | undefined
  const ensureSecret = () => {
    let value = meta('jwt_secret')
    if (!value) setMeta('jwt_secret', (value = randomToken(32)))
    secret = new TextEncoder().encode(value)
    return secret
  }

  const emulator: Emulator = {
    db,
    clock,
    config,
    faults: new FaultStore(),
    secret: () => secret ?? ensureSecret(),
    tokenGeneration: () => Number(meta('token_gen') ?? 0),
    // Kept in the database (wiped by reset) so it survives a restart like the sessions it counts.
    countReuseDetection: () => setMeta('reuse_detections', String(Number(meta('reuse_detections') ?? 0) + 1)),
    reuseDetections: () => Number(meta('reuse_detections') ?? 0),
    expireAccessTokens() {
      const next = Number(meta('token_gen') ?? 0) + 1
      setMeta('token_gen', String(next))
      return next
    },
    async reset() {
      emulator.faults.clear()
      clock.reset()
      wipe(db)
      secret = undefined
      ensureSecret()
      if (options.seed !== false) await seed(db, clock, config.appUrl, seedData)
      if (options.seed !== false && seedData) setMeta('seed_data', sha256(JSON.stringify(seedData)))
    },
    log: (line) => {
      if (!config.quiet) console.log(line)
    },
  }
  ensureSecret()
  if (options.seed !== false && !meta('seeded_at')) {
    try {
      await seed(db, clock, config.appUrl, seedData)
    } catch (err) {
      db.close()
      throw err
    }
    if (seedData) setMeta('seed_data', sha256(JSON.stringify(seedData)))
  } else if (seedData && meta('seed_data') !== sha256(JSON.stringify(seedData)) && !config.quiet) {
    console.warn(`[lumen-emulator] ${join(dataDir, 'lumen.db')} was seeded before with other data: the seed file applies to a new database (--reset).`)
  }

  const app = createApp(emulator)
  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 4010, hostname: options.host ?? '127.0.0.1' }, () => resolveServer(s as Server)) as Server
    s.once('error', (err) => {
      db.close()
      reject(err)
    })
  })
  server.on('clientError', answerClientError)
  const bound = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(bound)) {
    // Not silenced by `quiet`: anyone who can reach this address can sign in as the demo users,
    // read the outbox's reset links and reset the data.
    console.warn(`[lumen-emulator] warning: listening on ${bound}, not only on this machine. Anyone on the network can use`
      + ' the demo logins, the service key and the /__emulator controls. Bind to 127.0.0.1 unless you mean it.')
  }
  const port = (server.address() as AddressInfo).port
  const host = options.host ?? '127.0.0.1'
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  let closed: Promise<void> | undefined
  return {
    url,
    apiUrl: url + API_PREFIX,
    port,
    dataDir: memory ? null : dataDir,
    openInvitation: () => seedInvitationOpen(db, clock.now())
      ? { email: SEED.invitation.email, link: invitationLink(config.appUrl, SEED.invitation.token) }
      : null,
    reset: () => emulator.reset(),
    close() {
      closed ??= new Promise<void>((done) => {
        server.close(() => {
          db.close()
          done()
        })
        server.closeAllConnections()
      })
      return closed
    },
  }
}
