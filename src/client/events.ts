/**
 * The client's typed event system. Payloads never carry a token.
 * A throwing (or rejecting) handler is swallowed so it cannot break the call that emitted.
 */
import type { CheckLicenseResponse, ReportUsageResponse } from '../contract/types.js'

/** Payload of `license:valid` / `license:invalid`: the check's answer plus what was checked. */
export type LicenseEventPayload = CheckLicenseResponse & { organizationId: string; productSlug: string }

/** Payload of `usage:accepted` / `usage:rejected`. */
export type UsageEventPayload = ReportUsageResponse & { organizationId: string; productSlug: string; unitCount: number }

/** Why the session ended: `user` (auth.logout), `expired` (refresh rejected), `revoked` (session revoked server-side). */
export type LogoutReason = 'user' | 'expired' | 'revoked'

export interface LumenAccountEventMap {
  /** `checkLicense()` returned `valid: true`. */
  'license:valid': LicenseEventPayload
  /** `checkLicense()` returned `valid: false`. */
  'license:invalid': LicenseEventPayload
  /** `checkLicense()` returned `remainingDays` ≤ 7. */
  'license:expiring': LicenseEventPayload & { remainingDays: number }
  /** `reportUsage()` returned `accepted: true`. */
  'usage:accepted': UsageEventPayload
  /** `reportUsage()` returned `accepted: false`. */
  'usage:rejected': UsageEventPayload
  /** A refresh stored new tokens; `expiresAt` (epoch ms) when the access token is a JWT with `exp`. */
  'auth:tokens-refreshed': { expiresAt?: number }
  /** The tokens were cleared by `auth.logout()` or because the session ended. */
  'auth:logout': { reason: LogoutReason }
  /** Any call failed with a `PaywallError` (402). */
  'request:paywall': { product: string | null; feature: string | null; requiredTier: string | null; upgradeUrl: string | null; path: string | null }
}

export type LumenAccountEvent = keyof LumenAccountEventMap
export type LumenAccountEventHandler<E extends LumenAccountEvent = LumenAccountEvent> = (payload: LumenAccountEventMap[E]) => void

type AnyHandler = (payload: never) => void

/** @internal */
export class Emitter {
  readonly #handlers = new Map<string, Set<AnyHandler>>()

  on<E extends LumenAccountEvent>(event: E, handler: LumenAccountEventHandler<E>): () => void {
    let set = this.#handlers.get(event)
    if (!set) this.#handlers.set(event, (set = new Set()))
    set.add(handler as AnyHandler)
    return () => this.off(event, handler)
  }

  off<E extends LumenAccountEvent>(event?: E, handler?: LumenAccountEventHandler<E>): void {
    if (!event) this.#handlers.clear()
    else if (!handler) this.#handlers.delete(event)
    else this.#handlers.get(event)?.delete(handler as AnyHandler)
  }

  emit<E extends LumenAccountEvent>(event: E, payload: LumenAccountEventMap[E]): void {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) {
      try {
        // A rejecting async handler is swallowed too.
        ;((handler as LumenAccountEventHandler<E>)(payload) as Promise<unknown> | undefined)?.catch?.(() => {})
      } catch {
        // A buggy listener must not poison the calling code (seed).
      }
    }
  }
}
