/**
 * Faults on demand (`POST /__emulator/faults`): latency, error statuses, HTML error pages and dropped
 * connections for any route, before the handler runs (`phase: "request"`, the default) or after it
 * ran and changed state (`phase: "response"`: the lost-response case that idempotency keys solve).
 */
import { API_PREFIX } from '../src/contract/routes.js'
import type { ErrorDetail } from '../src/contract/types.js'

export interface FaultSpec {
  /** Path or pattern: `/api/v1/auth/me`, `/auth/me` (prefix optional), `/api/v1/assets/:id`, `/api/v1/assets/*`, `*`. */
  route: string
  /** Only this HTTP method (default: any except OPTIONS preflights). */
  method?: string
  /** Answer with this status (default 500 when `htmlBody` or `error` is set, else none). */
  status?: number
  /** Wait this long first. */
  delayMs?: number
  /** Apply this many times, then remove itself (default: until cleared). */
  times?: number
  /** Destroy the socket instead of answering. */
  dropConnection?: boolean
  /** Answer with this HTML (or a stock proxy page when `true`) instead of the JSON envelope. */
  htmlBody?: string | boolean
  /** Override parts of the error envelope (e.g. `{ code: 'PAYWALL', feature: 'sso' }`). */
  error?: { code?: string; message?: string; details?: ErrorDetail[]; [key: string]: unknown }
  /** Extra response headers, e.g. `{ "Retry-After": "1" }`. */
  headers?: Record<string, string>
  phase?: 'request' | 'response'
}

export interface Fault extends FaultSpec {
  id: string
  hits: number
  remaining: number | null
}

const PREFIX = API_PREFIX

function normalize(route: string): string {
  const r = route.trim()
  if (r === '*' || r === '/*') return '*'
  const withSlash = r.startsWith('/') ? r : `/${r}`
  return withSlash.startsWith(PREFIX) || withSlash.startsWith('/__emulator') ? withSlash : PREFIX + withSlash
}

function matches(pattern: string, path: string): boolean {
  if (pattern === '*') return true
  const p = pattern.replace(/\/+$/, '').split('/')
  const s = path.replace(/\/+$/, '').split('/')
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!
    if (part === '*' && i === p.length - 1) return s.length >= p.length
    if (i >= s.length) return false
    if (part === '*' || part.startsWith(':')) continue
    if (part !== s[i]) return false
  }
  return p.length === s.length
}

export class FaultStore {
  #faults: Fault[] = []
  #seq = 0

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      route: normalize(spec.route),
      method: spec.method?.toUpperCase(),
      id: `flt_${++this.#seq}`,
      hits: 0,
      remaining: spec.times ?? null,
    }
    this.#faults.push(fault)
    return fault
  }

  list(): Fault[] {
    return [...this.#faults]
  }

  remove(id: string): boolean {
    const before = this.#faults.length
    this.#faults = this.#faults.filter((f) => f.id !== id)
    return this.#faults.length !== before
  }

  clear(): void {
    this.#faults = []
  }

  /** The first fault for this request and phase; consumes one of its `times`. */
  take(method: string, path: string, phase: 'request' | 'response'): Fault | undefined {
    if (path.startsWith('/__emulator')) return undefined
    const fault = this.#faults.find((f) =>
      (f.phase ?? 'request') === phase
      && (f.method ? f.method === method : method !== 'OPTIONS')
      && matches(f.route, path))
    if (!fault) return undefined
    fault.hits++
    if (fault.remaining !== null && --fault.remaining <= 0) this.remove(fault.id)
    return fault
  }
}

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
}

/** What a reverse proxy in front of the API answers when the API is down. */
export const stockHtml = (status: number) => {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`
}
