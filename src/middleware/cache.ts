/**
 * The default `MiddlewareCache`: in-process, TTL per entry, bounded by LRU eviction so memory
 * cannot grow with the number of organizations seen.
 */
import type { MiddlewareCache } from './types.js'

/** The cache key of one org's license for one product: `middleware:license:<orgId>:<productSlug>`. */
export function cacheKey(organizationId: string, productSlug: string): string {
  return `middleware:license:${organizationId}:${productSlug}`
}

export interface InMemoryCacheOptions {
  /** Most entries kept; the least recently used is evicted beyond it. @default 10_000 */
  maxEntries?: number
  /** TTL of `set()` calls that pass none, in seconds. @default 60 */
  defaultTtlSeconds?: number
}

interface Slot {
  value: unknown
  /** Epoch ms; `Infinity` never expires. */
  expiresAt: number
  /** Position in recency order (higher = more recent). */
  seq: number
}

export class InMemoryCache implements MiddlewareCache {
  readonly #slots = new Map<string, Slot>()
  readonly #maxEntries: number
  readonly #defaultTtl: number
  #seq = 0

  constructor(options: InMemoryCacheOptions = {}) {
    const { maxEntries = 10_000, defaultTtlSeconds = 60 } = options
    if (!(maxEntries >= 1)) throw new RangeError('[lumen-account] InMemoryCache maxEntries must be at least 1')
    this.#maxEntries = Math.floor(maxEntries)
    this.#defaultTtl = defaultTtlSeconds
  }

  /** Number of entries held, expired ones included until they are touched or evicted. */
  get size(): number {
    return this.#slots.size
  }

  async get<T>(key: string): Promise<T | null> {
    return this.getSync<T>(key)
  }

  async set(key: string, value: unknown, ttlSeconds?: number): Promise<void> {
    this.setSync(key, value, ttlSeconds)
  }

  async delete(key: string): Promise<void> {
    this.#slots.delete(key)
  }

  async clear(): Promise<void> {
    this.#slots.clear()
  }

  /** @internal Synchronous `get`, used by the middleware's hot path. */
  getSync<T>(key: string): T | null {
    const slot = this.#slots.get(key)
    if (!slot) return null
    if (slot.expiresAt <= Date.now()) {
      this.#slots.delete(key)
      return null
    }
    // A Map iterates in insertion order, so re-inserting marks the key most recently used (exact LRU,
    // as documented). A hit on the most recent key moves nothing, so a hot key stays cheap.
    if (slot.seq !== this.#seq) {
      this.#slots.delete(key)
      slot.seq = ++this.#seq
      this.#slots.set(key, slot)
    }
    return slot.value as T
  }

  /** @internal Synchronous `set`. A TTL of 0 or less stores nothing. */
  setSync(key: string, value: unknown, ttlSeconds?: number): void {
    const ttl = ttlSeconds ?? this.#defaultTtl
    this.#slots.delete(key)
    if (!(ttl > 0)) return
    this.#slots.set(key, { value, expiresAt: ttl === Infinity ? Infinity : Date.now() + ttl * 1000, seq: ++this.#seq })
    while (this.#slots.size > this.#maxEntries) {
      const oldest = this.#slots.keys().next().value as string
      this.#slots.delete(oldest)
    }
  }
}
