/**
 * Express adapter. Typed structurally (no runtime or type import of express), so it works with
 * Express 4 and 5 and the emitted types do not need @types/express.
 */
import { createLicenseGate } from './check.js'
import { isLicenseMiddlewareError } from './errors.js'
import type { LicenseChecker, LicenseRequestLike, LumenLicense, RequireLicenseOptions } from './types.js'

declare global {
  // Declaration merging: Express' Request extends the global `Express.Request`, so typing
  // `req.lumenLicense` needs no express import and no @types/express in the consumer.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by `requiresLicenseExpress` on requests it lets through. */
      lumenLicense?: LumenLicense
    }
  }
}

/** The parts of an Express request the middleware uses. */
export interface ExpressLikeRequest extends LicenseRequestLike {
  lumenLicense?: LumenLicense | undefined
}

/** The parts of an Express response the middleware uses. */
export interface ExpressLikeResponse {
  headersSent?: boolean
  status(code: number): unknown
  json(body: unknown): unknown
  setHeader?(name: string, value: string): unknown
}

export type ExpressLikeNext = (error?: unknown) => void

function pass(req: ExpressLikeRequest, res: ExpressLikeResponse, next: ExpressLikeNext, license: LumenLicense): void {
  req.lumenLicense = license
  if (license.stale) res.setHeader?.('x-lumen-license', 'stale')
  next()
}

function fail(res: ExpressLikeResponse, next: ExpressLikeNext, error: unknown): void {
  if (res.headersSent) return next(error)
  if (isLicenseMiddlewareError(error)) {
    for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader?.(name, value)
    res.status(error.statusCode)
    res.json(error.toJSON())
  } else {
    res.status(500)
    res.json({ statusCode: 500, error: 'INTERNAL_ERROR', message: '[lumen-account] License check failed' })
  }
}

/**
 * Express middleware that lets a request through only when its organization holds a valid license
 * for `productSlug`, and attaches the result as `req.lumenLicense`. Failures become JSON answers:
 * 401 no org id, 403 not a member of the org / no license / tier / feature, 503 Lumen unavailable,
 * 500 anything else.
 * A stale (stale-if-error) result is marked with the response header `x-lumen-license: stale`.
 * Returns a promise settled once `next` was called or the answer sent (`undefined` on a cache hit:
 * `next` already ran), so `await middleware(req, res, next)` works in tests.
 * @example app.get('/employees', requiresLicenseExpress(client, 'lumen-hr'), handler)
 */
export function requiresLicenseExpress(
  client: LicenseChecker,
  productSlug: string,
  options: RequireLicenseOptions = {},
): (req: ExpressLikeRequest, res: ExpressLikeResponse, next: ExpressLikeNext) => void | Promise<void> {
  const gate = createLicenseGate(client, productSlug, options)
  return (req, res, next) => {
    let organizationId: string
    let license: LumenLicense | undefined
    try {
      organizationId = gate.organizationOf(req)
      // Cache hit: answered synchronously, no promise per request.
      license = gate.peek(organizationId)
    } catch (error) {
      return fail(res, next, error)
    }
    if (license) return pass(req, res, next, license)
    return gate.check(organizationId).then((found) => pass(req, res, next, found), (error: unknown) => fail(res, next, error))
  }
}
