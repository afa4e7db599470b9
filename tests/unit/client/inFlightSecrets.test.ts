// A server that echoes the request body must not put the password or a token into the error.
// (The refresh token in a refresh's body is a held token, scrubbed already.)
import { afterEach, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { toErrorInfo } from '../../../src/stores/errors.js'
import { startStub } from './helpers/httpStub.js'
import type { Handler, Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

const PASSWORD = 'Correct-Horse-9'
const NEW_PASSWORD = 'Battery-Staple-7'
const RESET = 'rst_9f8e7d6c5b4a'
const INVITE = 'inv_1a2b3c4d5e6f'
const SECRETS = [PASSWORD, NEW_PASSWORD, RESET, INVITE]

// JSON that echoes the body in the message, under a harmless key, and in details; or a text page.
const echoJson: Handler = (r) => ({
  status: 400,
  body: { error: { code: 'VALIDATION_FAILED', message: `bad request ${r.text}`, details: [{ field: 'x', message: r.text }] }, echo: { raw: r.text, ...(r.json as object) } },
})
const echoText: Handler = (r) => ({ status: 500, headers: { 'content-type': 'text/plain' }, body: `Internal error while handling ${r.text}` })

const calls: Array<[string, (c: LumenAccountClient) => Promise<unknown>]> = [
  ['login', (c) => c.auth.login('a@b.test', PASSWORD)],
  ['register', (c) => c.auth.register({ email: 'a@b.test', password: PASSWORD, firstName: 'A', lastName: 'B' })],
  ['resetPassword', (c) => c.auth.resetPassword(RESET, NEW_PASSWORD)],
  ['acceptInvitation', (c) => c.auth.acceptInvitation({ token: INVITE, firstName: 'A', lastName: 'B', password: PASSWORD })],
]

for (const [label, handler] of [['JSON', echoJson], ['text', echoText]] as const) {
  it.each(calls)(`${label} echo: %s keeps every secret of the request out of message, body, JSON and the store's error`, async (_, call) => {
    stub = await startStub(handler)
    const client = new LumenAccountClient({ baseUrl: stub.url, retry: false })
    const e = (await call(client).catch((x: unknown) => x)) as Error & { body: unknown }
    expect(e).toBeInstanceOf(Error)
    expect(stub.requests.length).toBeGreaterThan(0)
    const views = [e.message, JSON.stringify(e), JSON.stringify(e.body ?? null), JSON.stringify(toErrorInfo(e)), String(e)]
    for (const view of views) for (const secret of SECRETS) expect(view).not.toContain(secret)
    expect(e.message).toContain('[redacted]') // the echo is still there, scrubbed
  })
}
