/**
 * @internal What a component may say about a failed call: the connection, a rate limit, or
 * anything else. Brand-based (the client's guards), so it works with any copy of the client;
 * components ask here instead of importing the client.
 */
import { isLimitExceededError, isNetworkError } from '../client/guards.js'

export type LumenErrorKind = 'network' | 'rate_limited' | 'other'

export function errorKind(e: unknown): LumenErrorKind {
  // fetch's own TypeError: something bypassed the client, the connection failed all the same.
  if (isNetworkError(e) || e instanceof TypeError) return 'network'
  if (isLimitExceededError(e) || (e as { status?: unknown } | null)?.status === 429) return 'rate_limited'
  return 'other'
}
