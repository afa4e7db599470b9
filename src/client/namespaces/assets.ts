/** `client.assets`: universal file CRUD against `/api/v1/assets` (user mode). */
import { ASSETS_CONTENT, ASSETS_DELETE, ASSETS_GET, ASSETS_LIST, ASSETS_UPDATE, ASSETS_UPLOAD, routeCall, routePath } from '../../contract/routes.js'
import type { Asset, AssetListQuery, AssetListResponse, AssetOwnerType, AssetUpdateRequest, AssetVisibility } from '../../contract/types.js'
import { request } from '../http.js'
import type { CallOptions, CallSpec, Core } from '../http.js'
import { toFormData } from '../multipart.js'
import type { UploadInput } from '../multipart.js'

/** Fields sent with an upload (`POST /assets` in docs/api.md). */
export interface AssetUploadFields {
  app: string
  kind: string
  ownerType: AssetOwnerType
  ownerId?: string
  orgId?: string
  /** @default 'private' */
  visibility?: AssetVisibility
  /** Sent as a JSON string. */
  metadata?: Record<string, unknown>
}

export interface AssetsApi {
  /** `POST /assets` (multipart): store a file and return its `Asset` (with an absolute `url`). */
  upload(file: UploadInput, fields: AssetUploadFields, options?: CallOptions): Promise<Asset>
  /** `GET /assets/:id` */
  get(id: string, options?: CallOptions): Promise<Asset>
  /** `GET /assets?…`: a page of assets (`{ items, page, limit, total }`). */
  list(query?: AssetListQuery, options?: CallOptions): Promise<AssetListResponse>
  /** `PATCH /assets/:id`: rename, change visibility or metadata. */
  update(id: string, patch: AssetUpdateRequest, options?: CallOptions): Promise<Asset>
  /** `DELETE /assets/:id` */
  delete(id: string, options?: CallOptions): Promise<void>
  /** The content URL of an asset (`GET /assets/:id/content`); anonymous only for public assets. */
  contentUrl(id: string): string
}

/** @internal */
export function createAssets(core: Core): AssetsApi {
  const call = <T>(route: string, options?: CallOptions, spec?: CallSpec) =>
    request<T>(core, route, { auth: 'user', check: (d) => typeof d.id === 'string', ...spec, ...options })
  return {
    upload: (file, fields, options) => call(ASSETS_UPLOAD, options, { body: toFormData(file, { ...fields }) }),
    get: (id, options) => call(routeCall(ASSETS_GET, id), options),
    list: (query = {}, options) => call(ASSETS_LIST, options, { query, check: (d) => Array.isArray(d.items) }),
    update: (id, patch, options) => call(routeCall(ASSETS_UPDATE, id), options, { body: patch }),
    delete: (id, options) => call(routeCall(ASSETS_DELETE, id), options, { check: false }),
    contentUrl: (id) => core.apiBase + routePath(routeCall(ASSETS_CONTENT, id)),
  }
}
