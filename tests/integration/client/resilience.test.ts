import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  LumenAccountClient, LumenApiError, NetworkError, PaywallError, ServerError, TimeoutError, UnexpectedResponseError, ValidationError,
} from '../../../src/index.js'
import { bootEmulator, SEED } from '../../helpers/emulator.js'
import { useEmulator } from '../../helpers/emulatorSuite.js'
import { FAST_RETRY, record, rejection, serviceClient, signedIn, userClient } from './setup.js'

const emu = useEmulator()

describe('every error class from the real server', () => {
  it('5xx: retried, then ServerError; a proxy HTML page too; a short outage is ridden out', async () => {
    const client = await signedIn(emu)
    await emu.fault({ route: '/api/v1/auth/me', status: 503, headers: { 'Retry-After': '0' } })
    const err = await rejection(client.me.get())
    expect(err).toBeInstanceOf(ServerError)
    expect(err).toMatchObject({ status: 503, code: 'INTERNAL_ERROR', requestId: expect.stringMatching(/^req_/) })
    await emu.clearFaults()
    await emu.fault({ route: '/api/v1/auth/me', status: 502, htmlBody: true })
    const html = await rejection(client.me.get())
    expect(html).toBeInstanceOf(ServerError)
    expect(html.status).toBe(502)
    await emu.clearFaults()
    await emu.fault({ route: '/api/v1/auth/me', status: 500, times: 2 })
    expect((await client.me.get()).user.id).toBe('usr_demo')
  })

  it('dropped connections → NetworkError; a slow server → TimeoutError', async () => {
    const client = await signedIn(emu)
    await emu.fault({ route: '/api/v1/products/lumen-hr', dropConnection: true })
    expect(await rejection(client.products.get('lumen-hr'))).toBeInstanceOf(NetworkError)
    await emu.clearFaults()
    await emu.fault({ route: '/api/v1/products/lumen-hr', delayMs: 400 })
    const slow = new LumenAccountClient({ baseUrl: emu.url, timeout: 100, retry: false })
    expect(await rejection(slow.products.get('lumen-hr'))).toBeInstanceOf(TimeoutError)
    await emu.clearFaults()
  })

  it('402 → PaywallError with product, feature, requiredTier, upgradeUrl and a request:paywall event', async () => {
    const client = await signedIn(emu)
    client.setActiveOrg('org_acme')
    const paywalls = record(client, 'request:paywall')
    await emu.fault({ route: '/api/v1/licenses/:slug', status: 402, times: 1, error: { code: 'PAYWALL', message: 'Upgrade to Enterprise.', product: 'lumen-hr', feature: 'sso', requiredTier: 'enterprise', upgradeUrl: 'http://localhost:5173/billing/upgrade' } })
    const err = await rejection(client.licenses.get('lumen-hr'))
    expect(err).toBeInstanceOf(PaywallError)
    expect(err).toMatchObject({ product: 'lumen-hr', feature: 'sso', requiredTier: 'enterprise', upgradeUrl: 'http://localhost:5173/billing/upgrade' })
    expect(paywalls).toHaveLength(1)
  })

  it('a 2xx that is not the promised JSON → UnexpectedResponseError', async () => {
    await emu.fault({ route: '/api/v1/products/lumen-crm', status: 200, htmlBody: '<html>captive portal</html>', times: 1 })
    expect(await rejection(userClient(emu).products.get('lumen-crm'))).toBeInstanceOf(UnexpectedResponseError)
  })
})

describe('idempotent replay', () => {
  it('a POST whose response was lost is retried with the same key and takes effect once', async () => {
    const client = await signedIn(emu, 'bob')
    await emu.fault({ route: '/api/v1/assets', method: 'POST', status: 503, phase: 'response', times: 1 })
    const asset = await client.assets.upload({ data: new TextEncoder().encode('once'), filename: 'once.txt' }, { app: 'idem-int', kind: 'k', ownerType: 'user' })
    const list = await client.assets.list({ app: 'idem-int' })
    expect(list.total).toBe(1)
    expect(list.items[0]!.id).toBe(asset.id)
  })

  it('a DELETE whose response was lost is replayed as 204, not a 404', async () => {
    const client = await signedIn(emu, 'bob')
    const asset = await client.assets.upload({ data: new TextEncoder().encode('bye'), filename: 'bye.txt' }, { app: 'idem-del', kind: 'k', ownerType: 'user' })
    await emu.fault({ route: '/api/v1/assets/:id', method: 'DELETE', status: 503, phase: 'response', times: 1 })
    await client.assets.delete(asset.id)
    expect((await client.assets.list({ app: 'idem-del' })).total).toBe(0)
  })

  it('register whose response was lost is not retried: ServerError at once, the account exists, signing in works', async () => {
    await emu.fault({ route: '/auth/register', status: 502, htmlBody: true, phase: 'response', times: 1 })
    const client = userClient(emu)
    const err = await rejection(client.auth.register({ email: 'idem@lumen.test', password: 'long-enough', firstName: 'I', lastName: 'D' }))
    expect(err).toBeInstanceOf(ServerError)
    expect(await client.hasTokens()).toBe(false)
    const res = await client.auth.login('idem@lumen.test', 'long-enough')
    expect((await client.me.get()).user.id).toBe(res.user.id)
  })

  it('usage reported through a lost response is stored once and the retry sees the first answer', async () => {
    const service = serviceClient(emu)
    const accepted = record(service, 'usage:accepted')
    await emu.fault({ route: '/service/usage', status: 500, phase: 'response', times: 1 })
    expect(await service.service.reportUsage('org_globex', 'lumen-hr', 4)).toEqual({ accepted: true })
    expect(accepted).toHaveLength(1)
    expect((await service.service.checkLicense('org_globex', 'lumen-hr')).valid).toBe(true)
  })
})

describe('bad input through the client', () => {
  it('wrong types and missing fields → ValidationError with details; malformed JSON → 400 envelope; nothing changes', async () => {
    const service = serviceClient(emu)
    const wrong = await rejection(service.service.reportUsage('org_acme', 'lumen-hr', '20' as unknown as number))
    expect(wrong).toBeInstanceOf(ValidationError)
    expect(wrong.details).toEqual([{ field: 'unitCount', message: 'Must be an integer.' }])
    const missing = await rejection(userClient(emu).auth.register({ email: 'm@lumen.test', password: 'long-enough' } as never))
    expect((missing.details as { field: string }[]).map((d) => d.field)).toEqual(['firstName', 'lastName'])
    const raw = new LumenAccountClient({ baseUrl: emu.url, allowedOrigins: [emu.url], retry: false })
    const res = await raw.fetch(`${emu.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, requestId: expect.any(String) })
    expect((await emu.api('POST', '/auth/login', { body: { email: 'm@lumen.test', password: 'long-enough' } })).status).toBe(401)
    expect((await service.service.checkLicense('org_acme', 'lumen-hr')).valid).toBe(true)
  })

  it('an oversize JSON body → 413 PAYLOAD_TOO_LARGE envelope, nothing stored; a wrong type → ValidationError, nothing changed', async () => {
    const client = userClient(emu)
    const big = await rejection(client.auth.register({ email: 'huge@lumen.test', password: 'long-enough', firstName: 'x'.repeat(200 * 1024), lastName: 'B' }))
    expect(big).toBeInstanceOf(LumenApiError)
    expect(big).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', requestId: expect.stringMatching(/^req_/) })
    expect(await client.hasTokens()).toBe(false)
    expect((await emu.api('POST', '/auth/login', { body: { email: 'huge@lumen.test', password: 'long-enough' } })).status).toBe(401)
    const demo = await signedIn(emu, 'demo')
    const wrongType = await rejection(demo.me.switchOrg(42 as unknown as string))
    expect(wrongType).toBeInstanceOf(ValidationError)
    expect(wrongType.details).toEqual([{ field: 'organizationId', message: 'Must be a string.' }])
    expect((await demo.me.get()).activeOrganizationId).toBe('org_acme')
  })
})

describe('restart', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  it('an on-disk emulator keeps users, tokens and assets across a restart on the same port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lumen-int-'))
    dirs.push(dataDir)
    const first = await bootEmulator({ memory: false, dataDir })
    const client = new LumenAccountClient({ baseUrl: first.url, retry: FAST_RETRY })
    await client.auth.register({ email: 'durable@lumen.test', password: 'durable-pass', firstName: 'Du', lastName: 'Rable', organizationName: 'Durable Inc' })
    const asset = await client.assets.upload({ data: new TextEncoder().encode('kept'), filename: 'kept.txt' }, { app: 'keep', kind: 'k', ownerType: 'user' })
    await first.close()

    const second = await bootEmulator({ memory: false, dataDir, port: first.port })
    try {
      const me = await client.me.get()
      expect(me.user.email).toBe('durable@lumen.test')
      expect(me.organizations[0]!.name).toBe('Durable Inc')
      expect((await client.assets.get(asset.id)).originalName).toBe('kept.txt')
      await client.auth.refresh()
      await new LumenAccountClient({ baseUrl: second.url }).auth.login('durable@lumen.test', 'durable-pass')
      expect(SEED.users.demo.id).toBe('usr_demo')
    } finally {
      await second.close()
    }
  })
})
