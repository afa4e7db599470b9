/** `client.assets`: universal file CRUD against `/api/v1/assets` (user mode). */
import { ROUTES } from '../../contract/routes.js'
import type { Asset, AssetListQuery, AssetListResponse, AssetOwnerType, AssetUpdateRequest, AssetVisibility } from '../../contract/types.js'
import { request } from '../http.js'
import type { CallOptions, Core } from '../http.js'
import { toFormData } from '../multipart.js'
import type { UploadInput } from '../multipart.js'

/** Fields sent with an upload (API.md `POST /assets`). */
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

const isAsset = (d: Record<string, unknown>) => typeof d.id === 'string'

/** @internal */
export function createAssets(core: Core): AssetsApi {
  return {
    upload: (file, fields, options) =>
      request<Asset>(core, { route: ROUTES.assetsUpload, body: toFormData(file, { ...fields }), check: isAsset, ...options }),
    get: (id, options) => request<Asset>(core, { route: ROUTES.assetsGet, params: { id }, check: isAsset, ...options }),
    list: (query = {}, options) =>
      request<AssetListResponse>(core, { route: ROUTES.assetsList, query: { ...query }, check: (d) => Array.isArray(d.items), ...options }),
    update: (id, patch, options) => request<Asset>(core, { route: ROUTES.assetsUpdate, params: { id }, body: patch, check: isAsset, ...options }),
    delete: (id, options) => request<void>(core, { route: ROUTES.assetsDelete, params: { id }, expect: 'none', ...options }),
    contentUrl: (id) => `${core.apiBase}${ROUTES.assetsContent.path.replace(':id', encodeURIComponent(id))}`,
  }
}
