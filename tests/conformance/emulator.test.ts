/**
 * Conformance: issue 4's emulator as a user meets it: startEmulator({ port, memory, seed, accessTtl })
 * → { url, close }, the seed data, /__emulator/faults, /__emulator/reset, /__emulator/outbox, the
 * wire envelope and `npm run emulator`'s flags.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/index.js'
import { LumenAccountClient, UnauthorizedError } from '../../src/index.js'
import { bootEmulator } from '../helpers/emulator.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, DEMO, GLOBEX, rejection, SERVICE_KEY } from './support.js'

const emu = useEmulator()

const timeout = () => AbortSignal.timeout(5_000)

async function control(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: timeout(),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

describe('startEmulator({ port, memory, seed, accessTtl }) → { url, close }', () => {
  it('port 0 picks a free port on 127.0.0.1; close releases it', async () => {
    const running = await startEmulator({ port: 0, memory: true, quiet: true })
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { port } = new URL(running.url)
    expect(Number(port)).toBeGreaterThan(0)
    const res = await fetch(`${running.url}/api/v1/products/lumen-hr`, { signal: timeout() })
    expect(res.headers.get('x-request-id')).toBeTruthy()
    await running.close()
    await expect(fetch(`${running.url}/api/v1/products/lumen-hr`, { signal: timeout() })).rejects.toThrow()
  })

  it('two in-memory emulators are independent', async () => {
    const other = await startEmulator({ port: 0, memory: true, quiet: true })
    try {
      expect(other.url).not.toBe(emu.url)
      const client = new LumenAccountClient({ baseUrl: other.url, accessToken: '' })
      await client.register('only-here@example.com', 'password123', 'Only', 'Here')
      const onMain = await rejection(new LumenAccountClient({ baseUrl: emu.url, accessToken: '' }).login('only-here@example.com', 'password123'))
      expect(onMain).toBeInstanceOf(UnauthorizedError)
    } finally {
      await other.close()
    }
  })

  it('seed: false starts empty (the demo login does not exist)', async () => {
    const empty = await startEmulator({ port: 0, memory: true, seed: false, quiet: true })
    try {
      const err = await rejection(new LumenAccountClient({ baseUrl: empty.url, accessToken: '', retry: false }).login(DEMO.email, DEMO.password))
      expect(err).toBeInstanceOf(UnauthorizedError)
    } finally {
      await empty.close()
    }
  })

  it('accessTtl shortens the access token lifetime', async () => {
    const short = await startEmulator({ port: 0, memory: true, accessTtl: '1s', quiet: true })
    try {
      const login = await fetch(`${short.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO), signal: timeout(),
      })
      const { accessToken } = (await login.json()) as { accessToken: string }
      const payload = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number; sub: string; sid: string }
      expect(payload.exp - payload.iat).toBe(1)
      expect(payload.sub).toBeTruthy()
      expect(payload.sid).toBeTruthy()
      await new Promise((r) => setTimeout(r, 2_100))
      const me = await fetch(`${short.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` }, signal: timeout() })
      expect(me.status).toBe(401)
      expect(((await me.json()) as { error: { code: string } }).error.code).toBe('TOKEN_EXPIRED')
    } finally {
      await short.close()
    }
  })
})

describe('on-disk data', () => {
  it('data survives a restart; reset: true starts over', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dataDir = mkdtempSync(join(tmpdir(), 'lumen-conformance-'))
    try {
      const first = await startEmulator({ port: 0, dataDir, quiet: true })
      await new LumenAccountClient({ baseUrl: first.url, accessToken: '' }).register('disk@example.com', 'password123', 'Disk', 'User')
      await first.close()
      const second = await startEmulator({ port: 0, dataDir, quiet: true })
      const login = await new LumenAccountClient({ baseUrl: second.url, accessToken: '' }).login('disk@example.com', 'password123')
      expect(login.user.email).toBe('disk@example.com')
      await second.close()
      const third = await startEmulator({ port: 0, dataDir, reset: true, quiet: true })
      try {
        const err = await rejection(new LumenAccountClient({ baseUrl: third.url, accessToken: '', retry: false }).login('disk@example.com', 'password123'))
        expect(err).toBeInstanceOf(UnauthorizedError)
        // the seed is back
        expect((await new LumenAccountClient({ baseUrl: third.url, accessToken: '' }).login(DEMO.email, DEMO.password)).user.email).toBe(DEMO.email)
      } finally {
        await third.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('seed data', () => {
  it('demo@lumen.test / lumen-demo-pass: owner of Acme Corp, member of Globex', async () => {
    const { accessToken } = await emu.login('demo')
    const me = await emu.api('GET', '/auth/me', { token: accessToken })
    expect(me.status).toBe(200)
    const orgs = me.body.organizations as { id: string; name: string; role: string }[]
    expect(orgs.find((o) => o.name === 'Acme Corp')?.role).toBe('owner')
    expect(orgs.find((o) => o.name === 'Globex')?.role).toBe('member')
  })

  it('bob@lumen.test is a member of Acme', async () => {
    const { accessToken } = await emu.login('bob@lumen.test', 'lumen-demo-pass')
    const me = await emu.api('GET', '/auth/me', { token: accessToken })
    expect(me.body.organizations).toEqual([expect.objectContaining({ name: 'Acme Corp', role: 'member' })])
  })

  it('Acme: lumen-hr pro, active, 25 seats, usage 12', async () => {
    const { accessToken } = await emu.login('demo')
    const r = await emu.api('GET', '/licenses/lumen-hr', { token: accessToken, org: ACME })
    expect(r.body).toMatchObject({ valid: true, status: 'active', tier: 'pro', unitCount: 25, usage: { seats: 12 } })
  })

  it('Globex: lumen-hr starter trial ending in 5 days', async () => {
    const { accessToken } = await emu.login('demo')
    const r = await emu.api('GET', '/licenses/lumen-hr', { token: accessToken, org: GLOBEX })
    expect(r.body).toMatchObject({ valid: true, status: 'trial', tier: 'starter', remainingDays: 5 })
    const me = await emu.api('GET', '/auth/me', { token: accessToken })
    const trial = (me.body.licenses as { organizationId: string; trialEndsAt: string }[]).find((l) => l.organizationId === GLOBEX)!
    const days = (Date.parse(trial.trialEndsAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(4)
    expect(days).toBeLessThanOrEqual(5.01)
  })

  it('lumen-crm has tiers but no license in any org', async () => {
    const product = await emu.api('GET', '/products/lumen-crm')
    expect(product.status).toBe(200)
    expect(product.body.tiers.length).toBeGreaterThan(0)
    for (const org of [ACME, GLOBEX]) {
      const r = await emu.api('GET', `/service/licenses/check?organizationId=${org}&productSlug=lumen-crm`, { serviceKey: true })
      expect(r.body.valid).toBe(false)
    }
  })

  it('service routes need the service key lumen_sk_emulator_local', async () => {
    const q = `/service/licenses/check?organizationId=${ACME}&productSlug=lumen-hr`
    expect((await emu.api('GET', q)).status).toBe(401)
    expect((await emu.api('GET', q, { serviceKey: 'lumen_sk_other' })).status).toBe(401)
    expect((await emu.api('GET', q, { serviceKey: SERVICE_KEY })).status).toBe(200)
  })

  it('one open invitation, its mail in the outbox from the start', async () => {
    const messages = (await control(emu.url, 'GET', '/outbox')).body.messages as { to: string; link: string; kind: string }[]
    const invite = messages.find((m) => m.to === 'carol@lumen.test')
    expect(invite?.link).toContain('token=')
    expect(emu.openInvitation()?.email).toBe('carol@lumen.test')
  })
})

describe('wire contract', () => {
  it('every error is the docs/api.md envelope with a requestId matching x-request-id', async () => {
    const r = await emu.api('POST', '/auth/login', { body: { email: DEMO.email, password: 'nope-nope' } })
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } })
    expect(r.body.error.message).toBeTypeOf('string')
    expect(r.body.requestId).toBe(r.headers.get('x-request-id'))
  })

  it('unknown routes and malformed JSON still get the envelope', async () => {
    const unknown = await emu.api('GET', '/nope')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBeTypeOf('string')
    const bad = await emu.api('POST', '/auth/login', { body: '{not json', headers: { 'content-type': 'application/json' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toBeTruthy()
  })

  it('refresh rotates the token; the old one is dead after the grace window (reuse revokes the session)', async () => {
    const quick = await bootEmulator({ refreshGraceMs: 0 })
    try {
      const { refreshToken } = await quick.login('demo')
      const first = await quick.api('POST', '/auth/refresh', { body: { refreshToken } })
      expect(first.status).toBe(200)
      expect(first.body.refreshToken).not.toBe(refreshToken)
      const reuse = await quick.api('POST', '/auth/refresh', { body: { refreshToken } })
      expect(reuse.status).toBe(401)
      expect(reuse.body.error.code).toBe('INVALID_REFRESH_TOKEN')
      const child = await quick.api('POST', '/auth/refresh', { body: { refreshToken: first.body.refreshToken } })
      expect(child.status).toBe(401) // the whole session is revoked
    } finally {
      await quick.close()
    }
  })

  it('an Idempotency-Key replays the first result and acts once', async () => {
    const headers = { 'idempotency-key': 'conformance-key-1' }
    const body = { email: 'idem@example.com', password: 'password123', firstName: 'I', lastName: 'D' }
    const a = await emu.api('POST', '/auth/register', { body, headers })
    const b = await emu.api('POST', '/auth/register', { body, headers })
    expect([200, 201]).toContain(a.status)
    expect(b.status).toBe(a.status) // replayed, not 409 EMAIL_TAKEN
    expect(b.body.user.id).toBe(a.body.user.id)
    const c = await emu.api('POST', '/auth/register', { body })
    expect(c.status).toBe(409) // without the key: the user exists once
  })
})

describe('production-like behaviour (issue 4)', () => {
  it('starts in under 2 s', async () => {
    const started = Date.now()
    const e = await startEmulator({ port: 0, memory: true, quiet: true })
    const ms = Date.now() - started
    await e.close()
    expect(ms).toBeLessThan(2_000)
  })

  it('a rotated refresh token presented again within the grace window returns the same child', async () => {
    const { refreshToken } = await emu.login('demo')
    const a = await emu.api('POST', '/auth/refresh', { body: { refreshToken } })
    const b = await emu.api('POST', '/auth/refresh', { body: { refreshToken } })
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(b.body.refreshToken).toBe(a.body.refreshToken)
  })

  it('password-reset tokens expire after 30 minutes', async () => {
    try {
      await emu.api('POST', '/auth/password-reset/request', { body: { email: 'ada@lumen.test' } })
      const mail = (await emu.outbox('ada@lumen.test')).at(-1)!
      await emu.advanceClock('31m')
      const r = await emu.api('POST', '/auth/password-reset/confirm', { body: { token: mail.token, newPassword: 'another-pass-1' } })
      expect(r.status).toBe(400)
    } finally {
      await emu.reset()
    }
  })

  it('an avatar over 5 MB is refused with 413', async () => {
    const { accessToken } = await emu.login('bob')
    const big = Buffer.alloc(5 * 1024 * 1024 + 1024)
    Buffer.from('89504e470d0a1a0a', 'hex').copy(big) // PNG magic bytes
    const form = new FormData()
    form.set('file', new Blob([big], { type: 'image/png' }), 'big.png')
    const r = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form })
    expect(r.status).toBe(413)
    expect(r.body.error).toBeTruthy()
  })

  it('CORS: the playground origin may send the client\'s headers; x-request-id and Retry-After are exposed', async () => {
    const pre = await emu.fetch('/api/v1/auth/me', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,x-organization-id,idempotency-key,content-type',
      },
    })
    expect(pre.status).toBeLessThan(300)
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase()
    for (const h of ['authorization', 'x-organization-id', 'idempotency-key', 'content-type']) expect(allowed).toContain(h)
    const res = await emu.fetch('/api/v1/products/lumen-hr', { headers: { origin: 'http://localhost:5173' } })
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase()
    expect(exposed).toContain('x-request-id')
    expect(exposed).toContain('retry-after')
  })
})

describe('/__emulator controls', () => {
  it('faults: status, times, then normal again', async () => {
    const created = await control(emu.url, 'POST', '/faults', { route: '/api/v1/products/lumen-hr', status: 503, times: 1 })
    expect(created.status).toBe(201)
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(503)
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
  })

  it('faults: delayMs slows a route down', async () => {
    await control(emu.url, 'POST', '/faults', { route: '/api/v1/products/lumen-hr', delayMs: 300, times: 1 })
    const started = Date.now()
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
  })

  it('faults: htmlBody answers an HTML page', async () => {
    await control(emu.url, 'POST', '/faults', { route: '/api/v1/products/lumen-hr', status: 502, htmlBody: true, times: 1 })
    const res = await emu.fetch('/api/v1/products/lumen-hr')
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toMatch(/<html/i)
  })

  it('faults: dropConnection makes the request fail without a response', async () => {
    await control(emu.url, 'POST', '/faults', { route: '/api/v1/products/lumen-hr', dropConnection: true, times: 1 })
    await expect(emu.fetch('/api/v1/products/lumen-hr')).rejects.toThrow()
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
  })

  it('reset brings the seed back and clears faults', async () => {
    await emu.api('POST', '/auth/register', { body: { email: 'temp@example.com', password: 'password123', firstName: 'T', lastName: 'U' } })
    await control(emu.url, 'POST', '/faults', { route: '/api/v1/products/lumen-hr', status: 500 })
    const reset = await control(emu.url, 'POST', '/reset')
    expect(reset.status).toBeLessThan(300)
    expect((await emu.api('GET', '/products/lumen-hr')).status).toBe(200)
    const login = await emu.api('POST', '/auth/login', { body: { email: 'temp@example.com', password: 'password123' } })
    expect(login.status).toBe(401)
  })

  it('outbox holds the password-reset mail with its link', async () => {
    await emu.api('POST', '/auth/password-reset/request', { body: { email: 'bob@lumen.test' } })
    const r = await control(emu.url, 'GET', '/outbox?to=bob%40lumen.test')
    const mails = r.body.messages as { to: string; link: string; token: string }[]
    expect(mails.length).toBeGreaterThan(0)
    expect(mails.at(-1)!.to).toBe('bob@lumen.test')
    expect(mails.at(-1)!.link).toContain(mails.at(-1)!.token)
  })
})

describe('npm run emulator', () => {
  let child: ChildProcess | undefined
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGTERM')
  })

  it('--port 0 --memory prints the chosen URL, the demo login and the service key, and serves', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--memory'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout!.on('data', (c) => (out += String(c)))
    child.stderr!.on('data', (c) => (out += String(c)))
    const deadline = Date.now() + 15_000
    while (!/http:\/\/127\.0\.0\.1:\d+/.test(out) || !out.includes(SERVICE_KEY)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no banner: ${out}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const url = /http:\/\/127\.0\.0\.1:(?!4010\b)\d+/.exec(out)![0]
    expect(out).toContain('demo@lumen.test')
    expect(out).toContain('lumen-demo-pass')
    expect(out).toContain('carol@lumen.test') // the open invitation is printed at start
    const res = await fetch(`${url}/api/v1/products/lumen-hr`, { signal: timeout() })
    expect(res.status).toBe(200)
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
  })

  it('LUMEN_EMULATOR_PORT=0 picks a free port too', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--memory', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LUMEN_EMULATOR_PORT: '0' },
    })
    try {
      let out = ''
      proc.stdout!.on('data', (c) => (out += String(c)))
      proc.stderr!.on('data', (c) => (out += String(c)))
      const deadline = Date.now() + 15_000
      while (!/http:\/\/127\.0\.0\.1:(?!4010\b)\d+/.test(out)) {
        if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`no banner: ${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      const url = /http:\/\/127\.0\.0\.1:(?!4010\b)\d+/.exec(out)![0]
      expect((await fetch(`${url}/api/v1/products/lumen-hr`, { signal: timeout() })).status).toBe(200)
    } finally {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
      proc.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
    }
  })

  it('a bad flag exits with a message', async () => {
    const bad = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', 'not-a-port', '--memory'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    bad.stdout!.on('data', (c) => (out += String(c)))
    bad.stderr!.on('data', (c) => (out += String(c)))
    const code = await Promise.race([
      new Promise<number | null>((resolve) => bad.once('exit', (c) => resolve(c))),
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000)),
    ])
    if (code === 'timeout') bad.kill('SIGKILL')
    expect(code).not.toBe('timeout')
    expect(code).not.toBe(0)
    expect(out).toMatch(/port/i)
  })
})
