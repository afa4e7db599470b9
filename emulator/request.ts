/** Small helpers about the incoming request. */
import { emu, type Ctx } from './context.js'
import { safeEqual } from './security.js'
import { unauthorized } from './errors.js'

export function clientIp(c: Ctx): string | null {
  const raw = c.env?.incoming?.socket?.remoteAddress ?? null
  return raw?.startsWith('::ffff:') ? raw.slice(7) : raw
}

export const userAgent = (c: Ctx): string | null => c.req.header('user-agent') ?? null

/** The public origin of this server as the caller sees it (for absolute asset URLs). */
export function origin(c: Ctx): string {
  return new URL(c.req.url).origin
}

export function hasServiceKey(c: Ctx): boolean {
  const key = c.req.header('x-service-api-key')
  return !!key && safeEqual(key, emu(c).config.serviceKey)
}

export function requireServiceKey(c: Ctx): void {
  if (!c.req.header('x-service-api-key')) throw unauthorized('UNAUTHORIZED', 'This route needs the X-Service-API-Key header.')
  if (!hasServiceKey(c)) throw unauthorized('UNAUTHORIZED', 'The service API key is invalid.')
}
