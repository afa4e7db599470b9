/**
 * Bounds of the license middleware's I/O: a deadline per call, and a cap on the license checks in
 * flight at Lumen. A flood of distinct (made-up) org ids must not turn into as many parallel calls:
 * Lumen would rate limit the service key, and every org would get 429s (then 503s) from us.
 */

/** A license check that got no slot: the queue was full, or no slot freed up before its deadline. */
export class CheckSlotUnavailableError extends Error {
  override name = 'CheckSlotUnavailableError'
}

/**
 * A call bounded by `ms`, rejecting with a `TimeoutError` after it. A cache that hangs (ioredis
 * queues commands while Redis is down, for ~10 s by default) must cost a miss, and a Lumen that
 * hangs (10 s per attempt, plus retries) a stale answer or a 503, not a stalled request.
 */
export function bounded<T>(call: () => Promise<T>, ms: number, what = 'The license cache'): Promise<T> {
  let promise: Promise<T>
  try {
    promise = Promise.resolve(call())
  } catch (error) {
    return Promise.reject(error as Error)
  }
  if (ms === Infinity) return promise
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`[lumen-account] ${what} did not answer within ${ms} ms`)
      error.name = 'TimeoutError'
      reject(error)
    }, ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** A check that waited for its slot starts only with this much of its deadline left, in ms. */
const MIN_CALL_MS = 50

/** @internal At most `max` calls at once; up to `maxQueued` more wait for a slot. */
export interface CallLimiter {
  /**
   * Runs `call` once a slot is free and bounds it by what is left of `ms` (waiting included), which
   * it receives. Rejects with `CheckSlotUnavailableError` when it got no slot in time.
   */
  run<T>(call: (msLeft: number) => Promise<T>, ms: number, what: string): Promise<T>
}

/** @internal `max` and `maxQueued` may be `Infinity` (no cap, no queue bound). */
export function createLimiter(max: number, maxQueued: number): CallLimiter {
  let active = 0
  // Waiters in arrival order; calling one hands it the slot of the call that just ended.
  const queue: (() => void)[] = []

  const release = () => {
    const next = queue.shift()
    if (next) next()
    else active -= 1
  }

  /** Resolves `true` when it had to wait in the queue. */
  const acquire = (ms: number): Promise<boolean> => {
    if (active < max) {
      active += 1
      return Promise.resolve(false)
    }
    if (queue.length >= maxQueued) {
      return Promise.reject(new CheckSlotUnavailableError(`[lumen-account] ${maxQueued} license checks are already waiting for one of ${max} slots`))
    }
    return new Promise((resolve, reject) => {
      const timer = ms === Infinity ? undefined : setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1)
        reject(new CheckSlotUnavailableError(`[lumen-account] No license check slot freed up within ${ms} ms`))
      }, ms)
      const grant = () => {
        clearTimeout(timer)
        resolve(true)
      }
      queue.push(grant)
    })
  }

  return {
    async run<T>(call: (msLeft: number) => Promise<T>, ms: number, what: string): Promise<T> {
      if (max === Infinity) return bounded(() => call(ms), ms, what)
      const deadline = Date.now() + ms
      const waited = await acquire(ms)
      const left = Math.max(1, deadline - Date.now())
      let released = false
      const free = () => {
        if (released) return
        released = true
        release()
      }
      if (waited && left < MIN_CALL_MS) {
        // It would be cut off before Lumen could answer: spare Lumen the request.
        free()
        throw new CheckSlotUnavailableError(`[lumen-account] A license check slot freed up only ${left} ms before the deadline`)
      }
      let pending: Promise<T>
      try {
        pending = Promise.resolve(call(left))
      } catch (error) {
        free()
        throw error
      }
      // The slot is held until the call itself settles, so Lumen never sees more than `max` (the
      // client stops at its signal's deadline). A checker that ignores the signal and never settles
      // gets `ms` more, then its slot is taken back.
      const backstop = ms === Infinity ? undefined : setTimeout(free, left + ms)
      backstop?.unref?.()
      void pending.then(free, free).finally(() => clearTimeout(backstop))
      return bounded(() => pending, left, what)
    },
  }
}
