/**
 * A cross-tab lock for token refresh: `navigator.locks` where it exists, bounded so a stuck tab
 * can never block the others for more than `timeoutMs`; after that the refresh just runs.
 */

export type LumenLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>

interface LockManagerLike {
  request<T>(name: string, options: { signal?: AbortSignal }, fn: () => Promise<T>): Promise<T>
}

/** @default timeoutMs 5_000 */
export function createWebLock(timeoutMs = 5_000): LumenLock {
  return async function webLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
    if (!locks?.request) return fn()
    let started = false
    try {
      // The signal only cancels the wait: once granted, the lock is held until `fn` settles.
      return await locks.request(name, { signal: AbortSignal.timeout(timeoutMs) }, () => ((started = true), fn()))
    } catch (e) {
      // Waited too long (or locks refused): carry on without the lock rather than fail the call.
      if (started) throw e
      return fn()
    }
  }
}
