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

/** `FormData` with the file under `file` and every defined field as a string (objects as JSON). */
export function toFormData(file: UploadInput, fields: Record<string, unknown> = {}): FormData {
  const form = new FormData()
  if (file instanceof Blob) form.append('file', file, (file as File).name || 'blob')
  else {
    const { data, filename, contentType } = (file ?? {}) as Partial<UploadBytes>
    if (!data || !filename) throw new LumenConfigError('Upload a File, a Blob or { data, filename }.', 'INVALID_UPLOAD')
    form.append('file', new Blob([data as BlobPart], { type: contentType || (data as Blob).type || 'application/octet-stream' }), filename)
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value != null) form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return form
}
