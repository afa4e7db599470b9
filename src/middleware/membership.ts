/**
 * Whether the caller may name the organization it names. The org id comes from the request (the
 * `x-organization-id` header wins, as in the seed), so without this rule any signed-in user of an
 * unlicensed org passes with a licensed org's id. Pure: no I/O, decided before cache and Lumen.
 */
import { LicenseCheckFailedError, OrgNotMemberError } from './errors.js'
import type { LicenseRequestLike, RequireLicenseOptions } from './types.js'

type GetMemberships = RequireLicenseOptions['getMemberships']

function listed(list: unknown, organizationId: string): boolean {
  if (list instanceof Set) return list.has(organizationId)
  // Anything else that is not an array (a string, an object) lists nobody: fail closed.
  if (!Array.isArray(list)) return false
  for (const m of list as unknown[]) {
    if (m === organizationId) return true
    if (m !== null && typeof m === 'object' && (m as { id?: unknown }).id === organizationId) return true
  }
  return false
}

/**
 * Throws unless the request carries no membership list or `organizationId` is in it. The list is
 * `getMemberships(req)` when given, else `req.user.organizations` (ids or `{ id }` objects, as
 * `verifyToken` returns them); `null` / `undefined` means none: the org id is trusted as sent.
 * @throws OrgNotMemberError (403) | LicenseCheckFailedError (500) when `getMemberships` throws.
 */
export function assertOrgMember(req: LicenseRequestLike, organizationId: string, getMemberships: GetMemberships): void {
  let list: unknown
  if (getMemberships) {
    try {
      list = getMemberships(req)
    } catch (error) {
      throw new LicenseCheckFailedError({ cause: error })
    }
  } else {
    const user = req.user
    list = user !== null && typeof user === 'object' ? (user as { organizations?: unknown }).organizations : undefined
  }
  if (list === undefined || list === null || listed(list, organizationId)) return
  throw new OrgNotMemberError(organizationId)
}
