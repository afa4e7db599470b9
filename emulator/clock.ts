/**
 * The emulator's clock: real time plus an offset that `POST /__emulator/clock` can advance, so
 * tests reach a trial's end, a token's expiry or the end of a rate-limit window without waiting.
 */
// A bit short of the ±8.64e15 ms that `Date` can hold, so `now + ttl` stays representable too.
const MAX_CLOCK_MS = 8e15

export class Clock {
  #offsetMs = 0

  now(): number {
    return Date.now() + this.#offsetMs
  }

  date(): Date {
    return new Date(this.now())
  }

  iso(): string {
    return this.date().toISOString()
  }

  /** Move forward; refuses a jump that would leave the range of `Date` (every timestamp would throw). */
  advance(ms: number): void {
    const offset = this.#offsetMs + ms
    if (!Number.isFinite(offset) || Math.abs(Date.now() + offset) > MAX_CLOCK_MS) throw new RangeError('[lumen-emulator] clock out of range')
    this.#offsetMs = offset
  }

  reset(): void {
    this.#offsetMs = 0
  }

  get offsetMs(): number {
    return this.#offsetMs
  }
}

/** Longest duration accepted anywhere (TTLs, clock jumps): 100 years keeps every date representable. */
export const MAX_DURATION_MS = 100 * 365 * 86_400_000

/** `900`, `"900"`, `"20s"`, `"15m"`, `"2h"`, `"7d"`, `"250ms"` → milliseconds (at most 100 years). */
export function parseDuration(value: number | string, unitMs = 1000): number {
  if (typeof value === 'number') {
    const ms = value * unitMs
    if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_DURATION_MS) throw new Error(`[lumen-emulator] invalid duration: ${value}`)
    return ms
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value)
  if (!m) throw new Error(`[lumen-emulator] invalid duration: "${value}" (use e.g. 20s, 15m, 900)`)
  const n = Number(m[1])
  const unit = m[2]
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : unit === 'd' ? 86_400_000 : unitMs
  const ms = n * factor
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_DURATION_MS) throw new Error(`[lumen-emulator] invalid duration: "${value}"`)
  return ms
}
