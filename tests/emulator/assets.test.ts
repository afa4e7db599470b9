import { beforeAll, describe, expect, it } from 'vitest'
import { INVITATION_TOKEN } from '../helpers/emulator.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { form, PDF, PNG, SVG, TEXT } from './fixtures.js'

const emu = useEmulator()
const t: Record<'owner' | 'admin' | 'uploader' | 'member' | 'outsider', string> = { owner: '', admin: '', uploader: '', member: '', outsider: '' }

beforeAll(async () => {
  t.owner = (await emu.login('demo')).accessToken
  t.admin = (await emu.login('ada')).accessToken
  t.uploader = (await emu.login('bob')).accessToken
  t.outsider = (await emu.login('gus')).accessToken
  const carol = await emu.api('POST', '/auth/invitations/accept', { body: { token: INVITATION_TOKEN, firstName: 'Carol', lastName: 'C', password: 'carol-pass-1' } })
  t.member = carol.body.accessToken
})

async function upload(token: string, fields: Record<string, string>, bytes: Uint8Array = TEXT, name = 'notes.txt') {
  return emu.api('POST', '/assets', { token, body: form({ app: 'pmo', kind: 'attachment', ...fields }, { bytes, name }) })
}

describe('upload and read', () => {
  it('stores a file with sniffed content type, metadata and an absolute URL', async () => {
    const r = await upload(t.uploader, { ownerType: 'entity', ownerId: 'task_1', orgId: 'org_acme', metadata: '{"taskId":"task_1"}' }, PDF, 'spec.pdf')
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      id: expect.stringMatching(/^ast_/), app: 'pmo', kind: 'attachment', ownerType: 'entity', ownerId: 'task_1', orgId: 'org_acme',
      visibility: 'private', originalName: 'spec.pdf', contentType: 'application/pdf', size: PDF.byteLength, metadata: { taskId: 'task_1' },
    })
    expect(r.body.url).toBe(`${emu.url}/api/v1/assets/${r.body.id}/content`)
    const got = await emu.api('GET', `/assets/${r.body.id}`, { token: t.uploader })
    expect(got.body).toEqual(r.body)
    const content = await emu.fetch(`/api/v1/assets/${r.body.id}/content`, { headers: { authorization: `Bearer ${t.uploader}` } })
    expect(content.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await content.arrayBuffer())).toEqual(PDF)
  })

  it('serves SVG as an attachment under a sandbox CSP', async () => {
    const r = await upload(t.uploader, { ownerType: 'user', visibility: 'public' }, SVG, 'x.svg')
    expect(r.body.contentType).toBe('image/svg+xml')
    const res = await fetch(r.body.url)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/)
    expect(res.headers.get('content-security-policy')).toContain('sandbox')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('validates fields and changes nothing on bad input', async () => {
    const before = (await emu.api('GET', '/assets', { token: t.uploader })).body.total
    const missing = await emu.api('POST', '/assets', { token: t.uploader, body: form({}, { bytes: TEXT, name: 'a.txt' }) })
    expect(missing.status).toBe(400)
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(['app', 'kind', 'ownerType'])
    expect((await upload(t.uploader, { ownerType: 'planet' })).status).toBe(400)
    expect((await upload(t.uploader, { ownerType: 'user', metadata: '{oops' })).body.error.details).toEqual([{ field: 'metadata', message: 'Must be a JSON object.' }])
    expect((await upload(t.uploader, { ownerType: 'user', visibility: 'secret' })).status).toBe(400)
    expect((await upload(t.uploader, { ownerType: 'entity' })).status).toBe(400)
    expect((await upload(t.uploader, { ownerType: 'org' })).status).toBe(400)
    expect((await upload(t.uploader, { ownerType: 'user', ownerId: 'usr_demo' })).status).toBe(403)
    const notMember = await upload(t.uploader, { ownerType: 'org', orgId: 'org_globex' })
    expect(notMember.status).toBe(403)
    expect(notMember.body.error.code).toBe('NOT_A_MEMBER')
    expect((await upload(t.uploader, { ownerType: 'user' }, new Uint8Array(0), 'empty.txt')).status).toBe(400)
    const big = await upload(t.uploader, { ownerType: 'user' }, Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'big.bin')
    expect(big.status).toBe(413)
    const huge = await upload(t.uploader, { ownerType: 'user' }, Buffer.alloc(12 * 1024 * 1024, 1), 'huge.bin')
    expect(huge.status).toBe(413)
    expect((await emu.api('GET', '/assets', { token: t.uploader })).body.total).toBe(before)
  })
})

describe('authorization matrix', () => {
  type Actor = keyof typeof t | 'anonymous'
  const actors: Actor[] = ['owner', 'admin', 'uploader', 'member', 'outsider', 'anonymous']
  const token = (a: Actor) => (a === 'anonymous' ? undefined : t[a])

  async function matrix(assetId: string) {
    const out: Record<string, [number, number]> = {}
    for (const a of actors) {
      const meta = await emu.api('GET', `/assets/${assetId}`, { token: token(a) })
      const content = await emu.fetch(`/api/v1/assets/${assetId}/content`, { headers: a === 'anonymous' ? {} : { authorization: `Bearer ${t[a]}` } })
      out[a] = [meta.status, content.status]
    }
    return out
  }

  async function canModify(assetId: string, a: Actor) {
    return (await emu.api('PATCH', `/assets/${assetId}`, { token: token(a), body: { metadata: { by: a } } })).status
  }

  it('org asset, private: members read; owner, admin and uploader modify; others 403/404/401', async () => {
    const { body } = await upload(t.uploader, { ownerType: 'org', orgId: 'org_acme' })
    expect(await matrix(body.id)).toEqual({
      owner: [200, 200], admin: [200, 200], uploader: [200, 200], member: [200, 200], outsider: [404, 404], anonymous: [401, 401],
    })
    const modify = Object.fromEntries(await Promise.all(actors.map(async (a) => [a, await canModify(body.id, a)])))
    expect(modify).toEqual({ owner: 200, admin: 200, uploader: 200, member: 403, outsider: 404, anonymous: 401 })
  })

  it('org asset, public: content for everyone, metadata for any signed-in user, changes still need rights', async () => {
    const { body } = await upload(t.uploader, { ownerType: 'org', orgId: 'org_acme', visibility: 'public' })
    expect(await matrix(body.id)).toEqual({
      owner: [200, 200], admin: [200, 200], uploader: [200, 200], member: [200, 200], outsider: [200, 200], anonymous: [401, 200],
    })
    expect(await canModify(body.id, 'outsider')).toBe(403)
    expect(await canModify(body.id, 'member')).toBe(403)
  })

  it("a user's own asset is theirs alone, whatever their org roles", async () => {
    const { body } = await upload(t.member, { ownerType: 'user' })
    expect(await matrix(body.id)).toEqual({
      owner: [404, 404], admin: [404, 404], uploader: [404, 404], member: [200, 200], outsider: [404, 404], anonymous: [401, 401],
    })
    expect(await canModify(body.id, 'owner')).toBe(404)
    expect(await canModify(body.id, 'member')).toBe(200)
  })

  it("a user's own public asset: content for everyone, metadata for any signed-in user, changes only by its owner", async () => {
    const { body } = await upload(t.member, { ownerType: 'user', visibility: 'public' })
    expect(await matrix(body.id)).toEqual({
      owner: [200, 200], admin: [200, 200], uploader: [200, 200], member: [200, 200], outsider: [200, 200], anonymous: [401, 200],
    })
    const modify = Object.fromEntries(await Promise.all(actors.map(async (a) => [a, await canModify(body.id, a)])))
    expect(modify).toEqual({ owner: 403, admin: 403, uploader: 403, member: 200, outsider: 403, anonymous: 401 })
    expect((await emu.api('DELETE', `/assets/${body.id}`, { token: t.owner })).status).toBe(403)
  })

  it('delete follows the modify rule; deleted assets are gone', async () => {
    const { body } = await upload(t.uploader, { ownerType: 'org', orgId: 'org_acme' })
    expect((await emu.api('DELETE', `/assets/${body.id}`, { token: t.member })).status).toBe(403)
    expect((await emu.api('DELETE', `/assets/${body.id}`, { token: t.admin })).status).toBe(204)
    expect((await emu.api('GET', `/assets/${body.id}`, { token: t.admin })).status).toBe(404)
    expect((await emu.api('DELETE', `/assets/${body.id}`, { token: t.admin })).status).toBe(404)
  })
})

describe('list and update', () => {
  it('filters, paginates and never lists other orgs', async () => {
    for (let i = 0; i < 3; i++) await upload(t.admin, { app: 'crm', kind: 'logo', ownerType: 'org', orgId: 'org_acme' }, PNG, `l${i}.png`)
    const page1 = await emu.api('GET', '/assets?app=crm&kind=logo&orgId=org_acme&limit=2&page=1', { token: t.member })
    expect(page1.body).toMatchObject({ page: 1, limit: 2, total: 3 })
    expect(page1.body.items).toHaveLength(2)
    const page2 = await emu.api('GET', '/assets?app=crm&kind=logo&orgId=org_acme&limit=2&page=2', { token: t.member })
    expect(page2.body.items).toHaveLength(1)
    expect((await emu.api('GET', '/assets?app=crm', { token: t.outsider })).body.total).toBe(0)
    expect((await emu.api('GET', '/assets?orgId=org_acme', { token: t.outsider })).body.error.code).toBe('NOT_A_MEMBER')
    for (const q of ['limit=0', 'limit=101', 'page=abc', 'ownerType=x']) {
      expect((await emu.api('GET', `/assets?${q}`, { token: t.member })).status).toBe(400)
    }
  })

  it('PATCH renames, changes visibility and metadata, and rejects wrong types without changing anything', async () => {
    const { body } = await upload(t.uploader, { ownerType: 'user' })
    const r = await emu.api('PATCH', `/assets/${body.id}`, { token: t.uploader, body: { originalName: 'renamed.txt', visibility: 'public', metadata: { a: 1 } } })
    expect(r.body).toMatchObject({ originalName: 'renamed.txt', visibility: 'public', metadata: { a: 1 } })
    for (const bad of [{ visibility: 'secret' }, { metadata: [1] }, { originalName: 5 }, { originalName: '' }]) {
      expect((await emu.api('PATCH', `/assets/${body.id}`, { token: t.uploader, body: bad })).status).toBe(400)
    }
    expect((await emu.api('GET', `/assets/${body.id}`, { token: t.uploader })).body).toEqual(r.body)
  })
})
