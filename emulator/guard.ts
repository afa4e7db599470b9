/** Route guards: a signed-in user, org membership. */
import { emu, type AuthInfo, type Ctx } from './context.js'
import { notAMember } from './errors.js'
import { roleIn } from './model.js'
import { clientIp } from './request.js'
import { authenticate } from './sessions.js'
import type { OrganizationRole } from '../src/contract/types.js'

export async function requireUser(c: Ctx): Promise<AuthInfo> {
  const existing = c.get('auth')
  if (existing) return existing
  const auth = await authenticate(emu(c), c.req.header('authorization'), clientIp(c))
  c.set('auth', auth)
  return auth
}

/** The caller's role in `orgId`, or 403 `NOT_A_MEMBER`. */
export function requireMember(c: Ctx, userId: string, orgId: string): OrganizationRole {
  const role = roleIn(emu(c).db, userId, orgId)
  if (!role) throw notAMember()
  return role
}
