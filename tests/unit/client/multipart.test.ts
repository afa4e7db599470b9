import { afterEach, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { LumenConfigError } from '../../../src/client/errors.js'
import type { UploadInput } from '../../../src/client/multipart.js'
import { FAST_RETRY, ME, error, json, startStub } from './helpers/httpStub.js'
import type { Recorded, Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

const ASSET = { id: 'ast_1', url: 'http://x/api/v1/assets/ast_1/content' }

async function form(r: Recorded): Promise<FormData> {
  return new Response(new Uint8Array(r.body), { headers: { 'content-type': String(r.headers['content-type']) } }).formData()
}

async function start() {
  stub = await startStub((r) => (r.path === '/auth/me/photo' ? json(200, ME) : json(200, ASSET)))
  return new LumenAccountClient({ baseUrl: stub.url, accessToken: 'acc_1', retry: FAST_RETRY })
}

describe('multipart uploads', () => {
  it.each<[string, () => UploadInput, string, string]>([
    ['a File', () => new File([new Uint8Array([1, 2, 3])], 'me.png', { type: 'image/png' }), 'me.png', 'image/png'],
    ['a Blob', () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), 'blob', 'image/jpeg'],
    ['{ data: Uint8Array }', () => ({ data: new Uint8Array([1, 2, 3]), filename: 'a.png', contentType: 'image/png' }), 'a.png', 'image/png'],
    ['{ data: Buffer }', () => ({ data: Buffer.from([1, 2, 3]), filename: 'b.png', contentType: 'image/png' }), 'b.png', 'image/png'],
    ['{ data: ArrayBuffer }', () => ({ data: new Uint8Array([1, 2, 3]).buffer, filename: 'c.bin' }), 'c.bin', 'application/octet-stream'],
    ['{ data: Blob }', () => ({ data: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/gif' }), filename: 'd.gif' }), 'd.gif', 'image/gif'],
  ])('me.uploadPhoto accepts %s as multipart `file` (boundary set by the platform)', async (_, make, name, type) => {
    const client = await start()
    await expect(client.me.uploadPhoto(make())).resolves.toMatchObject({ user: { id: 'usr_1' } })
    const req = stub.requests[0]!
    expect(`${req.method} ${req.path}`).toBe('PUT /auth/me/photo')
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    const file = (await form(req)).get('file') as File
    expect(file.name).toBe(name)
    expect(file.type).toBe(type)
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3])
  })

  it('uploadPhoto reports progress 0 then 1', async () => {
    const client = await start()
    const seen: number[] = []
    await client.me.uploadPhoto(new Blob(['x']), { onProgress: (f) => seen.push(f) })
    expect(seen).toEqual([0, 1])
  })

  it('assets.upload sends the file and every field (metadata as JSON)', async () => {
    const client = await start()
    const asset = await client.assets.upload({ data: Buffer.from('pdf'), filename: 'x.pdf', contentType: 'application/pdf' }, {
      app: 'pmo', kind: 'task-attachment', ownerType: 'entity', ownerId: 'task_1', orgId: 'org_1', metadata: { taskId: 'task_1' },
    })
    expect(asset.id).toBe('ast_1')
    const req = stub.requests[0]!
    expect(`${req.method} ${req.path}`).toBe('POST /assets')
    expect(req.headers['idempotency-key']).toBeTruthy()
    const f = await form(req)
    expect(Object.fromEntries([...f.entries()].filter(([k]) => k !== 'file'))).toEqual({
      app: 'pmo', kind: 'task-attachment', ownerType: 'entity', ownerId: 'task_1', orgId: 'org_1', metadata: '{"taskId":"task_1"}',
    })
    expect(await (f.get('file') as File).text()).toBe('pdf')
  })

  it('a retried upload sends the whole body again with the same Idempotency-Key', async () => {
    let n = 0
    stub = await startStub(() => (n++ === 0 ? error(503, 'X') : json(200, ASSET)))
    const client = new LumenAccountClient({ baseUrl: stub.url, accessToken: 'a', retry: FAST_RETRY })
    await client.assets.upload(new Blob(['hello']), { app: 'pmo', kind: 'doc', ownerType: 'user' })
    const [a, b] = stub.requests
    expect(a!.headers['idempotency-key']).toBe(b!.headers['idempotency-key'])
    expect(await ((await form(b!)).get('file') as File).text()).toBe('hello')
  })

  it('an invalid upload input is refused before sending', async () => {
    const client = await start()
    await expect(client.me.uploadPhoto({} as never)).rejects.toBeInstanceOf(LumenConfigError)
    expect(stub.requests).toHaveLength(0)
  })
})
