import { describe, expect, it } from 'vitest'
import { ForbiddenError, LumenApiError, NotFoundError, UnauthorizedError, ValidationError } from '../../../src/index.js'
import { SEED } from '../../helpers/emulator.js'
import { useEmulator } from '../../helpers/emulatorSuite.js'
import { record, rejection, serviceClient, signedIn, userClient } from './setup.js'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

const emu = useEmulator()

describe('me, orgs, licenses, products', () => {
  it('me.get, switchOrg (sets x-organization-id), licenses.get per org', async () => {
    const client = await signedIn(emu, 'demo')
    const me = await client.me.get()
    expect(me.organizations.map((o) => [o.id, o.role])).toEqual([['org_acme', 'owner'], ['org_globex', 'member']])
    const switched = await client.me.switchOrg('org_globex')
    expect(switched.activeOrganizationId).toBe('org_globex')
    expect(client.getActiveOrg()).toBe('org_globex')
    const trial = await client.licenses.get('lumen-hr')
    expect(trial).toMatchObject({ valid: true, status: 'trial', tier: 'starter', remainingDays: 5, organizationId: 'org_globex' })
    await client.me.switchOrg('org_acme')
    const pro = await client.licenses.get('lumen-hr')
    expect(pro).toMatchObject({ valid: true, status: 'active', tier: 'pro', unitCount: 25, usage: { seats: 12 } })
    const crm = await client.licenses.get('lumen-crm')
    expect(crm).toMatchObject({ valid: false, tier: null, features: null, limits: null, unitCount: null })
    expect(await rejection(client.licenses.get('nope'))).toBeInstanceOf(NotFoundError)
  })

  it('switchOrg to a foreign org → ForbiddenError NOT_A_MEMBER and the active org stays', async () => {
    const client = await signedIn(emu, 'bob')
    client.setActiveOrg('org_acme')
    const err = await rejection(client.me.switchOrg('org_globex'))
    expect(err).toBeInstanceOf(ForbiddenError)
    expect(err.code).toBe('NOT_A_MEMBER')
    expect(client.getActiveOrg()).toBe('org_acme')
    client.setActiveOrg('org_globex')
    expect(await rejection(client.licenses.get('lumen-hr'))).toBeInstanceOf(ForbiddenError)
  })

  it('products.get with tiers and prices, signed in or not', async () => {
    const hr = await userClient(emu).products.get('lumen-hr')
    expect(hr.tiers.map((t) => t.slug)).toEqual(['starter', 'pro', 'enterprise'])
    expect(hr.tiers[0]!.price).toEqual({ amount: 900, currency: 'EUR', interval: 'month' })
    expect((await (await signedIn(emu)).products.get('lumen-crm')).tiers).toHaveLength(2)
    expect(await rejection(userClient(emu).products.get('nope'))).toBeInstanceOf(NotFoundError)
  })

  it('uploadPhoto / deletePhoto keep user.photoUrl in sync; SVG and oversize are refused', async () => {
    const client = await signedIn(emu, 'ada')
    const me = await client.me.uploadPhoto({ data: PNG, filename: 'ada.png', contentType: 'image/png' })
    expect(me.user.photoUrl).toMatch(/\/api\/v1\/assets\/ast_\w+\/content$/)
    expect((await fetch(me.user.photoUrl!)).headers.get('content-type')).toBe('image/png')
    const svg = await rejection(client.me.uploadPhoto(new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' })))
    expect(svg).toBeInstanceOf(LumenApiError)
    expect(svg).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
    const big = await rejection(client.me.uploadPhoto({ data: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), filename: 'big.png' }))
    expect(big).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' })
    expect((await client.me.get()).user.photoUrl).toBe(me.user.photoUrl)
    expect((await client.me.deletePhoto()).user.photoUrl).toBeNull()
  })
})

describe('service mode', () => {
  it('verifyToken with a user token', async () => {
    const user = await emu.login('demo')
    const res = await serviceClient(emu).service.verifyToken(user.accessToken)
    expect(res.user.id).toBe('usr_demo')
    expect(res.licenses).toHaveLength(2)
    expect(await rejection(serviceClient(emu).service.verifyToken('garbage'))).toBeInstanceOf(UnauthorizedError)
  })

  it('checkLicense emits license:valid / invalid / expiring with the null rules', async () => {
    const service = serviceClient(emu)
    const valid = record(service, 'license:valid')
    const invalid = record(service, 'license:invalid')
    const expiring = record(service, 'license:expiring')
    const acme = await service.service.checkLicense('org_acme', 'lumen-hr')
    expect(acme).toEqual({ valid: true, status: 'active', tier: 'pro', features: expect.any(Object), limits: { seats: 25, api_calls: 10000 }, unitCount: 25 })
    await service.service.checkLicense('org_globex', 'lumen-hr')
    const none = await service.service.checkLicense('org_acme', 'lumen-crm')
    expect(none).toEqual({ valid: false, tier: null, features: null, limits: null, unitCount: null })
    expect(valid).toHaveLength(2)
    expect(invalid).toHaveLength(1)
    expect(expiring).toEqual([expect.objectContaining({ organizationId: 'org_globex', remainingDays: 5 })])
    expect(await rejection(service.service.checkLicense('org_nope', 'lumen-hr'))).toBeInstanceOf(NotFoundError)
  })

  it('reportUsage accepts increases only (usage:accepted / usage:rejected)', async () => {
    const service = serviceClient(emu)
    const accepted = record(service, 'usage:accepted')
    const rejected = record(service, 'usage:rejected')
    expect(await service.service.reportUsage('org_acme', 'lumen-hr', 14)).toEqual({ accepted: true })
    expect(await service.service.reportUsage('org_acme', 'lumen-hr', 13)).toEqual({ accepted: false, warning: 'limit_exceeded' })
    expect(await service.service.reportUsage('org_acme', 'lumen-hr', 26)).toEqual({ accepted: true, warning: 'limit_exceeded' })
    expect(accepted.map((e) => e.unitCount)).toEqual([14, 26])
    expect(rejected.map((e) => e.unitCount)).toEqual([13])
    expect(await rejection(service.service.reportUsage('org_acme', 'lumen-hr', -1))).toBeInstanceOf(ValidationError)
  })

  it('a wrong service key is UnauthorizedError', async () => {
    const { LumenAccountClient } = await import('../../../src/index.js')
    const bad = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: 'lumen_sk_wrong', retry: false })
    const err = await rejection(bad.service.checkLicense('org_acme', 'lumen-hr'))
    expect(err).toBeInstanceOf(UnauthorizedError)
    expect(JSON.stringify(err)).not.toContain('lumen_sk_wrong')
    expect(SEED.serviceKey).toBe('lumen_sk_emulator_local')
  })
})
