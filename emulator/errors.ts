/** The docs/api.md error envelope, produced in one place for every non-2xx answer. */
import type { ErrorDetail, ErrorEnvelope, LumenErrorCode } from '../src/contract/types.js'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: LumenErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
    readonly extra: Partial<ErrorEnvelope['error']> = {},
  ) {
    super(message)
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(400, 'VALIDATION_FAILED', message, details)
export const unauthorized = (code: LumenErrorCode, message: string) => new ApiError(401, code, message)
export const forbidden = (message = 'You are not allowed to do this.', code: LumenErrorCode = 'FORBIDDEN') =>
  new ApiError(403, code, message)
export const notFound = (message = 'Not found.') => new ApiError(404, 'NOT_FOUND', message)
export const conflict = (code: LumenErrorCode, message: string) => new ApiError(409, code, message)
export const tooLarge = (message: string) => new ApiError(413, 'PAYLOAD_TOO_LARGE', message)
export const unsupported = (message: string) => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', message)
export const notAMember = () =>
  new ApiError(403, 'NOT_A_MEMBER', 'You are not a member of this organization.')

export function envelope(err: ApiError, requestId: string): ErrorEnvelope {
  return {
    error: { code: err.code, message: err.message, details: err.details, ...err.extra },
    requestId,
  }
}

export function errorResponse(err: ApiError, requestId: string): Response {
  return new Response(JSON.stringify(envelope(err, requestId)), {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...err.headers },
  })
}
