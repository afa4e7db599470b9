import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import { bootEmulator, SEED } from '../helpers/emulator.js'

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
