/**
 * Overhead of a cached license check over a bare route, for Express 5 and Fastify 5.
 *
 *   npm run bench:middleware [-- --requests 20000 --concurrency 64 --rounds 3]
 *
 * Each framework runs in a child process (so the loader does not steal its event loop) with two
 * routes: `GET /bare` and `GET /gated` behind `requiresLicenseExpress` / `requiresLicenseFastify`
 * with the default in-memory cache, plus `GET /noop` behind a pass-through middleware (the cost of
 * any extra middleware, for reference). The loader warms them up, then runs rounds of a fixed
 * request count per route, interleaved, over keep-alive connections, and reports the median req/s
 * of each, gated/bare (the overhead of a cached license check) and gated/noop. Not part of the tests.
 */
import { fork, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import type { CheckLicenseResponse } from '../src/contract/types.js'

type Framework = 'express' | 'fastify'

const LICENSE: CheckLicenseResponse = {
  valid: true, status: 'active', tier: 'pro', features: { reports: true }, limits: { api_calls: 10_000 }, unitCount: 25,
}

// ---------------------------------------------------------------- server (child process)

async function serve(framework: Framework): Promise<number> {
  let checks = 0
  // The license source is only asked on a cold cache; during the run every request is a cache hit.
  const client = { checkLicense: async () => { checks += 1; return LICENSE } }
  process.on('message', (msg) => {
    if (msg === 'checks') process.send?.({ checks })
  })
  if (framework === 'express') {
    const { default: express } = await import('express')
    const { requiresLicenseExpress } = await import('../src/middleware/express.js')
    const app = express()
    app.get('/bare', (_req, res) => { res.json({ ok: true }) })
    app.get('/noop', (_req, _res, next) => { next() }, (_req, res) => { res.json({ ok: true }) })
    app.get('/gated', requiresLicenseExpress(client, 'lumen-hr'), (_req, res) => { res.json({ ok: true }) })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    return (server.address() as AddressInfo).port
  }
  const { default: Fastify } = await import('fastify')
  const { requiresLicenseFastify } = await import('../src/middleware/fastify.js')
  const app = Fastify()
  app.get('/bare', async () => ({ ok: true }))
  app.get('/noop', { preHandler: async () => {} }, async () => ({ ok: true }))
  app.get('/gated', { preHandler: requiresLicenseFastify(client, 'lumen-hr') }, async () => ({ ok: true }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  return (app.server.address() as AddressInfo).port
}

// ---------------------------------------------------------------- loader

function load(port: number, path: string, requests: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const headers = { 'x-organization-id': 'org_bench' }
  let sent = 0
  let failed = 0
  const one = () => new Promise<void>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      if (res.statusCode !== 200) failed += 1
      res.resume()
      res.on('end', resolve)
    })
    req.on('error', () => {
      failed += 1
      resolve()
    })
  })
  const worker = async () => {
    while (sent < requests) {
      sent += 1
      await one()
    }
  }
  const started = process.hrtime.bigint()
  return Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    agent.destroy()
    if (failed > 0) throw new Error(`${failed} of ${requests} requests to ${path} failed`)
    return requests / seconds
  })
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function startChild(framework: Framework): Promise<{ child: ChildProcess, port: number }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', framework], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (msg) => resolve((msg as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`${framework} server exited with ${code}`)))
  })
  return { child, port }
}

async function bench(framework: Framework, requests: number, concurrency: number, rounds: number) {
  const { child, port } = await startChild(framework)
  try {
    const routes = ['/bare', '/noop', '/gated'] as const
    for (const route of routes) await load(port, route, Math.min(5_000, requests), concurrency)
    const rates: Record<(typeof routes)[number], number[]> = { '/bare': [], '/noop': [], '/gated': [] }
    // Interleaved rounds, median of each: drift and neighbours on the machine hit all routes alike.
    for (let i = 0; i < rounds; i++) {
      for (const route of routes) rates[route].push(await load(port, route, requests, concurrency))
    }
    child.send('checks')
    const { checks } = await new Promise<{ checks: number }>((resolve) => child.once('message', (m) => resolve(m as { checks: number })))
    return { framework, bare: median(rates['/bare']), noop: median(rates['/noop']), gated: median(rates['/gated']), checks }
  } finally {
    child.kill()
  }
}

/** The adapter alone, in process: cached-hit cost per request without HTTP noise. */
async function hotPath(): Promise<number> {
  const { requiresLicenseExpress } = await import('../src/middleware/express.js')
  const gate = requiresLicenseExpress({ checkLicense: async () => LICENSE }, 'lumen-hr')
  const res = { status: () => res, json: () => res, setHeader: () => res }
  const headers = { host: '127.0.0.1', accept: '*/*', 'x-organization-id': 'org_bench' }
  await new Promise<void>((resolve) => gate({ headers }, res, () => resolve()))
  const n = 1_000_000
  let passed = 0
  const next = () => { passed += 1 }
  for (let i = 0; i < 100_000; i++) gate({ headers }, res, next)
  const started = process.hrtime.bigint()
  for (let i = 0; i < n; i++) gate({ headers }, res, next)
  const ns = Number(process.hrtime.bigint() - started) / n
  if (passed !== n + 100_000) throw new Error('hot path did not answer synchronously')
  return ns
}

async function main() {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      requests: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '64' },
      rounds: { type: 'string', default: '5' },
    },
  })
  if (values.serve) {
    const port = await serve(values.serve as Framework)
    process.send?.({ port })
    return
  }
  const requests = Number(values.requests)
  const concurrency = Number(values.concurrency)
  const rounds = Number(values.rounds)
  console.log(`bench:middleware: ${requests} requests x ${rounds} rounds per route, ${concurrency} keep-alive connections, Node ${process.version}`)
  console.log(`cached license check, in process (no HTTP): ${(await hotPath()).toFixed(0)} ns per request`)
  console.log('framework  bare req/s  noop req/s  gated req/s  gated/bare  gated/noop  cost per request')
  for (const framework of ['express', 'fastify'] as const) {
    const r = await bench(framework, requests, concurrency, rounds)
    const ratio = r.gated / r.bare
    const overheadUs = (1 / r.gated - 1 / r.bare) * 1e6
    console.log(
      `${framework.padEnd(9)}  ${r.bare.toFixed(0).padStart(10)}  ${r.noop.toFixed(0).padStart(10)}  ${r.gated.toFixed(0).padStart(11)}`
      + `  ${ratio.toFixed(3).padStart(10)}  ${(r.gated / r.noop).toFixed(3).padStart(10)}  ${overheadUs.toFixed(1).padStart(7)} µs`
      + `  (license checks: ${r.checks})`,
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
