/**
 * `npm run emulator` as a newcomer runs it: a child process, the default data dir in the working
 * directory, the banner, flags and environment variables.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { INVITATION_TOKEN, SEED } from '../helpers/emulator.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const CLI = join(ROOT, 'emulator/cli.ts')

interface Cli {
  url: string
  /** Milliseconds from spawn to the complete banner. */
  startMs: number
  /** Everything printed so far (stdout and stderr). */
  output(): string
  stop(): Promise<void>
}

const running: Cli[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()))
})
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lumen-cli-'))
  dirs.push(d)
  return d
}

async function startCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Cli> {
  const t0 = Date.now()
  const child: ChildProcessWithoutNullStreams = spawn(TSX, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  })
  let text = ''
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const banner = await new Promise<string>((resolveBanner, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 15 s:\n${text}`)), 15_000)
    const onData = (d: Buffer) => {
      text += d.toString()
      if (/Controls\s+\S+/.test(text)) {
        clearTimeout(timer)
        resolveBanner(text)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited ${code}:\n${text}`))
    })
  })
  const cli: Cli = {
    url: /URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!,
    startMs: Date.now() - t0,
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
  running.push(cli)
  return cli
}

async function post(url: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const invitationLine = (out: string) => /Invitation\s+(.*)/.exec(out)![1]!

describe('npm run emulator', () => {
  it('defaults to .lumen-emulator/ in the working directory, which survives a restart; the banner offers the invitation only while it is open; --reset starts over', async () => {
    const cwd = tempDir()
    const first = await startCli(['--port', '0'], { cwd })
    // The budget, measured from spawn (TypeScript compilation included), with slack for a loaded machine.
    expect(first.startMs).toBeLessThan(5_000)
    expect(Number(/ready in (\d+) ms/.exec(first.output())![1])).toBeLessThan(2_000)
    expect(first.output()).toContain(`Data         ${join(cwd, '.lumen-emulator')}`)
    expect(existsSync(join(cwd, '.lumen-emulator', 'lumen.db'))).toBe(true)
    expect(invitationLine(first.output())).toContain(`accept-invitation?token=${INVITATION_TOKEN}`)
    const accepted = await post(first.url, '/api/v1/auth/invitations/accept', { token: INVITATION_TOKEN, firstName: 'Carol', lastName: 'C', password: 'carol-pass-1' })
    expect(accepted.status).toBe(201)
    await first.stop()

    // LUMEN_EMULATOR_PORT instead of --port.
    const second = await startCli([], { cwd, env: { LUMEN_EMULATOR_PORT: '0' } })
    expect(second.url).not.toBe('http://127.0.0.1:4010')
    expect(invitationLine(second.output())).not.toContain('accept-invitation')
    expect(invitationLine(second.output())).toMatch(/none open/)
    expect(second.output()).not.toContain(INVITATION_TOKEN)
    expect((await post(second.url, '/api/v1/auth/login', { email: 'carol@lumen.test', password: 'carol-pass-1' })).status).toBe(200)
    const info = (await (await fetch(`${second.url}/__emulator`)).json()) as { invitation: unknown }
    expect(info.invitation).toBeNull()
    await second.stop()

    const third = await startCli(['--port', '0', '--reset'], { cwd })
    expect(invitationLine(third.output())).toContain(`accept-invitation?token=${INVITATION_TOKEN}`)
    expect((await post(third.url, '/api/v1/auth/login', { email: 'carol@lumen.test', password: 'carol-pass-1' })).status).toBe(401)
  })

  it('--memory writes nothing; --access-ttl 20s issues 20-second tokens; the outbox is printed', async () => {
    const cwd = tempDir()
    const cli = await startCli(['--port', '0', '--memory', '--access-ttl', '20s'], { cwd })
    expect(cli.output()).toContain('Data         in memory')
    expect(existsSync(join(cwd, '.lumen-emulator'))).toBe(false)
    const login = await post(cli.url, '/api/v1/auth/login', { email: SEED.users.demo.email, password: SEED.password })
    const claims = JSON.parse(Buffer.from(String(login.body.accessToken).split('.')[1]!, 'base64url').toString()) as Record<string, number>
    expect(claims.exp! - claims.iat!).toBe(20)
    expect((await post(cli.url, '/api/v1/auth/password-reset/request', { email: SEED.users.bob.email })).status).toBe(200)
    const deadline = Date.now() + 5_000
    while (!/\[outbox\] to bob@lumen\.test/.test(cli.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(cli.output()).toMatch(/\[outbox\] to bob@lumen\.test: Reset your Lumen password\s+http:\/\/localhost:5173\/reset-password\?token=\S+/)
  })

  it('refuses a bad port, duration or flag with a message and a non-zero exit', async () => {
    await Promise.all([['--port', 'abc'], ['--port', '70000'], ['--memory', '--access-ttl', 'soon'], ['--bogus']].map(async (args) => {
      const child = spawn(TSX, [CLI, ...args], { cwd: tempDir() })
      let err = ''
      child.stderr.on('data', (d: Buffer) => (err += d.toString()))
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const code = await new Promise<number | null>((r) => child.once('exit', r))
      clearTimeout(timer)
      expect(code, args.join(' ')).not.toBe(0)
      expect(code, args.join(' ')).not.toBeNull()
      expect(err, args.join(' ')).toContain('[lumen-emulator]')
    }))
  })
})
