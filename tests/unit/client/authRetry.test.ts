// The auth flows are never retried automatically: the person retries. A 429 surfaces at once.
import { afterEach, expect, it } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { LimitExceededError, ServerError } from '../../../src/client/errors.js'
import { error, startStub } from './helpers/httpStub.js'
import type { Stub } from './helpers/httpStub.js'

let stub: Stub
afterEach(() => stub?.close())

// The default policy (3 retries, Retry-After honoured up to 30 s): nothing here may use it.
const flows: Array<[string, (c: LumenAccountClient) => Promise<unknown>]> = [
  ['/auth/login', (c) => c.auth.login('a@b.test', 'pw-123456')],
  ['/auth/register', (c) => c.auth.register({ email: 'a@b.test', password: 'pw-123456', firstName: 'A', lastName: 'B' })],
  ['/auth/password-reset/request', (c) => c.auth.requestPasswordReset('a@b.test')],
  ['/auth/password-reset/confirm', (c) => c.auth.resetPassword('rst_token_1', 'pw-654321')],
  ['/auth/invitations/accept', (c) => c.auth.acceptInvitation({ token: 'inv_token_1', firstName: 'A', lastName: 'B', password: 'pw-123456' })],
]

it.each(flows)('POST %s answered 429 (Retry-After: 2) rejects at once with retryAfter, sent once', async (path, call) => {
  stub = await startStub(() => error(429, 'RATE_LIMITED', {}, { 'retry-after': '2' }))
  const started = Date.now()
  const e = await call(new LumenAccountClient({ baseUrl: stub.url })).catch((x: unknown) => x)
  expect(e).toBeInstanceOf(LimitExceededError)
  expect((e as LimitExceededError).retryAfter).toBe(2)
  expect(stub.calls('POST', path)).toHaveLength(1)
  expect(Date.now() - started).toBeLessThan(1900) // did not wait for Retry-After
})

it.each(flows)('POST %s answered 503 twice is sent once (ServerError)', async (path, call) => {
  let n = 0
  stub = await startStub(() => (n++ < 2 ? error(503, 'SERVICE_UNAVAILABLE') : error(401, 'INVALID_CREDENTIALS')))
  await expect(call(new LumenAccountClient({ baseUrl: stub.url, retry: { baseDelayMs: 5, maxDelayMs: 10 } }))).rejects.toBeInstanceOf(ServerError)
  expect(stub.calls('POST', path)).toHaveLength(1)
})
