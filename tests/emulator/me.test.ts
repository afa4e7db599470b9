import { describe, expect, it } from 'vitest'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { form, JPEG, PNG, SVG, TEXT, WEBP } from './fixtures.js'

const emu = useEmulator()

describe('GET /auth/me', () => {
  it('returns the seeded demo user with orgs, roles, licenses and an active org', async () => {
    const { accessToken } = await emu.login('demo')
    const r = await emu.api('GET', '/auth/me', { token: accessToken })
    expect(r.status).toBe(200)
    expect(r.body.organizations).toEqual([
      { id: 'org_acme', name: 'Acme Corp', slug: 'acme', role: 'owner', logoUrl: `${emu.url}/api/v1/assets/ast_acme_logo/content` },
      { id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member', logoUrl: null },
    ])
    expect(r.body.licenses).toEqual([
      { organizationId: 'org_acme', productSlug: 'lumen-hr', status: 'active', tier: 'pro', unitCount: 25, trialEndsAt: null },
      { organizationId: 'org_globex', productSlug: 'lumen-hr', status: 'trial', tier: 'starter', unitCount: 5, trialEndsAt: expect.any(String) },
    ])
    expect(r.body.activeOrganizationId).toBe('org_acme')
    // The x-organization-id header picks the active org when the caller is a member.
    const globex = await emu.api('GET', '/auth/me', { token: accessToken, org: 'org_globex' })
    expect(globex.body.activeOrganizationId).toBe('org_globex')
  })

  it('bob is a member of Acme Corp only, and sees its license', async () => {
    const { accessToken } = await emu.login('bob')
    const r = await emu.api('GET', '/auth/me', { token: accessToken })
    expect(r.body.organizations.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([['org_acme', 'member']])
    expect(r.body.licenses).toEqual([expect.objectContaining({ organizationId: 'org_acme', productSlug: 'lumen-hr', tier: 'pro', status: 'active' })])
    expect(r.body.activeOrganizationId).toBe('org_acme')
  })

  it('needs a token', async () => {
    const r = await emu.api('GET', '/auth/me')
    expect(r.status).toBe(401)
    expect(r.body.error.code).toBe('UNAUTHORIZED')
  })
})

describe('POST /auth/switch-org', () => {
  it('switches to an org the user belongs to and remembers it for the session', async () => {
    const { accessToken } = await emu.login('demo')
    const r = await emu.api('POST', '/auth/switch-org', { token: accessToken, body: { organizationId: 'org_globex' } })
    expect(r.status).toBe(200)
    expect(r.body.activeOrganizationId).toBe('org_globex')
    expect((await emu.api('GET', '/auth/me', { token: accessToken })).body.activeOrganizationId).toBe('org_globex')
  })

  it('answers 403 NOT_A_MEMBER otherwise (also for unknown orgs)', async () => {
    const { accessToken } = await emu.login('bob')
    for (const organizationId of ['org_globex', 'org_nope']) {
      const r = await emu.api('POST', '/auth/switch-org', { token: accessToken, body: { organizationId } })
      expect(r.status).toBe(403)
      expect(r.body.error.code).toBe('NOT_A_MEMBER')
    }
    expect((await emu.api('POST', '/auth/switch-org', { token: accessToken, body: {} })).status).toBe(400)
  })
})

describe('sessions', () => {
  it('lists sessions with user agent, IP, times and the current flag; revoking one logs that device out', async () => {
    const laptop = await emu.api('POST', '/auth/login', { body: { email: 'gus@lumen.test', password: 'lumen-demo-pass' }, headers: { 'user-agent': 'Laptop/1.0' } })
    const phone = await emu.api('POST', '/auth/login', { body: { email: 'gus@lumen.test', password: 'lumen-demo-pass' }, headers: { 'user-agent': 'Phone/2.0' } })
    const list = await emu.api('GET', '/auth/sessions', { token: laptop.body.accessToken })
    expect(list.status).toBe(200)
    const sessions = list.body.sessions as { id: string; userAgent: string; ipAddress: string; current: boolean; createdAt: string; lastActiveAt: string }[]
    expect(sessions.length).toBeGreaterThanOrEqual(2)
    const current = sessions.filter((s) => s.current)
    expect(current).toHaveLength(1)
    expect(current[0]).toMatchObject({ userAgent: 'Laptop/1.0', ipAddress: '127.0.0.1', createdAt: expect.any(String), lastActiveAt: expect.any(String) })
    const phoneSession = sessions.find((s) => s.userAgent === 'Phone/2.0')!

    expect((await emu.api('DELETE', `/auth/sessions/${phoneSession.id}`, { token: laptop.body.accessToken })).status).toBe(204)
    expect((await emu.api('GET', '/auth/me', { token: phone.body.accessToken })).body.error.code).toBe('SESSION_REVOKED')
    expect((await emu.api('POST', '/auth/refresh', { body: { refreshToken: phone.body.refreshToken } })).status).toBe(401)
    expect((await emu.api('GET', '/auth/me', { token: laptop.body.accessToken })).status).toBe(200)
    // Gone from the list; revoking again or someone else's session is 404.
    const after = await emu.api('GET', '/auth/sessions', { token: laptop.body.accessToken })
    expect(after.body.sessions.map((s: { id: string }) => s.id)).not.toContain(phoneSession.id)
    expect((await emu.api('DELETE', `/auth/sessions/${phoneSession.id}`, { token: laptop.body.accessToken })).status).toBe(404)
    const bob = await emu.login('bob')
    const bobSid = (await emu.api('GET', '/auth/sessions', { token: bob.accessToken })).body.sessions[0].id
    expect((await emu.api('DELETE', `/auth/sessions/${bobSid}`, { token: laptop.body.accessToken })).status).toBe(404)
  })

  it('last-active moves with each authenticated call; created stays', async () => {
    const { accessToken } = await emu.login('demo')
    const current = async () => (await emu.api('GET', '/auth/sessions', { token: accessToken })).body.sessions.find((s: { current: boolean }) => s.current) as { createdAt: string; lastActiveAt: string }
    const before = await current()
    expect(before.lastActiveAt >= before.createdAt).toBe(true)
    await emu.advanceClock('2m')
    expect((await emu.api('GET', '/auth/me', { token: accessToken })).status).toBe(200)
    const after = await current()
    expect(after.createdAt).toBe(before.createdAt)
    expect(Date.parse(after.lastActiveAt) - Date.parse(before.lastActiveAt)).toBeGreaterThanOrEqual(120_000)
  })

  it('revoking the current session logs this device out', async () => {
    const { accessToken } = await emu.login('gus')
    const sid = (await emu.api('GET', '/auth/sessions', { token: accessToken })).body.sessions.find((s: { current: boolean }) => s.current).id
    expect((await emu.api('DELETE', `/auth/sessions/${sid}`, { token: accessToken })).status).toBe(204)
    expect((await emu.api('GET', '/auth/me', { token: accessToken })).status).toBe(401)
  })
})

describe('profile photo', () => {
  it('stores PNG, JPEG and WebP as public avatars, replacing the previous one', async () => {
    const { accessToken } = await emu.login('bob')
    const up = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form({}, { bytes: PNG, name: 'me.png' }) })
    expect(up.status).toBe(200)
    const firstUrl = up.body.user.photoUrl as string
    expect(firstUrl).toMatch(new RegExp(`^${emu.url}/api/v1/assets/ast_\\w+/content$`))
    const content = await fetch(firstUrl)
    expect(content.status).toBe(200)
    expect(content.headers.get('content-type')).toBe('image/png')

    for (const [bytes, type] of [[JPEG, 'image/jpeg'], [WEBP, 'image/webp']] as const) {
      // The declared type is ignored: the bytes decide.
      const r = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form({}, { bytes, name: 'x.bin', type: 'image/gif' }) })
      expect(r.status).toBe(200)
      const res = await fetch(r.body.user.photoUrl)
      expect(res.headers.get('content-type')).toBe(type)
    }
    expect((await fetch(firstUrl)).status).toBe(404)
    const id = /assets\/(\w+)\/content/.exec((await emu.api('GET', '/auth/me', { token: accessToken })).body.user.photoUrl)![1]
    const asset = await emu.api('GET', `/assets/${id}`, { token: accessToken })
    expect(asset.body).toMatchObject({ kind: 'avatar', visibility: 'public', ownerType: 'user', ownerId: 'usr_bob' })

    const del = await emu.api('DELETE', '/auth/me/photo', { token: accessToken })
    expect(del.status).toBe(200)
    expect(del.body.user.photoUrl).toBeNull()
    expect((await emu.api('GET', `/assets/${id}`, { token: accessToken })).status).toBe(404)
  })

  it('refuses SVG and other types with 415, more than 5 MB with 413, no file with 400, and changes nothing', async () => {
    const { accessToken } = await emu.login('ada')
    const svg = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form({}, { bytes: SVG, name: 'x.svg', type: 'image/svg+xml' }) })
    expect(svg.status).toBe(415)
    expect(svg.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect((await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form({}, { bytes: TEXT, name: 'x.png', type: 'image/png' }) })).status).toBe(415)
    const exactly5MB = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.byteLength)])
    const atLimit = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form({}, { bytes: exactly5MB, name: 'five.png' }) })
    expect(atLimit.status).toBe(200)
    expect((await emu.api('DELETE', '/auth/me/photo', { token: accessToken })).status).toBe(200)
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])
    const tooBig = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form({}, { bytes: big, name: 'big.png' }) })
    expect(tooBig.status).toBe(413)
    expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    const none = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: form({ other: 'x' }) })
    expect(none.status).toBe(400)
    expect(none.body.error.details).toEqual([{ field: 'file', message: 'Required.' }])
    const json = await emu.api('PUT', '/auth/me/photo', { token: accessToken, body: { file: 'x' } })
    expect(json.status).toBe(415)
    expect((await emu.api('GET', '/auth/me', { token: accessToken })).body.user.photoUrl).toBeNull()
  })
})
