/**
 * Emulator-only controls under `/__emulator` (never part of the Lumen API): faults, reset, outbox,
 * token expiry and the clock.
 */
import type { Hono } from 'hono'
import { API_PREFIX } from '../../src/contract/routes.js'
import { readJson, Validator } from '../body.js'
import { emu, type AppEnv } from '../context.js'
import { run } from '../db.js'
import { notFound } from '../errors.js'
import type { FaultSpec } from '../faults.js'
import { listOutbox } from '../outbox.js'
import { MAX_DURATION_MS, parseDuration } from '../clock.js'
import { INVITATION_TOKEN, SEED } from '../seed-data.js'
import { invitationLink, seedInvitationOpen } from '../seed.js'

const P = '/__emulator'

export function devRoutes(app: Hono<AppEnv>): void {
  app.get(P, (c) => {
    const e = emu(c)
    return c.json({
      name: 'lumen-emulator',
      api: new URL(c.req.url).origin + API_PREFIX,
      logins: Object.values(SEED.users).map((u) => ({ email: u.email, password: SEED.password })),
      serviceKey: e.config.serviceKey,
      // `null` once the seeded invitation was used or expired.
      invitation: seedInvitationOpen(e.db, e.clock.now())
        ? { email: SEED.invitation.email, token: INVITATION_TOKEN, link: invitationLink(e.config.appUrl, INVITATION_TOKEN) }
        : null,
      clock: { now: e.clock.iso(), offsetMs: e.clock.offsetMs },
      faults: e.faults.list(),
      // Sessions revoked because a rotated refresh token came back after its grace window.
      reuseDetections: e.reuseDetections(),
    })
  })

  app.get(`${P}/outbox`, (c) => c.json({ messages: listOutbox(emu(c), c.req.query('to')) }))
  app.delete(`${P}/outbox`, (c) => {
    run(emu(c).db, 'DELETE FROM outbox')
    return c.body(null, 204)
  })

  app.get(`${P}/faults`, (c) => c.json({ faults: emu(c).faults.list() }))
  app.post(`${P}/faults`, async (c) => {
    const body = await readJson(c)
    const v = new Validator(body)
    const spec: FaultSpec = { route: v.string('route', { max: 300 }) }
    const method = v.string('method', { optional: true, oneOf: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'get', 'post', 'put', 'patch', 'delete', 'options', 'head'] })
    if (method) spec.method = method
    if (body.status !== undefined) spec.status = v.integer('status', { min: 100, max: 599 })
    if (body.delayMs !== undefined) spec.delayMs = v.integer('delayMs', { min: 0, max: 120_000 })
    if (body.times !== undefined) spec.times = v.integer('times', { min: 1 })
    for (const flag of ['dropConnection'] as const) {
      if (body[flag] !== undefined && typeof body[flag] !== 'boolean') v.fail(flag, 'Must be a boolean.')
      else if (body[flag] !== undefined) spec[flag] = body[flag] as boolean
    }
    if (body.htmlBody !== undefined) {
      if (typeof body.htmlBody !== 'string' && typeof body.htmlBody !== 'boolean') v.fail('htmlBody', 'Must be a string or a boolean.')
      else spec.htmlBody = body.htmlBody
    }
    const error = v.object('error')
    if (error) spec.error = error
    const headers = v.object('headers')
    if (headers) {
      if (Object.values(headers).some((h) => typeof h !== 'string')) v.fail('headers', 'Values must be strings.')
      else spec.headers = headers as Record<string, string>
    }
    const phase = v.string('phase', { optional: true, oneOf: ['request', 'response'] })
    if (phase) spec.phase = phase as 'request' | 'response'
    v.done()
    return c.json(emu(c).faults.add(spec), 201)
  })
  app.delete(`${P}/faults`, (c) => {
    emu(c).faults.clear()
    return c.body(null, 204)
  })
  app.delete(`${P}/faults/:id`, (c) => {
    if (!emu(c).faults.remove(c.req.param('id'))) throw notFound('No such fault.')
    return c.body(null, 204)
  })

  app.post(`${P}/reset`, async (c) => {
    await emu(c).reset()
    return c.json({ reset: true })
  })

  app.post(`${P}/expire-tokens`, async (c) => {
    const e = emu(c)
    const body = await readJson(c)
    if (body.refreshTokens !== undefined && typeof body.refreshTokens !== 'boolean') {
      const v = new Validator(body)
      v.fail('refreshTokens', 'Must be a boolean.')
      v.done()
    }
    const generation = e.expireAccessTokens()
    if (body.refreshTokens === true) run(e.db, 'UPDATE refresh_tokens SET expires_at = ?', e.clock.now())
    return c.json({ generation, refreshTokensExpired: body.refreshTokens === true })
  })

  app.get(`${P}/clock`, (c) => c.json({ now: emu(c).clock.iso(), offsetMs: emu(c).clock.offsetMs }))
  app.post(`${P}/clock`, async (c) => {
    const e = emu(c)
    const body = await readJson(c)
    const v = new Validator(body)
    let ms = 0
    if (typeof body.advance === 'string' || typeof body.advance === 'number') {
      try {
        ms = parseDuration(body.advance)
      } catch {
        v.fail('advance', 'Use a duration such as "11s", "16m" or "6d".')
      }
    } else if (body.advanceMs !== undefined) {
      ms = v.integer('advanceMs', { min: 1, max: MAX_DURATION_MS })
    } else if (body.reset === true) {
      e.clock.reset()
    } else {
      v.fail('advance', 'Send { advance: "16m" }, { advanceMs: 960000 } or { reset: true }.')
    }
    v.done()
    try {
      e.clock.advance(ms)
    } catch {
      v.fail(body.advanceMs === undefined ? 'advance' : 'advanceMs', 'Moves the clock out of range.')
      v.done()
    }
    return c.json({ now: e.clock.iso(), offsetMs: e.clock.offsetMs })
  })
}
