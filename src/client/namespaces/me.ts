/** `client.me`, `client.licenses`, `client.products`: the signed-in user's data (user mode). */
import { LICENSE_GET, ME, PHOTO_DELETE, PHOTO_UPLOAD, PRODUCT_GET, routeCall, SWITCH_ORG } from '../../contract/routes.js'
import type { EntitlementResponse, MeResponse, Product } from '../../contract/types.js'
import { request } from '../http.js'
import type { CallOptions, Core } from '../http.js'
import { toFormData } from '../multipart.js'
import type { UploadInput, UploadProgressHandler } from '../multipart.js'

const isMe = (d: Record<string, unknown>) => !!d.user && typeof d.user === 'object' && Array.isArray(d.organizations)

export interface UploadPhotoOptions extends CallOptions {
  /** Called with 0 when the upload starts and 1 when it is done (fetch reports no upload progress). */
  onProgress?: UploadProgressHandler
}

export interface MeApi {
  /** `GET /auth/me`: the user, their organizations and license summaries. */
  get(options?: CallOptions): Promise<MeResponse>
  /** `POST /auth/switch-org`; on success the client sends `x-organization-id: orgId` from now on. */
  switchOrg(orgId: string, options?: CallOptions): Promise<MeResponse>
  /** `PUT /auth/me/photo`: store `file` as the profile picture; returns the refreshed `/auth/me` payload. */
  uploadPhoto(file: UploadInput, options?: UploadPhotoOptions): Promise<MeResponse>
  /** `DELETE /auth/me/photo`: remove the profile picture (`user.photoUrl` becomes `null`). */
  deletePhoto(options?: CallOptions): Promise<MeResponse>
}

export interface LicensesApi {
  /** `GET /licenses/:productSlug` for the active organization (`setActiveOrg` / `me.switchOrg` first). */
  get(productSlug: string, options?: CallOptions): Promise<EntitlementResponse>
}

export interface ProductsApi {
  /** `GET /products/:productSlug`: the product and its tiers. */
  get(slug: string, options?: CallOptions): Promise<Product>
}

/** @internal */
export function createMe(core: Core): MeApi {
  const me = (route: string, options?: CallOptions, body?: unknown) =>
    request<MeResponse>(core, route, { auth: 'user', body, check: isMe, ...options })
  return {
    get: (options) => me(ME, options),
    async switchOrg(orgId, options) {
      const data = await me(SWITCH_ORG, options, { organizationId: orgId })
      core.org = orgId
      return data
    },
    async uploadPhoto(file, { onProgress, signal } = {}) {
      const body = toFormData(file)
      onProgress?.(0)
      const data = await me(PHOTO_UPLOAD, { signal }, body)
      onProgress?.(1)
      return data
    },
    deletePhoto: (options) => me(PHOTO_DELETE, options),
  }
}

/** @internal */
export function createLicenses(core: Core): LicensesApi {
  return {
    get: (productSlug, options) =>
      request(core, routeCall(LICENSE_GET, productSlug), { auth: 'user', check: (d) => typeof d.valid === 'boolean', ...options }),
  }
}

/** @internal */
export function createProducts(core: Core): ProductsApi {
  return {
    get: (slug, options) => request(core, routeCall(PRODUCT_GET, slug), { check: (d) => Array.isArray(d.tiers), ...options }),
  }
}
