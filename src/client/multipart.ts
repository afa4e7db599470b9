/**
 * Multipart bodies for uploads. Built with the platform's `FormData`, so `fetch` sets the
 * boundary; never set `Content-Type` yourself.
 * @internal
 */
import { LumenConfigError } from './errors.js'

/** Raw bytes with a name, for runtimes without `File` (the seed's Node form). */
export interface UploadBytes {
  data: Uint8Array | ArrayBuffer | Blob
  filename: string
  contentType?: string
}

/** What upload methods accept: a `File`, a `Blob`, or `{ data, filename, contentType }`. */
export type UploadInput = Blob | UploadBytes

/** Progress of an upload as a fraction 0…1. `fetch` has no upload progress: reports 0 at start and 1 at the end. */
export type UploadProgressHandler = (fraction: number) => void

function toBlob(file: UploadInput): { blob: Blob; name: string } {
  if (typeof Blob !== 'undefined' && file instanceof Blob) {
    return { blob: file, name: (file as { name?: string }).name || 'blob' }
  }
  const input = file as UploadBytes
  if (!input || typeof input !== 'object' || !input.data || !input.filename) {
    throw new LumenConfigError('An upload needs a File, a Blob or { data, filename, contentType }.', 'INVALID_UPLOAD')
  }
  const type = input.contentType ?? (input.data instanceof Blob ? input.data.type : '') ?? ''
  return { blob: new Blob([input.data as BlobPart], { type: type || 'application/octet-stream' }), name: input.filename }
}

/** `FormData` with the file under `file` and every defined field as a string (objects as JSON). */
export function toFormData(file: UploadInput, fields: Record<string, unknown> = {}): FormData {
  const form = new FormData()
  const { blob, name } = toBlob(file)
  form.append('file', blob, name)
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue
    form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return form
}
