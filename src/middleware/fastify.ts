/**
 * Fastify adapter: a `preHandler` hook. Typed structurally (no runtime or type import of fastify),
 * so the emitted types do not need fastify installed.
 */
import type {} from 'fastify'
import { createLicenseGate } from './check.js'
import type { LicenseChecker, LicenseRequestLike, LumenLicense, RequireLicenseOptions } from './types.js'

declare module 'fastify' {
  // Declaration merging: types `request.lumenLicense` for Fastify users.
  interface FastifyRequest {
    /** Set by `requiresLicenseFastify` on requests it lets through. */
    lumenLicense?: LumenLicense
  }
}

/** The parts of a Fastify request the hook uses. */
export interface FastifyLikeRequest extends LicenseRequestLike {
  lumenLicense?: LumenLicense | undefined
}

/** The parts of a Fastify reply the hook uses. */
export interface FastifyLikeReply {
  header(name: string, value: string): unknown
}

/**
 * Fastify `preHandler` that lets a request through only when its organization holds a valid license
 * for `productSlug`, and attaches the result as `request.lumenLicense`. On failure it re-throws the
 * `LicenseMiddlewareError` (with `statusCode` and `code`) for Fastify's error handler.
 * @example app.get('/employees', { preHandler: requiresLicenseFastify(client, 'lumen-hr') }, handler)
 */
export function requiresLicenseFastify(
  client: LicenseChecker,
  productSlug: string,
  options: RequireLicenseOptions = {},
): (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<void> {
  const gate = createLicenseGate(client, productSlug, options)
  return async (request, reply) => {
    const organizationId = gate.organizationOf(request)
    const license = gate.peek(organizationId) ?? await gate.check(organizationId)
    request.lumenLicense = license
    if (license.stale) reply.header('x-lumen-license', 'stale')
  }
}
