/**
 * `Idempotency-Key` on POST, PATCH, PUT and DELETE: the first result for a key (per caller, method and path) is
 * stored for 24 h and replayed for every repeat, so a retried request has its side effect once.
 * A repeat with a different JSON body is refused (422); a repeat while the first is still running
 * waits for it. 401, 408, 429 and 5xx answers are not stored: those are meant to be retried.
 * Stored bodies may hold tokens, so they are sealed with a key derived from the Idempotency-Key.
 * `POST /auth/refresh` is exempt: it always runs, so reuse detection always runs.
 */
import type { MiddlewareHandler } from 'hono'
import { rawBody } from './body.js'
import { emu, type AppEnv } from './context.js'
import { one, run } from './db.js'
import { ApiError, badRequest } from './errors.js'
import { hasServiceKey } from './request.js'
import { apiPath } from './route.js'
import { seal, sha256, unseal } from './security.js'
import { peekUserId } from './sessions.js'

const TTL_MS = 24 * 3_600_000
const NOT_STORED = new Set([401, 408, 429])
// PUT and DELETE too: a retried DELETE whose first answer was lost replays 204 instead of a 404.
const MUTATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])
const inflightByEmulator = new WeakMap<object, Map<string, Promise<void>>>()

interface Stored { status: number; contentType: string | null; body: string }

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key')
  // Refresh is never replayed: a stored answer would skip reuse detection (its grace window already
  // makes a retried refresh safe).
  if (key === undefined || !MUTATING.has(c.req.method) || c.req.path === apiPath('refresh')) return next()
  if (key.length === 0 || key.length > 255) throw badRequest('Idempotency-Key must be 1 to 255 characters.', [{ field: 'Idempotency-Key', message: 'Invalid.' }])
  const e = emu(c)
  let inflight = inflightByEmulator.get(e)
  if (!inflight) inflightByEmulator.set(e, (inflight = new Map()))
  const who = (await peekUserId(e, c.req.header('authorization'))) ?? (hasServiceKey(c) ? 'service' : 'anonymous')
  const scope = sha256(`${e.config.serviceKey}\n${who}\n${c.req.method}\n${c.req.path}\n${key}`)
  const isJson = /json/i.test(c.req.header('content-type') ?? '')
  // Multipart boundaries change on every retry: only JSON bodies are fingerprinted.
  const fingerprint = isJson ? sha256(Buffer.from(await rawBody(c, e.config.jsonLimit)).toString('utf8')) : null

  while (inflight.has(scope)) await inflight.get(scope)
  const row = one<{ fingerprint: string | null; box: string; created_at: number }>(e.db,
    'SELECT fingerprint, box, created_at FROM idempotency WHERE scope = ?', scope)
  if (row && row.created_at > e.clock.now() - TTL_MS) {
    if (row.fingerprint !== fingerprint) {
      throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body.',
        [{ field: 'Idempotency-Key', message: 'Reused with a different body.' }])
    }
    const stored = JSON.parse(unseal(row.box, key) ?? 'null') as Stored | null
    if (stored) {
      const headers: Record<string, string> = { 'idempotent-replayed': 'true' }
      if (stored.contentType) headers['content-type'] = stored.contentType
      return new Response(stored.status === 204 ? null : stored.body, { status: stored.status, headers })
    }
  }

  let done!: () => void
  inflight.set(scope, new Promise<void>((resolve) => (done = resolve)))
  try {
    await next()
    const res = c.res
    if (res.status < 500 && !NOT_STORED.has(res.status)) {
      const stored: Stored = { status: res.status, contentType: res.headers.get('content-type'), body: await res.clone().text() }
      run(e.db, 'DELETE FROM idempotency WHERE created_at < ?', e.clock.now() - TTL_MS)
      run(e.db, 'INSERT OR REPLACE INTO idempotency (scope, fingerprint, status, box, created_at) VALUES (?, ?, ?, ?, ?)',
        scope, fingerprint, res.status, seal(JSON.stringify(stored), key), e.clock.now())
    }
  } finally {
    inflight.delete(scope)
    done()
  }
}
