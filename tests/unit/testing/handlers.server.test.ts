// The same lumenHandlers under MSW 2 in Node (setupServer): the real client over globalThis.fetch.
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { fixtures, lumenFetch, lumenHandlers } from '../../../src/testing/index.js'

const BASE = 'https://api.lumen.test'
const handlers = lumenHandlers(fixtures, { http, fail: { 'GET /products/:slug': 503 } })
const server = setupServer(...handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describe('lumenHandlers with MSW', () => {
  it('setupServer(...lumenHandlers(fixtures)) answers the real client, state and options shared', async () => {
    const client = new LumenAccountClient({ baseUrl: BASE, retry: false })
    await client.auth.login('demo@lumen.test', 'lumen-demo-pass')
    const me = await client.me.get()
    expect(me.user.firstName).toBe('Dana')
    client.setActiveOrg(me.activeOrganizationId)
    expect(await client.licenses.get('lumen-hr')).toMatchObject({ tier: 'pro', organizationId: 'org_acme' })
    await expect(client.products.get('lumen-hr')).rejects.toMatchObject({ name: 'ServerError', status: 503 })
    handlers.options.fail = { 'POST /auth/switch-org': 'network' }
    await expect(client.me.switchOrg('org_globex')).rejects.toMatchObject({ name: 'NetworkError' })
    expect(handlers.state.calls.map((c) => c.name)).toEqual(['auth.login', 'me.get', 'licenses.get', 'products.get', 'me.switchOrg'])
  })

  it('without `http` the handlers are MSW-compatible objects too; lumenFetch runs MSW handlers in memory', async () => {
    const plain = lumenHandlers(fixtures)
    const other = setupServer(...(plain as unknown as typeof handlers))
    server.close()
    other.listen({ onUnhandledRequest: 'error' })
    try {
      expect((await new LumenAccountClient({ baseUrl: BASE }).products.get('lumen-hr')).slug).toBe('lumen-hr')
    } finally {
      other.close()
      server.listen({ onUnhandledRequest: 'error' })
    }
    handlers.options.fail = undefined
    const fetch = lumenFetch(handlers.filter((h) => String(h.info.path).endsWith('/products/:productSlug')))
    const res = await fetch(`${BASE}/api/v1/products/lumen-hr`)
    expect(((await res.json()) as { slug: string }).slug).toBe('lumen-hr')
    const missing = await fetch(`${BASE}/api/v1/products/nope`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
  })
})
