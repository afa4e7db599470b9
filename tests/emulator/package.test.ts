/**
 * The emulator as a team gets it: `npm pack` of the workspace package (its `prepack` builds
 * emulator/dist), `npm install` of the tarball into an empty directory, `npx lumen-emulator`, a
 * login over HTTP. And the SDK's own tarball carries none of it.
 *
 * better-sqlite3 is installed with `--ignore-scripts` and gets the repository's compiled binding
 * (same version, same Node): its install script compiles SQLite from source here (~100 s), which
 * tests better-sqlite3, not this package.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const EMULATOR = join(ROOT, 'emulator')

// The child npm must not inherit the per-script settings of an `npm test` running this file.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(lifecycle|package|config_(local_prefix|workspace))/i.test(k)))

/** Runs a command to its end (bounded): its stdout; rejects with its output on a non-zero exit. */
function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.stderr.on('data', (d: Buffer) => (err += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('error', reject)
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`${cmd} ${args.join(' ')} ended with ${code ?? signal}:\n${out}${err}`))
    })
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('@vss-software/lumen-emulator, packed and installed', () => {
  let work: string
  let app: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'lumen-emulator-pkg-'))
    const packs = join(work, 'packs')
    app = join(work, 'app')
    mkdirSync(packs)
    mkdirSync(app)
    await run('npm', ['pack', '--pack-destination', packs, '--no-audit', '--no-fund'], EMULATOR, 120_000)
    const [tarball] = readdirSync(packs).filter((f) => f.endsWith('.tgz'))
    expect(tarball).toMatch(/^vss-software-lumen-emulator-.*\.tgz$/)
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'a-team-app', private: true, type: 'module' }))
    await run('npm', ['install', join(packs, tarball!), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], app, 150_000)

    // The repository's compiled better-sqlite3 binding, if it is the installed version.
    const ours = dirname(createRequire(join(EMULATOR, 'package.json')).resolve('better-sqlite3/package.json'))
    const theirs = join(app, 'node_modules', 'better-sqlite3')
    const version = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version
    expect(version(theirs)).toBe(version(ours))
    mkdirSync(join(theirs, 'build', 'Release'), { recursive: true })
    copyFileSync(join(ours, 'build', 'Release', 'better_sqlite3.node'), join(theirs, 'build', 'Release', 'better_sqlite3.node'))
  }, 300_000)

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('`npx lumen-emulator --memory --port N` serves the demo login on 127.0.0.1', async () => {
    const port = await freePort()
    // Its own process group, so npx and the emulator under it stop together.
    const child = spawn('npx', ['--no-install', 'lumen-emulator', '--memory', '--port', String(port)], { cwd: app, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.stderr.on('data', (d: Buffer) => (out += d))
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    try {
      const url = `http://127.0.0.1:${port}`
      const deadline = Date.now() + 20_000
      let login: Response | undefined
      while (!login) {
        if (child.exitCode !== null) throw new Error(`lumen-emulator exited ${child.exitCode}:\n${out}`)
        if (Date.now() > deadline) throw new Error(`lumen-emulator did not answer in 20 s:\n${out}`)
        login = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'demo@lumen.test', password: 'lumen-demo-pass' }),
          signal: AbortSignal.timeout(5_000),
        }).catch(() => sleep(100).then(() => undefined))
      }
      expect(login.status).toBe(200)
      const body = (await login.json()) as { accessToken: string; user: { email: string } }
      expect(body.user.email).toBe('demo@lumen.test')
      expect(body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(out).toContain(`URL          ${url}`)
      expect(out).toContain('Data         in memory')
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM')
      await Promise.race([exited, sleep(5_000)])
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
    }
  }, 40_000)

  it('`startEmulator()` is the package export, with its types', async () => {
    const pkg = join(app, 'node_modules', '@vss-software', 'lumen-emulator')
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { exports: { '.': { types: string } } }
    expect(readFileSync(join(pkg, manifest.exports['.'].types), 'utf8')).toContain('export declare function startEmulator(')
    const script = "import { startEmulator } from '@vss-software/lumen-emulator'\n"
      + 'const e = await startEmulator({ port: 0, memory: true, quiet: true })\n'
      + "const r = await fetch(e.apiUrl + '/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@lumen.test', password: 'lumen-demo-pass' }) })\n"
      + 'console.log(r.status)\nawait e.close()\n'
    writeFileSync(join(app, 'start.mjs'), script)
    expect((await run(process.execPath, ['start.mjs'], app, 20_000)).trim()).toBe('200')
  }, 30_000)
})

describe('the SDK tarball', () => {
  it('contains no emulator file, and its package.json no better-sqlite3', async () => {
    const [pack] = JSON.parse(await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT, 60_000)) as [{ name: string; files: { path: string }[] }]
    expect(pack.name).toBe('@vss-software/lumen-account-sdk')
    const files = pack.files.map((f) => f.path)
    expect(files).toContain('package.json')
    expect(files.filter((f) => /emulator|\.sql$/i.test(f))).toEqual([])
    // What the build put in dist/ (when built) imports none of the emulator's packages.
    for (const file of files.filter((f) => f.endsWith('.js') && existsSync(join(ROOT, f)))) {
      expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/from ['"](better-sqlite3|hono|@hono\/node-server)['"/]/)
    }
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      expect(Object.keys(manifest[field] ?? {}), field).not.toContain('better-sqlite3')
    }
  })
})
