/**
 * A tiny real HTTP server on 127.0.0.1 (port 0) for client tests: records every request and
 * answers from a handler. No module mocks: the client talks real HTTP through real fetch.
 */
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Recorded {
  method: string
  /** Path without `/api/v1`, with query. */
  path: string
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
  text: string
  json: unknown
}

export interface Reply {
  status?: number
  headers?: Record<string, string>
  /** Objects are sent as JSON; strings as they are (set content-type yourself). */
  body?: unknown
  /** Wait before answering. */
  delayMs?: number
  /** Destroy the socket instead of answering (a network error). */
  drop?: boolean
}

export type Handler = (req: Recorded) => Reply | Promise<Reply>

export interface Stub {
  /** Origin, e.g. http://127.0.0.1:54321 (the client's baseUrl). */
  url: string
  requests: Recorded[]
  handler: Handler
  /** Requests to `METHOD path` (path without query). */
  calls(method: string, path: string): Recorded[]
  close(): Promise<void>
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers })
export const error = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Reply =>
  json(status, { error: { code, message: `${code} happened`, ...extra }, requestId: 'req_body' }, headers)

export async function startStub(handler: Handler = () => json(404, {})): Promise<Stub> {
  const sockets = new Set<Socket>()
  const stub = { requests: [] as Recorded[], handler } as Stub
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const text = body.toString('utf8')
      let parsed: unknown
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        parsed = undefined
      }
      const url = req.url ?? '/'
      const rec: Recorded = { method: req.method ?? 'GET', url, path: url.replace(/^\/api\/v1/, ''), headers: req.headers, body, text, json: parsed }
      stub.requests.push(rec)
      let reply: Reply
      try {
        reply = await stub.handler(rec)
      } catch (e) {
        reply = json(500, { error: { code: 'STUB_FAILED', message: String(e) } })
      }
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
      if (reply.drop) return req.socket.destroy()
      const isText = typeof reply.body === 'string'
      const headers = { ...(reply.body !== undefined && !isText ? { 'content-type': 'application/json' } : {}), ...reply.headers }
      if (res.destroyed) return
      res.writeHead(reply.status ?? 200, headers)
      res.end(reply.body === undefined ? undefined : isText ? (reply.body as string) : JSON.stringify(reply.body))
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  stub.url = `http://127.0.0.1:${port}`
  stub.calls = (method, path) => stub.requests.filter((r) => r.method === method && r.path.split('?')[0] === path)
  stub.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return stub
}

/** A short retry policy so failing-path tests stay fast. */
export const FAST_RETRY = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 }

export const ME = {
  user: { id: 'usr_1', email: 'demo@lumen.test', firstName: 'Demo', lastName: 'User', photoUrl: null, createdAt: '2026-01-01T00:00:00Z' },
  organizations: [{ id: 'org_1', name: 'Acme Corp', slug: 'acme', role: 'owner', logoUrl: null }],
  licenses: [],
  activeOrganizationId: null,
}
