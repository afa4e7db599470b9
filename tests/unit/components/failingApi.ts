/**
 * A Lumen API on 127.0.0.1 that answers every call with the response a test sets: an error
 * envelope with `details`, a `Retry-After`, … The real client turns it into its typed error, so
 * the forms are tested against what the wire sends.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'

export interface FailingApi {
  url: string
  /** Every request as `METHOD /path` (without `/api/v1`), with its JSON body. */
  calls: Array<{ call: string; body: Record<string, unknown> }>
  /** Answer every call with this status, error code, details and headers. */
  answer(status: number, code: string, extra?: { details?: Array<{ field: string; message: string }>; headers?: Record<string, string> }): void
}

export function useFailingApi(): FailingApi {
  let response = { status: 500, code: 'INTERNAL_ERROR', details: [] as unknown[], headers: {} as Record<string, string> }
  const api: FailingApi = {
    url: '',
    calls: [],
    answer: (status, code, extra = {}) => void (response = { status, code, details: extra.details ?? [], headers: extra.headers ?? {} }),
  }
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')))
    req.on('end', () => {
      res.setHeader('access-control-allow-origin', '*')
      res.setHeader('access-control-allow-headers', '*')
      res.setHeader('access-control-expose-headers', 'retry-after, x-request-id')
      if (req.method === 'OPTIONS') return void res.writeHead(204).end()
      api.calls.push({ call: `${req.method} ${(req.url ?? '').replace(/^\/api\/v1/, '')}`, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} })
      res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers })
      res.end(JSON.stringify({ error: { code: response.code, message: `server text ${response.code}`, details: response.details }, requestId: 'req_test' }))
    })
  })
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))
  return api
}
