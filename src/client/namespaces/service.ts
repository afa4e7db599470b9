/** `client.service`: endpoints for Lumen product backends (service mode). */
import { CHECK_LICENSE, REPORT_USAGE, VERIFY_TOKEN } from '../../contract/routes.js'
import type { CheckLicenseResponse, ReportUsageResponse, VerifyTokenResponse } from '../../contract/types.js'
import { request } from '../http.js'
import type { CallOptions, Core } from '../http.js'

export interface ServiceApi {
  /** `POST /service/verify-token`: sends `Authorization: Bearer <token>` (not the service key); returns the user, orgs and licenses. */
  verifyToken(token: string, options?: CallOptions): Promise<VerifyTokenResponse>
  /** `GET /service/licenses/check`. Emits `license:valid` / `license:invalid`, and `license:expiring` when `remainingDays` ≤ 7. */
  checkLicense(organizationId: string, productSlug: string, options?: CallOptions): Promise<CheckLicenseResponse>
  /** `POST /service/usage` (only increases are accepted). Emits `usage:accepted` / `usage:rejected`. */
  reportUsage(organizationId: string, productSlug: string, unitCount: number, options?: CallOptions): Promise<ReportUsageResponse>
}

/** @internal */
export function createService(core: Core): ServiceApi {
  const { emitter } = core
  return {
    verifyToken: (token, options) =>
      request(core, VERIFY_TOKEN, { auth: 'bearer', authToken: token, check: (d) => !!d.user, ...options }),
    async checkLicense(organizationId, productSlug, options) {
      const res = await request<CheckLicenseResponse>(core, CHECK_LICENSE, {
        query: { organizationId, productSlug },
        check: (d) => typeof d.valid === 'boolean',
        ...options,
      })
      const payload = { ...res, organizationId, productSlug }
      const { remainingDays } = res
      emitter.emit(res.valid ? 'license:valid' : 'license:invalid', payload)
      if (typeof remainingDays === 'number' && remainingDays <= 7) emitter.emit('license:expiring', { ...payload, remainingDays })
      return res
    },
    async reportUsage(organizationId, productSlug, unitCount, options) {
      const body = { organizationId, productSlug, unitCount }
      const res = await request<ReportUsageResponse>(core, REPORT_USAGE, { body, check: (d) => typeof d.accepted === 'boolean', ...options })
      emitter.emit(res.accepted ? 'usage:accepted' : 'usage:rejected', { ...res, ...body })
      return res
    },
  }
}
