/**
 * Conformance: issue 3's client promises beyond the seed's method list: cancellation, the browser
 * guard of service mode, client.fetch with allowedOrigins, redaction, unexpected 2xx answers.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  isLumenApiError,
  LumenAccountClient,
  LumenConfigError,
  OriginNotAllowedError,
  UnexpectedResponseError,
} from '../../src/index.js'
import { useEmulator } from '../helpers/emulatorSuite.js'
import { ACME, DEMO, recordingFetch, rejection, type Sent, SERVICE_KEY, signedIn } from './support.js'

const emu = useEmulator({ clearFaultsAfterEach: true })

describe('cancellation ({ signal } as the last argument)', () => {
  it('an already-aborted signal sends nothing', async () => {
    const log: Sent[] = []
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '', fetch: recordingFetch(log) })
    const err = await rejection(client.auth.login(DEMO.email, DEMO.password, { signal: AbortSignal.abort() }))
    expect(err.name).toBe('AbortError')
    expect(log).toHaveLength(0)
  })

  it('aborting a slow call rejects at once', async () => {
    await emu.fault({ route: '/api/v1/auth/me', delayMs: 3_000, times: 1 })
    const client = await signedIn(emu)
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(), 100)
    const err = await rejection(client.me.get({ signal: controller.signal }))
    expect(err.name).toBe('AbortError')
    expect(Date.now() - started).toBeLessThan(1_500)
  })
})

describe('service mode in a browser', () => {
  const g = globalThis as Record<string, unknown>
  const had = { window: 'window' in g, document: 'document' in g }
  afterEach(() => {
    if (!had.window) delete g.window
    if (!had.document) delete g.document
  })

  it('refuses to run unless dangerouslyAllowBrowser: true', () => {
    g.window = globalThis
    g.document = { createElement() {} }
    expect(() => new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY })).toThrow(LumenConfigError)
    expect(() => new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, dangerouslyAllowBrowser: true })).not.toThrow()
  })
})

describe('client.fetch(input, init) for the app\'s own API', () => {
  it('only sends to allowedOrigins; anything else throws OriginNotAllowedError before sending', async () => {
    const log: Sent[] = []
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '', fetch: recordingFetch(log) })
    const err = await rejection(client.fetch(`${emu.url}/api/v1/auth/me`))
    expect(err).toBeInstanceOf(OriginNotAllowedError)
    expect(log).toHaveLength(0)
  })

  it('adds the stored access token and x-organization-id, and returns the Response', async () => {
    const log: Sent[] = []
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '', fetch: recordingFetch(log), allowedOrigins: [emu.url] })
    await client.auth.login(DEMO.email, DEMO.password)
    client.setActiveOrg(ACME)
    const res = await client.fetch(`${emu.url}/api/v1/auth/me`)
    expect(res).toBeInstanceOf(Response)
    expect(res.status).toBe(200)
    const sent = log.at(-1)!
    expect(sent.headers.get('authorization')).toMatch(/^Bearer /)
    expect(sent.headers.get('x-organization-id')).toBe(ACME)
    expect(sent.headers.get('x-service-api-key')).toBeNull()
  })

  it('HTTP errors come back as the Response, not as a throw', async () => {
    const client = new LumenAccountClient({ baseUrl: emu.url, accessToken: '', allowedOrigins: [emu.url], retry: false })
    const res = await client.fetch(`${emu.url}/api/v1/does-not-exist`)
    expect(res.status).toBe(404)
  })
})

describe('robust error handling', () => {
  it('a server that echoes the service key in its message: the error never carries it', async () => {
    await emu.fault({ route: '/api/v1/service/licenses/check', status: 400, error: { code: 'VALIDATION_FAILED', message: `bad key ${SERVICE_KEY}` } })
    const client = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: false })
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(isLumenApiError(err)).toBe(true)
    expect(err.message).not.toContain(SERVICE_KEY)
    expect(JSON.stringify(err)).not.toContain(SERVICE_KEY)
  })

  it('a 2xx that is not the JSON the endpoint promises → UnexpectedResponseError', async () => {
    await emu.fault({ route: '/api/v1/service/licenses/check', status: 200, htmlBody: true })
    const client = new LumenAccountClient({ baseUrl: emu.url, serviceApiKey: SERVICE_KEY, retry: false })
    const err = await rejection(client.checkLicense(ACME, 'lumen-hr'))
    expect(err).toBeInstanceOf(UnexpectedResponseError)
    expect(err.status).toBe(200)
  })
})
