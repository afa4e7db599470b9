/**
 * `MiddlewareCache` on Redis, so several server instances share one license cache. Takes the
 * caller's ioredis instance; ioredis is never imported here (only its shape is), so it stays an
 * optional peer and never reaches a browser bundle.
 */
import type { MiddlewareCache } from './types.js'

/** The ioredis methods used (ioredis 5 and 6 `Redis` and `Cluster` both fit). */
export interface RedisLike {
  get(key: string): Promise<string | null>
  set(key: string, value: string, mode: 'PX', milliseconds: number): Promise<unknown>
  del(...keys: string[]): Promise<number>
}

export interface RedisCacheOptions {
  /** Prepended to every key, e.g. `'myapp:'`. (ioredis' own `keyPrefix` works as well.) @default '' */
  prefix?: string
  /** TTL of `set()` calls that pass none, in seconds. @default 60 */
  defaultTtlSeconds?: number
  /**
   * Give up on a Redis command after this many ms, so a hung Redis costs a cache miss instead of
   * stalling every gated request (ioredis queues commands while it reconnects). `0` disables. @default 250
   */
  timeoutMs?: number
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (!(ms > 0)) return promise
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`[lumen-account] Redis did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export class RedisCache implements MiddlewareCache {
  readonly #redis: RedisLike
  readonly #prefix: string
  readonly #defaultTtl: number
  readonly #timeoutMs: number

  /** @example new RedisCache(new Redis(process.env.REDIS_URL!)) */
  constructor(redis: RedisLike, options: RedisCacheOptions = {}) {
    this.#redis = redis
    this.#prefix = options.prefix ?? ''
    this.#defaultTtl = options.defaultTtlSeconds ?? 60
    this.#timeoutMs = options.timeoutMs ?? 250
  }

  /** A missing key or a value that is not JSON is `null` (a miss). Connection errors propagate. */
  async get<T>(key: string): Promise<T | null> {
    const raw = await withTimeout(this.#redis.get(this.#prefix + key), this.#timeoutMs)
    if (raw === null) return null
    try {
      return JSON.parse(raw) as T
    } catch {
      return null
    }
  }

  /** Stores JSON with a millisecond expiry (fractional TTLs work); a TTL of 0 or less deletes. */
  async set(key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    const ttl = ttlSeconds ?? this.#defaultTtl
    if (!(ttl > 0)) {
      await withTimeout(this.#redis.del(this.#prefix + key), this.#timeoutMs)
      return
    }
    // PX needs a finite integer: an infinite TTL becomes ten years.
    const ms = Math.max(1, Math.ceil(Math.min(ttl, 315_360_000) * 1000))
    await withTimeout(this.#redis.set(this.#prefix + key, JSON.stringify(value), 'PX', ms), this.#timeoutMs)
  }

  async delete(key: string): Promise<void> {
    await withTimeout(this.#redis.del(this.#prefix + key), this.#timeoutMs)
  }
}
