import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import { bootEmulator, INVITATION_TOKEN, SEED } from '../helpers/emulator.js'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lumen-emu-'))
  dirs.push(d)
  return d
}

describe('on disk', () => {
  it('keeps users, sessions, assets and usage across a restart; --reset starts over', async () => {
    const dataDir = tempDir()
    const first = await bootEmulator({ memory: false, dataDir })
    expect(first.dataDir).toBe(dataDir)
    const reg = await first.api('POST', '/auth/register', { body: { email: 'keep@lumen.test', password: 'keep-me-please', firstName: 'K', lastName: 'P' } })
    const fd = new FormData()
    fd.set('app', 'a'); fd.set('kind', 'k'); fd.set('ownerType', 'user'); fd.set('file', new Blob(['persist']), 'p.txt')
    const asset = await first.api('POST', '/assets', { token: reg.body.accessToken, body: fd })
    await first.api('POST', '/service/usage', { serviceKey: true, body: { organizationId: 'org_acme', productSlug: 'lumen-hr', unitCount: 20 } })
    await first.close()

    const second = await bootEmulator({ memory: false, dataDir })
    try {
      // The access token and refresh token issued before the restart still work.
      expect((await second.api('GET', '/auth/me', { token: reg.body.accessToken })).body.user.email).toBe('keep@lumen.test')
      expect((await second.api('POST', '/auth/refresh', { body: { refreshToken: reg.body.refreshToken } })).status).toBe(200)
      const content = await second.fetch(`/api/v1/assets/${asset.body.id}/content`, { headers: { authorization: `Bearer ${reg.body.accessToken}` } })
      expect(await content.text()).toBe('persist')
      const check = await second.api('GET', '/licenses/lumen-hr', { token: (await second.login('demo')).accessToken, org: 'org_acme' })
      expect(check.body.usage.seats).toBe(20)
    } finally {
      await second.close()
    }

    const third = await bootEmulator({ memory: false, dataDir, reset: true })
    try {
      expect((await third.api('POST', '/auth/login', { body: { email: 'keep@lumen.test', password: 'keep-me-please' } })).status).toBe(401)
      expect((await third.login('demo')).user.id).toBe(SEED.users.demo.id)
    } finally {
      await third.close()
    }
  })
})

describe('at rest', () => {
  it('WAL mode; passwords as scrypt hashes; refresh, reset and invitation tokens only as SHA-256 hashes', async () => {
    const dataDir = tempDir()
    const emu = await bootEmulator({ memory: false, dataDir })
    const password = 'at-rest-password'
    const reg = await emu.api('POST', '/auth/register', { body: { email: 'rest@lumen.test', password, firstName: 'R', lastName: 'T' } })
    const rotated = await emu.api('POST', '/auth/refresh', { body: { refreshToken: reg.body.refreshToken } })
    await emu.api('POST', '/auth/password-reset/request', { body: { email: 'rest@lumen.test' } })
    const resetToken = (await emu.outbox('rest@lumen.test'))[0]!.token!
    await emu.close()

    const sha = (v: string) => createHash('sha256').update(v).digest('hex')
    const db = new Database(join(dataDir, 'lumen.db'), { readonly: true })
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      const hash = (db.prepare('SELECT password_hash FROM users WHERE email = ?').get('rest@lumen.test') as { password_hash: string }).password_hash
      expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
      expect(hash).not.toContain(password)
      const demoHash = (db.prepare('SELECT password_hash FROM users WHERE id = ?').get(SEED.users.demo.id) as { password_hash: string }).password_hash
      expect(demoHash).toMatch(/^scrypt\$/)
      const refreshHashes = (db.prepare('SELECT token_hash FROM refresh_tokens').all() as { token_hash: string }[]).map((r) => r.token_hash)
      expect(refreshHashes).toEqual(expect.arrayContaining([sha(reg.body.refreshToken), sha(rotated.body.refreshToken)]))
      expect(db.prepare('SELECT token_hash FROM password_resets').all()).toEqual([{ token_hash: sha(resetToken) }])
      expect(db.prepare('SELECT token_hash FROM invitations').all()).toEqual([{ token_hash: sha(INVITATION_TOKEN) }])
      // No secret in clear in any table but the outbox (whose whole point is to show the links).
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'outbox'").all() as { name: string }[]).map((t) => t.name)
      expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'refresh_tokens', 'password_resets', 'invitations', 'idempotency']))
      const dump = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))).join('\n')
      for (const secret of [password, SEED.password, reg.body.refreshToken, rotated.body.refreshToken, resetToken, INVITATION_TOKEN]) {
        expect(dump.includes(secret), secret.slice(0, 6)).toBe(false)
      }
    } finally {
      db.close()
    }
  })
})

describe('startEmulator', () => {
  it('close() releases the port (and is idempotent)', async () => {
    const a = await startEmulator({ port: 0, memory: true, quiet: true })
    const port = a.port
    expect(a.url).toBe(`http://127.0.0.1:${port}`)
    await a.close()
    await a.close()
    const b = await startEmulator({ port, memory: true, quiet: true })
    expect(b.port).toBe(port)
    await b.close()
  })

  it('rejects when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const port = (blocker.address() as { port: number }).port
    try {
      await expect(startEmulator({ port, memory: true, quiet: true })).rejects.toThrow(/EADDRINUSE/)
    } finally {
      blocker.close()
    }
  })

  it('honours accessTtl', async () => {
    const emu = await bootEmulator({ accessTtl: '20s' })
    try {
      const { accessToken } = await emu.login('demo')
      const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number }
      expect(claims.exp - claims.iat).toBe(20)
      await emu.advanceClock('21s')
      expect((await emu.api('GET', '/auth/me', { token: accessToken })).body.error.code).toBe('TOKEN_EXPIRED')
    } finally {
      await emu.close()
    }
  })
})

describe('the CLI', () => {
  it('`--port 0 --memory` starts fast and prints the URL, logins, service key and invitation', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--memory', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = ''
        const timer = setTimeout(() => reject(new Error(`no banner in 10 s: ${text}`)), 10_000)
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString()
          if (text.includes('Controls')) {
            clearTimeout(timer)
            resolve(text)
          }
        })
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${text}`)))
      })
      const url = /URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!
      expect(out).toContain('demo@lumen.test')
      expect(out).toContain('lumen_sk_emulator_local')
      expect(out).toContain('accept-invitation?token=')
      expect(Number(/ready in (\d+) ms/.exec(out)![1])).toBeLessThan(2000)
      expect((await fetch(`${url}/api/v1/products/lumen-hr`)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
  })
})
