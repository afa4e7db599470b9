/**
 * Every route of API.md, relative to `{baseUrl}/api/v1`.
 * `auth: 'none'` routes are auth flows: the client never sends a credential on them.
 */
export const API_PREFIX = '/api/v1'

export type RouteAuth = 'none' | 'user' | 'service' | 'bearer' | 'optional'

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  auth: RouteAuth
}

export const ROUTES = {
  login: { method: 'POST', path: '/auth/login', auth: 'none' },
  register: { method: 'POST', path: '/auth/register', auth: 'none' },
  refresh: { method: 'POST', path: '/auth/refresh', auth: 'none' },
  logout: { method: 'POST', path: '/auth/logout', auth: 'none' },
  passwordResetRequest: { method: 'POST', path: '/auth/password-reset/request', auth: 'none' },
  passwordResetConfirm: { method: 'POST', path: '/auth/password-reset/confirm', auth: 'none' },
  acceptInvitation: { method: 'POST', path: '/auth/invitations/accept', auth: 'none' },
  me: { method: 'GET', path: '/auth/me', auth: 'user' },
  switchOrg: { method: 'POST', path: '/auth/switch-org', auth: 'user' },
  sessionsList: { method: 'GET', path: '/auth/sessions', auth: 'user' },
  sessionsRevoke: { method: 'DELETE', path: '/auth/sessions/:id', auth: 'user' },
  photoUpload: { method: 'PUT', path: '/auth/me/photo', auth: 'user' },
  photoDelete: { method: 'DELETE', path: '/auth/me/photo', auth: 'user' },
  licenseGet: { method: 'GET', path: '/licenses/:productSlug', auth: 'user' },
  productGet: { method: 'GET', path: '/products/:productSlug', auth: 'optional' },
  assetsUpload: { method: 'POST', path: '/assets', auth: 'user' },
  assetsGet: { method: 'GET', path: '/assets/:id', auth: 'user' },
  assetsList: { method: 'GET', path: '/assets', auth: 'user' },
  assetsUpdate: { method: 'PATCH', path: '/assets/:id', auth: 'user' },
  assetsDelete: { method: 'DELETE', path: '/assets/:id', auth: 'user' },
  assetsContent: { method: 'GET', path: '/assets/:id/content', auth: 'optional' },
  verifyToken: { method: 'POST', path: '/service/verify-token', auth: 'bearer' },
  checkLicense: { method: 'GET', path: '/service/licenses/check', auth: 'service' },
  reportUsage: { method: 'POST', path: '/service/usage', auth: 'service' },
} as const satisfies Record<string, RouteDef>

export type RouteName = keyof typeof ROUTES

/** Header names, lower-case (HTTP headers are case-insensitive). */
export const HEADERS = {
  authorization: 'authorization',
  serviceKey: 'x-service-api-key',
  organization: 'x-organization-id',
  requestId: 'x-request-id',
  idempotencyKey: 'idempotency-key',
  retryAfter: 'retry-after',
} as const
