/**
 * Retry and timeout policy (ARCHITECTURE.md): up to 3 retries with ~1 s / 2 s / 4 s backoff and
 * jitter on network errors, 408, 429 and 5xx; `Retry-After` honoured; no other 4xx ever retried.
 * Each attempt gets its own timeout. Aborting the caller's signal stops at once, even mid-wait.
 * @internal
 */
import { NetworkError, TimeoutError, parseRetryAfter } from './errors.js'
import { isTransientStatus } from './guards.js'
import type { Core } from './http.js'

export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  retries: number
  /** Delay before the first retry; doubles each time (±20 % jitter). @default 1000 */
  baseDelayMs: number
  /** Cap for one backoff delay. @default 8000 */
  maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. @default 30000 */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 30_000 }

/** Methods safe to repeat without an `Idempotency-Key`. */
export const IDEMPOTENT = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']

/** Backoff before retry number `n` (0-based). */
export function backoff(policy: RetryPolicy, n: number): number {
  return Math.round(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n) * (0.8 + Math.random() * 0.4))
}

/** Settle `promise`, or reject with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal!.reason)
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort))
  })
}

/** Resolve after `ms`, or reject with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return abortable(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal).finally(() => clearTimeout(timer))
}

export type Where = { method: string; path: string }

/**
 * Run attempts of `send` until one is final and return that response; throws a NetworkError /
 * TimeoutError when the last attempt got no response. `repeatable`: the method may be repeated
 * (idempotent, or POST/PATCH carrying an Idempotency-Key). `keepLinked`: the caller's signal stays
 * linked after success (a streamed body is still being read).
 */
export async function runAttempts<R extends Response>(
  core: Core,
  where: Where,
  signal: AbortSignal | undefined,
  repeatable: boolean,
  send: (signal: AbortSignal) => Promise<R>,
  keepLinked?: boolean,
): Promise<R> {
  const policy = core.retry
  for (let n = 0; ; n++) {
    let res: R | undefined
    let failure: unknown
    try {
      res = await attempt(core.timeout, where, signal, send, keepLinked)
      const { status } = res
      if (!isTransientStatus(status)) return res
    } catch (error) {
      signal?.throwIfAborted()
      failure = error
    }
    const retryAfter = res && parseRetryAfter(res.headers.get('retry-after'))
    const waitMs = retryAfter == null ? (policy ? backoff(policy, n) : 0) : retryAfter * 1000 + 1 + Math.round(Math.random() * 250)
    if (!policy || !repeatable || n >= policy.retries || waitMs > policy.maxRetryAfterMs) {
      if (res) return res
      throw failure
    }
    // The body of a response we retry past is never read: release its connection.
    res?.body?.cancel().catch(() => {})
    await sleep(waitMs, signal)
  }
}

async function attempt<R extends Response>(timeout: number, where: Where, signal: AbortSignal | undefined, send: (signal: AbortSignal) => Promise<R>, keepLinked?: boolean): Promise<R> {
  signal?.throwIfAborted()
  const ctrl = new AbortController()
  const timer = timeout > 0 ? setTimeout(() => ctrl.abort(), timeout) : undefined
  const onAbort = () => ctrl.abort(signal!.reason)
  signal?.addEventListener('abort', onAbort, { once: true })
  let ok = false
  try {
    const res = await send(ctrl.signal)
    ok = true
    return res
  } catch (error) {
    signal?.throwIfAborted()
    const cause = (error as { cause?: unknown })?.cause ?? error
    if (ctrl.signal.aborted) throw new TimeoutError({ ...where, message: `no response within ${timeout} ms`, cause })
    throw new NetworkError({ ...where, message: (cause as Error)?.message ?? 'no response', cause })
  } finally {
    clearTimeout(timer)
    if (!(ok && keepLinked)) signal?.removeEventListener('abort', onAbort)
  }
}
