import { afterEach, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { ME, json, startStub } from './helpers/httpStub.js'
import type { Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

describe('smoke', () => {
  it('logs in and fetches me', async () => {
    stub = await startStub((r) => {
      if (r.path === '/auth/login') return json(200, { accessToken: 'acc_1', refreshToken: 'ref_1', user: ME.user })
      if (r.path === '/auth/me') return json(200, ME)
      return json(404, {})
    })
    const client = new LumenAccountClient({ baseUrl: stub.url + '/' })
    await client.auth.login('demo@lumen.test', 'pw')
    const me = await client.me.get()
    expect(me.user.id).toBe('usr_1')
    expect(stub.calls('GET', '/auth/me')[0]!.headers.authorization).toBe('Bearer acc_1')
    expect(stub.calls('POST', '/auth/login')[0]!.headers.authorization).toBeUndefined()
  })
})
