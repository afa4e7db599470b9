/**
 * Tab sync over a `BroadcastChannel` named after the API, so two apps on one origin stay apart.
 * Messages say *what* happened, never carry a token: other tabs re-read storage or restore.
 */
import type { LumenTabMessage } from '../stores/context.js'

/** The channel name for an API base URL. */
export function tabChannelName(baseUrl: string | null | undefined): string {
  return `lumen-account:${(baseUrl ?? 'default').replace(/\/+$/, '')}`
}

function isTabMessage(data: unknown): data is LumenTabMessage {
  const { type, organizationId } = (data ?? {}) as { type?: unknown; organizationId?: unknown }
  return type === 'org' ? organizationId === null || typeof organizationId == 'string' : ['login', 'logout', 'tokens'].includes(type as string)
}

/** Open the channel, or `null` where `BroadcastChannel` does not exist (SSR, old runtimes). */
export function openTabChannel(name: string, onMessage: (message: LumenTabMessage) => void): BroadcastChannel | null {
  if (typeof BroadcastChannel == 'undefined') return null
  const channel = new BroadcastChannel(name)
  // Anything that is not exactly our message shape is ignored (other code may share the name).
  channel.onmessage = ({ data }: MessageEvent<unknown>) => isTabMessage(data) && onMessage(data)
  return channel
}
