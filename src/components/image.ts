/**
 * @internal What LumenAvatarUploader does to a picture before it is sent: its type read from its
 * first bytes (never the name or `file.type`, which the user's system makes up), then an optional
 * square crop and a resize in a canvas. Browser only; without a canvas the file goes as it is.
 */

/** The image types an avatar may be (no SVG: it can carry script). */
export type AvatarType = 'image/png' | 'image/jpeg' | 'image/webp'

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))

/** PNG, JPEG or WebP by the file's signature, else `null`. */
export async function sniffImageType(file: Blob): Promise<AvatarType | null> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer())
  if (ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png'
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp'
  return null
}

export interface PrepareOptions {
  /** Cut the centered square out of the picture. */
  crop: boolean
  /** Longest side in pixels (never scaled up); `0`: keep the size. */
  size: number
}

/**
 * The picture cropped and scaled down as asked, in the same type (JPEG and WebP at 90 %); the
 * original bytes when nothing changes, when there is no canvas (SSR, old browsers), or when this
 * browser cannot decode them (a format variant it lacks): the type is already known from the
 * signature, and the server judges the rest.
 */
export async function prepareImage(file: File, type: AvatarType, { crop, size }: PrepareOptions): Promise<File> {
  // The type read from the bytes goes with them (a JPEG named `photo.txt` has no `file.type`).
  const original = file.type === type ? file : new File([file], file.name, { type })
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return original
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return original
  }
  const { width, height } = bitmap
  const sw = crop ? Math.min(width, height) : width
  const sh = crop ? sw : height
  const scale = size > 0 ? Math.min(1, size / Math.max(sw, sh)) : 1
  if (scale === 1 && sw === width && sh === height) {
    bitmap.close()
    return original
  }
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(sw * scale))
  canvas.height = Math.max(1, Math.round(sh * scale))
  const context = canvas.getContext('2d')
  if (!context) {
    bitmap.close()
    return original
  }
  context.imageSmoothingQuality = 'high'
  context.drawImage(bitmap, (width - sw) / 2, (height - sh) / 2, sw, sh, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.9))
  // A browser that cannot encode the type (WebP in old Safari) gives PNG; the server reads the bytes.
  return blob ? new File([blob], file.name, { type: blob.type }) : original
}
