/**
 * Request bodies: read once with a size cap (413), parsed as JSON (400 on malformed JSON, 415 on a
 * foreign content type) or multipart, and checked field by field (400 `VALIDATION_FAILED` + details).
 */
import type { ErrorDetail } from '../src/contract/types.js'
import { ApiError, badRequest, tooLarge, unsupported } from './errors.js'
import { emu, type Ctx } from './context.js'

const EMPTY = new Uint8Array(0)

/** The raw body, read at most once and never beyond `limit` bytes. */
export async function rawBody(c: Ctx, limit = emu(c).config.bodyLimit): Promise<Uint8Array> {
  const cached = c.get('rawBody')
  if (cached) {
    if (cached.byteLength > limit) throw tooLarge(`Request body is larger than ${limit} bytes.`)
    return cached
  }
  const declared = Number(c.req.header('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(`Request body is larger than ${limit} bytes.`)
  const stream = c.req.raw.body
  if (!stream) {
    c.set('rawBody', EMPTY)
    return EMPTY
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => {})
        throw tooLarge(`Request body is larger than ${limit} bytes.`)
      }
      chunks.push(value)
    }
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw badRequest('The request body could not be read.')
  }
  const buf = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    buf.set(chunk, offset)
    offset += chunk.byteLength
  }
  c.set('rawBody', buf)
  return buf
}

export type Json = Record<string, unknown>

/** The body as a JSON object. An empty body is `{}` so that validation names the missing fields. */
export async function readJson(c: Ctx): Promise<Json> {
  const type = (c.req.header('content-type') ?? '').toLowerCase()
  const bytes = await rawBody(c, emu(c).config.jsonLimit)
  if (bytes.byteLength === 0) return {}
  // No Content-Type is refused too: a page on another site can send a form or text/plain body
  // without a CORS preflight, but never application/json.
  if (!/^application\/([\w.+-]+\+)?json\b/.test(type)) {
    throw unsupported('Send the body as application/json.')
  }
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw badRequest('The request body is not valid JSON.', [{ field: 'body', message: 'Malformed JSON.' }])
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.', [{ field: 'body', message: 'Expected an object.' }])
  }
  return value as Json
}

/** The body as multipart form data. */
export async function readForm(c: Ctx, limit?: number): Promise<FormData> {
  const type = c.req.header('content-type') ?? ''
  if (!/^multipart\/form-data\b/i.test(type)) throw unsupported('Send the file as multipart/form-data.')
  const bytes = await rawBody(c, limit)
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }).formData()
  } catch {
    throw badRequest('The multipart body could not be parsed.', [{ field: 'body', message: 'Malformed multipart body.' }])
  }
}

interface StringRule {
  optional?: boolean
  min?: number
  max?: number
  email?: boolean
  oneOf?: readonly string[]
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Collects every problem of a body, then throws one 400 with all of them. */
export class Validator {
  readonly details: ErrorDetail[] = []
  constructor(private readonly body: Json) {}

  fail(field: string, message: string): void {
    this.details.push({ field, message })
  }

  string(field: string, rule: StringRule & { optional: true }): string | undefined
  string(field: string, rule?: StringRule): string
  string(field: string, rule: StringRule = {}): string | undefined {
    const value = this.body[field]
    if (value === undefined || value === null) {
      if (!rule.optional) this.fail(field, 'Required.')
      return rule.optional ? undefined : ''
    }
    if (typeof value !== 'string') {
      this.fail(field, 'Must be a string.')
      return ''
    }
    const text = rule.email ? value.trim() : value
    if (!rule.optional && text.trim() === '') this.fail(field, 'Required.')
    else if (rule.min !== undefined && text.length < rule.min) this.fail(field, `Must be at least ${rule.min} characters.`)
    else if (rule.max !== undefined && text.length > rule.max) this.fail(field, `Must be at most ${rule.max} characters.`)
    else if (rule.email && !EMAIL.test(text)) this.fail(field, 'Must be an e-mail address.')
    else if (rule.oneOf && !rule.oneOf.includes(text)) this.fail(field, `Must be one of: ${rule.oneOf.join(', ')}.`)
    return text
  }

  integer(field: string, rule: { min?: number; max?: number } = {}): number {
    const value = this.body[field]
    if (value === undefined || value === null) {
      this.fail(field, 'Required.')
      return 0
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(field, 'Must be an integer.')
      return 0
    }
    if (rule.min !== undefined && value < rule.min) this.fail(field, `Must be at least ${rule.min}.`)
    if (rule.max !== undefined && value > rule.max) this.fail(field, `Must be at most ${rule.max}.`)
    return value
  }

  object(field: string): Record<string, unknown> | undefined {
    const value = this.body[field]
    if (value === undefined) return undefined
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(field, 'Must be an object.')
      return undefined
    }
    return value as Record<string, unknown>
  }

  /** Throw the collected problems, if any. */
  done(message = 'Some fields are invalid.'): void {
    if (this.details.length) throw badRequest(message, this.details)
  }
}
