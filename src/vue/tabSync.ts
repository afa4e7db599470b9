/**
 * Tab sync over a `BroadcastChannel` named after the API, so two apps on one origin stay apart.
 * Messages say *what* happened, never carry a token: other tabs re-read storage or restore.
 */
import type { LumenTabMessage } from './context.js'

export interface LumenTabChannel {
  post(message: LumenTabMessage): void
  close(): void
}

/** The channel name for an API base URL. */
export function tabChannelName(baseUrl: string | null | undefined): string {
  return `lumen-account:${(baseUrl ?? 'default').replace(/\/+$/, '')}`
}

function isTabMessage(data: unknown): data is LumenTabMessage {
  if (typeof data !== 'object' || data === null) return false
  const { type, organizationId, reason } = data as { type?: unknown; organizationId?: unknown; reason?: unknown }
  if (type === 'org') return organizationId === null || typeof organizationId === 'string'
  if (type === 'logout') return reason === undefined || reason === 'user' || reason === 'expired' || reason === 'revoked'
  return type === 'login' || type === 'tokens'
}

/** Open the channel, or `null` where `BroadcastChannel` does not exist (SSR, old runtimes). */
export function openTabChannel(name: string, onMessage: (message: LumenTabMessage) => void): LumenTabChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null
  const channel = new BroadcastChannel(name)
  let closed = false
  channel.onmessage = (event: MessageEvent<unknown>) => {
    // Anything that is not exactly our message shape is ignored (other code may share the name).
    if (!closed && isTabMessage(event.data)) onMessage(event.data)
  }
  return {
    post(message) {
      if (closed) return
      // Copy the known fields only: nothing else can ride along.
      const copy: LumenTabMessage =
        message.type === 'org'
          ? { type: 'org', organizationId: message.organizationId }
          : message.type === 'logout'
            ? { type: 'logout', ...(message.reason ? { reason: message.reason } : {}) }
            : { type: message.type }
      channel.postMessage(copy)
    },
    close() {
      if (closed) return
      closed = true
      channel.onmessage = null
      channel.close()
    },
  }
}
