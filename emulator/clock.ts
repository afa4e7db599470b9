/**
 * The emulator's clock: real time plus an offset that `POST /__emulator/clock` can advance, so
 * tests reach a trial's end, a token's expiry or the end of a rate-limit window without waiting.
 */
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

  advance(ms: number): void {
    this.#offsetMs += ms
  }

  reset(): void {
    this.#offsetMs = 0
  }

  get offsetMs(): number {
    return this.#offsetMs
  }
}

/** `900`, `"900"`, `"20s"`, `"15m"`, `"2h"`, `"7d"`, `"250ms"` → milliseconds. */
export function parseDuration(value: number | string, unitMs = 1000): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`[lumen-emulator] invalid duration: ${value}`)
    return value * unitMs
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value)
  if (!m) throw new Error(`[lumen-emulator] invalid duration: "${value}" (use e.g. 20s, 15m, 900)`)
  const n = Number(m[1])
  const unit = m[2]
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : unit === 'd' ? 86_400_000 : unitMs
  const ms = n * factor
  if (ms <= 0) throw new Error(`[lumen-emulator] invalid duration: "${value}"`)
  return ms
}
