/**
 * Conformance: "Assets & profile picture" of the seed (client.assets.*, client.me.uploadPhoto /
 * deletePhoto) and the per-asset authorization of docs/api.md, against a real emulator.
 */
import { describe, expect, it } from 'vitest'
import { ForbiddenError, LumenApiError, NotFoundError } from '../../src/index.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, BOB, DEMO, PNG, rejection, signedIn } from './support.js'

const emu = useEmulator()

const GUS = { email: 'gus@lumen.test', password: 'lumen-demo-pass' }
const bytes = (name = 'shot.png') => ({ data: PNG, filename: name, contentType: 'image/png' })

describe('client.assets.*', () => {
  it('upload → get → list → update → delete, with an absolute content url', async () => {
    const client = await signedIn(emu)
    const asset = await client.assets.upload(bytes('task.png'), {
      app: 'pmo', kind: 'task-attachment', ownerType: 'entity', ownerId: 'task_1', orgId: ACME,
      metadata: { taskId: 'task_1', uploadedFrom: 'web' },
    })
    expect(asset).toMatchObject({
      app: 'pmo', kind: 'task-attachment', ownerType: 'entity', ownerId: 'task_1', orgId: ACME,
      visibility: 'private', originalName: 'task.png', contentType: 'image/png', size: PNG.length,
      metadata: { taskId: 'task_1', uploadedFrom: 'web' },
    })
    expect(asset.url).toBe(client.assets.contentUrl(asset.id))
    expect(asset.url).toBe(`${emu.url}/api/v1/assets/${asset.id}/content`)

    expect((await client.assets.get(asset.id)).id).toBe(asset.id)

    const page = await client.assets.list({ app: 'pmo', kind: 'task-attachment', orgId: ACME, page: 1, limit: 20 })
    expect(page).toMatchObject({ page: 1, limit: 20 })
    expect(page.total).toBeGreaterThanOrEqual(1)
    expect(page.items.map((a) => a.id)).toContain(asset.id)

    const renamed = await client.assets.update(asset.id, { originalName: 'renamed.pdf' })
    expect(renamed.originalName).toBe('renamed.pdf')

    await client.assets.delete(asset.id)
    expect(await rejection(client.assets.get(asset.id))).toBeInstanceOf(NotFoundError)
  })

  it('private content needs a token; with it the bytes come back with their Content-Type', async () => {
    const client = await signedIn(emu)
    const asset = await client.assets.upload(bytes(), { app: 'pmo', kind: 'doc', ownerType: 'user' })
    const anonymous = await fetch(asset.url, { signal: AbortSignal.timeout(5_000) })
    expect(anonymous.status).toBe(401)
    const { accessToken } = await emu.login('demo')
    const authed = await fetch(asset.url, { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(5_000) })
    expect(authed.status).toBe(200)
    expect(authed.headers.get('content-type')).toContain('image/png')
    expect(Buffer.from(await authed.arrayBuffer()).equals(PNG)).toBe(true)
  })

  it('public content is anonymous', async () => {
    const client = await signedIn(emu)
    const asset = await client.assets.upload(bytes(), { app: 'pmo', kind: 'logo', ownerType: 'org', orgId: ACME, visibility: 'public' })
    expect(asset.visibility).toBe('public')
    const res = await fetch(asset.url, { signal: AbortSignal.timeout(5_000) })
    expect(res.status).toBe(200)
  })

  it('a File/Blob upload works too', async () => {
    const client = await signedIn(emu)
    const file = new File([PNG], 'blob.png', { type: 'image/png' })
    const asset = await client.assets.upload(file, { app: 'pmo', kind: 'doc', ownerType: 'user' })
    expect(asset.originalName).toBe('blob.png')
    expect(asset.size).toBe(PNG.length)
  })
})

describe('asset authorization (docs/api.md)', () => {
  it('org asset: a member reads it but may not delete it; the uploader and the owner may', async () => {
    const dana = await signedIn(emu, DEMO) // owner of Acme
    const bob = await signedIn(emu, BOB) // member of Acme
    const asset = await dana.assets.upload(bytes(), { app: 'pmo', kind: 'doc', ownerType: 'org', orgId: ACME })
    expect((await bob.assets.get(asset.id)).id).toBe(asset.id)
    const denied = await rejection(bob.assets.delete(asset.id))
    expect(denied).toBeInstanceOf(ForbiddenError)
    expect(denied.status).toBe(403)

    const bobs = await bob.assets.upload(bytes(), { app: 'pmo', kind: 'doc', ownerType: 'org', orgId: ACME })
    await bob.assets.update(bobs.id, { originalName: 'mine.png' }) // the uploader may modify
    await dana.assets.delete(bobs.id) // the owner may delete
    await dana.assets.delete(asset.id)
  })

  it('a non-member cannot see an org asset', async () => {
    const dana = await signedIn(emu, DEMO)
    const gus = await signedIn(emu, GUS) // owner of Globex, not in Acme
    const asset = await dana.assets.upload(bytes(), { app: 'pmo', kind: 'doc', ownerType: 'org', orgId: ACME })
    const err = await rejection(gus.assets.get(asset.id))
    expect(err).toBeInstanceOf(LumenApiError)
    expect([403, 404]).toContain(err.status)
  })

  it('a user asset is its owner\'s alone', async () => {
    const bob = await signedIn(emu, BOB)
    const dana = await signedIn(emu, DEMO)
    const mine = await bob.assets.upload(bytes(), { app: 'pmo', kind: 'doc', ownerType: 'user' })
    expect((await bob.assets.get(mine.id)).ownerType).toBe('user')
    const err = await rejection(dana.assets.get(mine.id))
    expect([403, 404]).toContain(err.status)
  })
})

describe('client.me.uploadPhoto / deletePhoto', () => {
  it('uploadPhoto stores a public avatar, points user.photoUrl at it, returns the /auth/me payload', async () => {
    const client = await signedIn(emu, BOB)
    const me = await client.me.uploadPhoto(bytes('avatar.png'))
    expect(me.user.email).toBe(BOB.email)
    expect(me.organizations).toBeInstanceOf(Array)
    expect(me.user.photoUrl).toMatch(new RegExp(`^${emu.url}/api/v1/assets/[^/]+/content$`))
    const anonymous = await fetch(me.user.photoUrl!, { signal: AbortSignal.timeout(5_000) })
    expect(anonymous.status).toBe(200) // avatars are public
    // GET /auth/me keeps returning it
    expect((await client.me.get()).user.photoUrl).toBe(me.user.photoUrl)
  })

  it('a new photo removes the previous avatar', async () => {
    const client = await signedIn(emu, BOB)
    const first = (await client.me.uploadPhoto(bytes('a.png'))).user.photoUrl!
    const second = (await client.me.uploadPhoto(new Blob([PNG], { type: 'image/png' }))).user.photoUrl!
    expect(second).not.toBe(first)
    const old = await fetch(first, { signal: AbortSignal.timeout(5_000) })
    expect(old.status).toBe(404)
  })

  it('deletePhoto sets photoUrl to null', async () => {
    const client = await signedIn(emu, BOB)
    await client.me.uploadPhoto(bytes())
    const me = await client.me.deletePhoto()
    expect(me.user.photoUrl).toBeNull()
    expect((await client.me.get()).user.photoUrl).toBeNull()
  })

  it('an SVG avatar is refused (415)', async () => {
    const client = await signedIn(emu, BOB)
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    const err = await rejection(client.me.uploadPhoto({ data: svg, filename: 'x.svg', contentType: 'image/svg+xml' }))
    expect(err).toBeInstanceOf(LumenApiError)
    expect(err.status).toBe(415)
  })
})
