import { beforeAll, describe, expect, it } from 'vitest'
import { ForbiddenError, NotFoundError, ValidationError, type LumenAccountClient } from '../../../src/index.js'
import { INVITATION_TOKEN } from '../../helpers/emulator.js'
import { useEmulator } from '../../helpers/emulatorSuite.js'
import { rejection, signedIn, userClient } from './setup.js'

const emu = useEmulator()
const c = {} as Record<'owner' | 'admin' | 'uploader' | 'member' | 'outsider', LumenAccountClient>

beforeAll(async () => {
  c.owner = await signedIn(emu, 'demo')
  c.admin = await signedIn(emu, 'ada')
  c.uploader = await signedIn(emu, 'bob')
  c.outsider = await signedIn(emu, 'gus')
  c.member = userClient(emu)
  await c.member.auth.acceptInvitation({ token: INVITATION_TOKEN, firstName: 'Carol', lastName: 'C', password: 'carol-pass-1' })
})

const file = (text = 'hello') => ({ data: new TextEncoder().encode(text), filename: 'notes.txt', contentType: 'text/plain' })
type Actor = keyof typeof c | 'anonymous'
const actors: Actor[] = ['owner', 'admin', 'uploader', 'member', 'outsider', 'anonymous']

/** What each actor gets: read metadata, read content, update. `ok` or the error class name / status. */
async function matrix(id: string) {
  const out: Record<string, string[]> = {}
  for (const a of actors) {
    const client = a === 'anonymous' ? null : c[a]
    const outcome = async (p: Promise<unknown>) => p.then(() => 'ok', (e: Error) => e.name)
    const token = client ? await client.getAccessToken() : null
    const content = await fetch(c.owner.assets.contentUrl(id), { headers: token ? { authorization: `Bearer ${token}` } : {} })
    out[a] = [
      client ? await outcome(client.assets.get(id)) : '-',
      content.ok ? 'ok' : String(content.status),
      client ? await outcome(client.assets.update(id, { metadata: { touchedBy: a } })) : '-',
    ]
  }
  return out
}

describe('assets through the client', () => {
  it('upload, get, list, update, delete', async () => {
    const asset = await c.uploader.assets.upload(file(), { app: 'pmo', kind: 'task-attachment', ownerType: 'entity', ownerId: 'task_9', orgId: 'org_acme', metadata: { taskId: 'task_9' } })
    expect(asset).toMatchObject({ ownerType: 'entity', orgId: 'org_acme', visibility: 'private', contentType: 'text/plain; charset=utf-8', metadata: { taskId: 'task_9' } })
    expect(asset.url).toBe(c.uploader.assets.contentUrl(asset.id))
    expect(await c.member.assets.get(asset.id)).toEqual(asset)
    const page = await c.member.assets.list({ app: 'pmo', orgId: 'org_acme', page: 1, limit: 10 })
    expect(page).toMatchObject({ page: 1, limit: 10, total: 1 })
    expect((await c.uploader.assets.update(asset.id, { originalName: 'renamed.txt' })).originalName).toBe('renamed.txt')
    await c.admin.assets.delete(asset.id)
    expect(await rejection(c.uploader.assets.get(asset.id))).toBeInstanceOf(NotFoundError)
  })

  it('authorization matrix: private org asset', async () => {
    const a = await c.uploader.assets.upload(file(), { app: 'pmo', kind: 'doc', ownerType: 'org', orgId: 'org_acme' })
    expect(await matrix(a.id)).toEqual({
      owner: ['ok', 'ok', 'ok'],
      admin: ['ok', 'ok', 'ok'],
      uploader: ['ok', 'ok', 'ok'],
      member: ['ok', 'ok', 'ForbiddenError'],
      outsider: ['NotFoundError', '404', 'NotFoundError'],
      anonymous: ['-', '401', '-'],
    })
  })

  it('authorization matrix: public org asset', async () => {
    const a = await c.uploader.assets.upload(file(), { app: 'pmo', kind: 'doc', ownerType: 'org', orgId: 'org_acme', visibility: 'public' })
    expect(await matrix(a.id)).toEqual({
      owner: ['ok', 'ok', 'ok'],
      admin: ['ok', 'ok', 'ok'],
      uploader: ['ok', 'ok', 'ok'],
      member: ['ok', 'ok', 'ForbiddenError'],
      outsider: ['ok', 'ok', 'ForbiddenError'],
      anonymous: ['-', 'ok', '-'],
    })
  })

  it("authorization matrix: a user's own private asset", async () => {
    const a = await c.member.assets.upload(file(), { app: 'pmo', kind: 'draft', ownerType: 'user' })
    expect(await matrix(a.id)).toEqual({
      owner: ['NotFoundError', '404', 'NotFoundError'],
      admin: ['NotFoundError', '404', 'NotFoundError'],
      uploader: ['NotFoundError', '404', 'NotFoundError'],
      member: ['ok', 'ok', 'ok'],
      outsider: ['NotFoundError', '404', 'NotFoundError'],
      anonymous: ['-', '401', '-'],
    })
  })

  it("authorization matrix: a user's own public asset", async () => {
    const a = await c.member.assets.upload(file(), { app: 'pmo', kind: 'card', ownerType: 'user', visibility: 'public' })
    expect(await matrix(a.id)).toEqual({
      owner: ['ok', 'ok', 'ForbiddenError'],
      admin: ['ok', 'ok', 'ForbiddenError'],
      uploader: ['ok', 'ok', 'ForbiddenError'],
      member: ['ok', 'ok', 'ok'],
      outsider: ['ok', 'ok', 'ForbiddenError'],
      anonymous: ['-', 'ok', '-'],
    })
  })

  it('delete through the client follows the same rule', async () => {
    const a = await c.uploader.assets.upload(file(), { app: 'pmo', kind: 'doc', ownerType: 'org', orgId: 'org_acme' })
    expect(await rejection(c.outsider.assets.delete(a.id))).toBeInstanceOf(NotFoundError)
    expect(await rejection(c.member.assets.delete(a.id))).toBeInstanceOf(ForbiddenError)
    await c.uploader.assets.delete(a.id)
    expect(await rejection(c.owner.assets.get(a.id))).toBeInstanceOf(NotFoundError)
    const b = await c.uploader.assets.upload(file(), { app: 'pmo', kind: 'doc', ownerType: 'org', orgId: 'org_acme', visibility: 'public' })
    await c.owner.assets.delete(b.id)
    expect((await fetch(c.owner.assets.contentUrl(b.id))).status).toBe(404)
  })

  it('bad input: ValidationError with details, ForbiddenError for a foreign org, nothing stored', async () => {
    const before = (await c.uploader.assets.list()).total
    const bad = await rejection(c.uploader.assets.upload(file(), { app: '', kind: 'k', ownerType: 'planet' as 'user' }))
    expect(bad).toBeInstanceOf(ValidationError)
    expect((bad.details as { field: string }[]).map((d) => d.field)).toEqual(['app', 'ownerType'])
    const foreign = await rejection(c.uploader.assets.upload(file(), { app: 'a', kind: 'k', ownerType: 'org', orgId: 'org_globex' }))
    expect(foreign).toBeInstanceOf(ForbiddenError)
    const tooBig = await rejection(c.uploader.assets.upload({ data: new Uint8Array(10 * 1024 * 1024 + 1), filename: 'big.bin' }, { app: 'a', kind: 'k', ownerType: 'user' }))
    expect(tooBig).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' })
    expect(await rejection(c.uploader.assets.list({ limit: 1000 }))).toBeInstanceOf(ValidationError)
    expect((await c.uploader.assets.list()).total).toBe(before)
  })
})
