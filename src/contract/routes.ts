/**
 * Every route of the wire contract (`docs/api.md`), relative to `{baseUrl}/api/v1`. The client's
 * namespaces and the emulator's routes both take their paths from here.
 * `auth: 'none'` routes are auth flows: the client never sends a credential on them.
 */
/** The one spelling of the API's path prefix. */
export const API_PREFIX = '/api/v1'

export type RouteAuth = 'none' | 'user' | 'service' | 'bearer' | 'optional'

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  auth: RouteAuth
}

type Method = RouteDef['method']

/**
 * `'METHOD /path'` of every route: what the client's `request` takes. Separate constants (not read
 * from `ROUTES`) so a bundle keeps only the strings it uses and none of the table.
 */
export const LOGIN = 'POST /auth/login'
export const REGISTER = 'POST /auth/register'
export const REFRESH = 'POST /auth/refresh'
export const LOGOUT = 'POST /auth/logout'
export const PASSWORD_RESET_REQUEST = 'POST /auth/password-reset/request'
export const PASSWORD_RESET_CONFIRM = 'POST /auth/password-reset/confirm'
export const ACCEPT_INVITATION = 'POST /auth/invitations/accept'
export const ME = 'GET /auth/me'
export const SWITCH_ORG = 'POST /auth/switch-org'
export const SESSIONS_LIST = 'GET /auth/sessions'
export const SESSIONS_REVOKE = 'DELETE /auth/sessions/:id'
export const PHOTO_UPLOAD = 'PUT /auth/me/photo'
export const PHOTO_DELETE = 'DELETE /auth/me/photo'
export const LICENSE_GET = 'GET /licenses/:productSlug'
export const PRODUCT_GET = 'GET /products/:productSlug'
export const ASSETS_UPLOAD = 'POST /assets'
export const ASSETS_GET = 'GET /assets/:id'
export const ASSETS_LIST = 'GET /assets'
export const ASSETS_UPDATE = 'PATCH /assets/:id'
export const ASSETS_DELETE = 'DELETE /assets/:id'
export const ASSETS_CONTENT = 'GET /assets/:id/content'
export const VERIFY_TOKEN = 'POST /service/verify-token'
export const CHECK_LICENSE = 'GET /service/licenses/check'
export const REPORT_USAGE = 'POST /service/usage'

function def<M extends Method, P extends string, A extends RouteAuth>(call: `${M} ${P}`, auth: A): { method: M; path: P; auth: A } {
  const at = call.indexOf(' ')
  return { method: call.slice(0, at) as M, path: call.slice(at + 1) as P, auth }
}

export const ROUTES = {
  login: /* @__PURE__ */ def(LOGIN, 'none'),
  register: /* @__PURE__ */ def(REGISTER, 'none'),
  refresh: /* @__PURE__ */ def(REFRESH, 'none'),
  logout: /* @__PURE__ */ def(LOGOUT, 'none'),
  passwordResetRequest: /* @__PURE__ */ def(PASSWORD_RESET_REQUEST, 'none'),
  passwordResetConfirm: /* @__PURE__ */ def(PASSWORD_RESET_CONFIRM, 'none'),
  acceptInvitation: /* @__PURE__ */ def(ACCEPT_INVITATION, 'none'),
  me: /* @__PURE__ */ def(ME, 'user'),
  switchOrg: /* @__PURE__ */ def(SWITCH_ORG, 'user'),
  sessionsList: /* @__PURE__ */ def(SESSIONS_LIST, 'user'),
  sessionsRevoke: /* @__PURE__ */ def(SESSIONS_REVOKE, 'user'),
  photoUpload: /* @__PURE__ */ def(PHOTO_UPLOAD, 'user'),
  photoDelete: /* @__PURE__ */ def(PHOTO_DELETE, 'user'),
  licenseGet: /* @__PURE__ */ def(LICENSE_GET, 'user'),
  productGet: /* @__PURE__ */ def(PRODUCT_GET, 'optional'),
  assetsUpload: /* @__PURE__ */ def(ASSETS_UPLOAD, 'user'),
  assetsGet: /* @__PURE__ */ def(ASSETS_GET, 'user'),
  assetsList: /* @__PURE__ */ def(ASSETS_LIST, 'user'),
  assetsUpdate: /* @__PURE__ */ def(ASSETS_UPDATE, 'user'),
  assetsDelete: /* @__PURE__ */ def(ASSETS_DELETE, 'user'),
  assetsContent: /* @__PURE__ */ def(ASSETS_CONTENT, 'optional'),
  verifyToken: /* @__PURE__ */ def(VERIFY_TOKEN, 'bearer'),
  checkLicense: /* @__PURE__ */ def(CHECK_LICENSE, 'service'),
  reportUsage: /* @__PURE__ */ def(REPORT_USAGE, 'service'),
} as const satisfies Record<string, RouteDef>

export type RouteName = keyof typeof ROUTES

/** `call` (`'METHOD /path/:param'`, one param) with `value` URI-encoded in place of the param. */
export const routeCall = (call: string, value: string): string => call.replace(/:\w+/, encodeURIComponent(value))

/** The path of a call (`'GET /assets/:id'` → `'/assets/:id'`), relative to `API_PREFIX`. */
export const routePath = (call: string): string => call.slice(call.indexOf(' ') + 1)

/** Header names, lower-case (HTTP headers are case-insensitive). */
export const HEADERS = {
  authorization: 'authorization',
  serviceKey: 'x-service-api-key',
  organization: 'x-organization-id',
  requestId: 'x-request-id',
  idempotencyKey: 'idempotency-key',
  retryAfter: 'retry-after',
} as const
