/**
 * `npx lumen-emulator [--port 4010 --memory --reset --access-ttl 20s --data-dir .lumen-emulator]`
 * (the package's bin, built by build.mjs); in this repository `npm run emulator -- [options]` (tsx).
 * Env: LUMEN_EMULATOR_PORT, LUMEN_EMULATOR_DATA_DIR, LUMEN_EMULATOR_ACCESS_TTL,
 * LUMEN_EMULATOR_CORS_ORIGINS (comma-separated, or *), LUMEN_EMULATOR_APP_URL.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { SEED, SeedError, startEmulator, type EmulatorSeed } from './index.js'

const HELP = `Lumen emulator: a local Lumen Accounting API on real HTTP and SQLite.

Usage: npx lumen-emulator [options]        (in the SDK repository: npm run emulator -- [options])

  --port <n>          port on 127.0.0.1 (0 = any free port)   [env LUMEN_EMULATOR_PORT, default 4010]
  --host <addr>       interface to listen on                     [default 127.0.0.1]
  --memory            keep everything in memory (nothing on disk)
  --reset             delete the on-disk database and seed again
  --seed <file.json>  your own users, organizations and licenses, after the demo data
                      ({"demo": false} for only yours); on disk it applies to a new database (or --reset)
  --data-dir <dir>    where the database lives                   [env LUMEN_EMULATOR_DATA_DIR, default .lumen-emulator]
  --access-ttl <d>    access-token lifetime, e.g. 20s, 15m, 900  [env LUMEN_EMULATOR_ACCESS_TTL, default 15m]
  --cors-origin <o>   allowed browser origin (repeatable, or *)  [env LUMEN_EMULATOR_CORS_ORIGINS]
  --allow-origin <o>  browser origin allowed to use /__emulator (repeatable, or *)  [default: any loopback origin]
  --allow-host <h>    extra host name accepted in the Host header (repeatable)       [default: loopback names, IPs]
  --app-url <url>     base of links in e-mails                   [env LUMEN_EMULATOR_APP_URL, default http://localhost:5173]
  --quiet             print only the banner
  -h, --help          this help
`

function fail(message: string): never {
  console.error(`[lumen-emulator] ${message}\n\n${HELP}`)
  process.exit(2)
}

async function main(): Promise<void> {
  let args
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        memory: { type: 'boolean' },
        reset: { type: 'boolean' },
        seed: { type: 'string' },
        'data-dir': { type: 'string' },
        'access-ttl': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        'app-url': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (err) {
    fail((err as Error).message)
  }
  if (args.help) {
    console.log(HELP)
    return
  }
  const env = process.env
  const portText = args.port ?? env.LUMEN_EMULATOR_PORT ?? '4010'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) fail(`invalid port: ${portText}`)
  const corsList = args['cors-origin'] ?? env.LUMEN_EMULATOR_CORS_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean)
  const appUrl = args['app-url'] ?? env.LUMEN_EMULATOR_APP_URL ?? 'http://localhost:5173'

  let seedData: EmulatorSeed | undefined
  if (args.seed !== undefined) {
    try {
      seedData = JSON.parse(readFileSync(args.seed, 'utf8')) as EmulatorSeed
    } catch (err) {
      fail(`--seed ${args.seed}: ${(err as Error).message}`)
    }
  }

  const started = Date.now()
  let emulator
  try {
    emulator = await startEmulator({
      port,
      host: args.host,
      memory: args.memory ?? false,
      reset: args.reset ?? false,
      seedData,
      dataDir: args['data-dir'] ?? env.LUMEN_EMULATOR_DATA_DIR,
      accessTtl: args['access-ttl'] ?? env.LUMEN_EMULATOR_ACCESS_TTL ?? '15m',
      corsOrigins: corsList ? (corsList.includes('*') ? '*' : corsList) : undefined,
      allowOrigins: args['allow-origin'] ? (args['allow-origin'].includes('*') ? '*' : args['allow-origin']) : undefined,
      allowHosts: args['allow-host'],
      appUrl,
      quiet: args.quiet ?? false,
    })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'EADDRINUSE') fail(`port ${port} is in use: stop the other process or pass --port 0 (or another port)`)
    if (err instanceof SeedError) fail(`--seed ${args.seed}: ${err.message}`)
    throw err
  }

  const demo = seedData?.demo !== false
  const logins = [...(demo ? Object.values(SEED.users).map((u) => u.email) : []), ...(seedData?.users ?? []).map((u) => u.email.toLowerCase())]
  // On disk the seeded invitation may have been accepted (or have expired) in an earlier run.
  const invitation = emulator.openInvitation()
  console.log(`
  Lumen emulator ready in ${Date.now() - started} ms
  URL          ${emulator.url}        (client baseUrl; API under ${emulator.apiUrl})
  Port         ${emulator.port}
  Data         ${emulator.dataDir ?? 'in memory'}
  Logins       ${logins.join(', ') || 'none'}
               password: ${SEED.password}${demo ? '   (demo@lumen.test: owner of Acme Corp, member of Globex)' : ''}${seedData ? '; yours: as in the seed file' : ''}
  Service key  ${SEED.serviceKey}
  Invitation   ${invitation ? `${invitation.email} → Acme Corp: ${invitation.link}` : (demo ? 'none open (the seeded one was used or expired; --reset brings it back)' : 'none')}
  Outbox       ${emulator.url}/__emulator/outbox
  Controls     ${emulator.url}/__emulator  (faults, reset, clock, expire-tokens)
`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await emulator.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error('[lumen-emulator] failed to start:', err)
  process.exit(1)
})
