/**
 * Retry and timeout policy (ARCHITECTURE.md): up to 3 retries with ~1 s / 2 s / 4 s backoff and
 * jitter on network errors, 408, 429 and 5xx; `Retry-After` honoured; no other 4xx ever retried.
 * Each attempt gets its own timeout. Aborting the caller's signal stops at once, even mid-wait.
 * @internal
 */
import { NetworkError, TimeoutError } from './errors.js'
import type { LumenApiError } from './errors.js'

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

export const RETRY_STATUS = (status: number): boolean => status === 408 || status === 429 || status >= 500

/** Methods safe to repeat without an `Idempotency-Key`. */
export const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

/** Backoff before retry number `n` (0-based). */
export function backoff(policy: RetryPolicy, n: number): number {
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n)
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}

/** Resolve after `ms`, or reject with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal))
    const done = () => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    const timer = setTimeout(done, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortReason(signal!))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export interface AttemptLoop<R> {
  policy: RetryPolicy | null
  /** The method may be repeated (idempotent, or POST/PATCH carrying an Idempotency-Key). */
  repeatable: boolean
  timeout: number
  signal?: AbortSignal
  where: { method: string; path: string }
  /** One attempt under `signal` (the caller's signal plus this attempt's timeout). */
  send: (signal: AbortSignal) => Promise<R>
  /** For a response: `null` when final, else the status and the server's `Retry-After` in seconds. */
  judge: (result: R) => { status: number; retryAfter: number | null } | null
  /** Release a response that will be retried past. */
  discard?: (result: R) => void
  /** Keep the caller's signal linked after success (a streamed body is still being read). */
  keepLinked?: boolean
}

/** Run attempts until one is final. Returns the final result; throws a NetworkError on no response. */
export async function runAttempts<R>(loop: AttemptLoop<R>): Promise<R> {
  const { policy, signal } = loop
  for (let n = 0; ; n++) {
    let result: R | undefined
    let failure: LumenApiError | undefined
    let retryAfter: number | null = null
    try {
      result = await attempt(loop)
      const verdict = loop.judge(result)
      if (!verdict || !RETRY_STATUS(verdict.status)) return result
      retryAfter = verdict.retryAfter
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal)
      failure = error as LumenApiError
    }
    const waitMs = retryAfter === null ? (policy ? backoff(policy, n) : 0) : retryAfter * 1000 + 1 + Math.round(Math.random() * 250)
    if (!policy || !loop.repeatable || n >= policy.retries || waitMs > policy.maxRetryAfterMs) {
      if (failure) throw failure
      return result as R
    }
    if (result !== undefined) loop.discard?.(result)
    await sleep(waitMs, signal)
  }
}

async function attempt<R>(loop: AttemptLoop<R>): Promise<R> {
  const { signal, where } = loop
  if (signal?.aborted) throw abortReason(signal)
  const ctrl = new AbortController()
  let timedOut = false
  const timer = loop.timeout > 0
    ? setTimeout(() => {
        timedOut = true
        ctrl.abort(new DOMException('The operation timed out', 'TimeoutError'))
      }, loop.timeout)
    : undefined
  const onAbort = () => ctrl.abort(abortReason(signal!))
  signal?.addEventListener('abort', onAbort, { once: true })
  let ok = false
  try {
    const out = await loop.send(ctrl.signal)
    ok = true
    return out
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal)
    const cause = (error as { cause?: unknown })?.cause ?? error
    if (timedOut) throw new TimeoutError({ ...where, message: `no response within ${loop.timeout} ms`, cause })
    const reason = cause instanceof Error ? cause.message : 'no response'
    throw new NetworkError({ ...where, message: reason, cause })
  } finally {
    clearTimeout(timer)
    if (!(ok && loop.keepLinked)) signal?.removeEventListener('abort', onAbort)
  }
}
