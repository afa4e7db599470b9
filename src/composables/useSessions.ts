import { computed, watch } from 'vue'
import type { ComputedRef } from 'vue'
import type { Session } from '../contract/types.js'
import { useLumenContext } from '../stores/context.js'
import { noop } from '../stores/errors.js'
import type { LumenErrorInfo } from '../stores/types.js'

export interface UseSessionsOptions {
  /** Load the list as soon as the user is signed in. @default true */
  immediate?: boolean
}

export interface UseSessionsReturn {
  /** The user's active sessions (`current: true` marks this device). */
  sessions: ComputedRef<Session[]>
  isLoading: ComputedRef<boolean>
  error: ComputedRef<LumenErrorInfo | null>
  /** Reload the list. */
  refresh(): Promise<void>
  /** Revoke one session; revoking the current one signs this device out. */
  revoke(id: string): Promise<void>
  /** Revoke every session except this one. */
  revokeOthers(): Promise<void>
}

/**
 * The signed-in user's sessions ("devices").
 * @example const { sessions, revoke } = useSessions()
 */
export function useSessions(options: UseSessionsOptions = {}): UseSessionsReturn {
  const { store } = useLumenContext('useSessions')
  // Not during SSR: a session list is per device and never part of the first paint.
  if (options.immediate !== false && typeof window !== 'undefined') {
    watch(
      () => store.status,
      (status) => {
        if (status === 'authenticated' && store.sessionsStatus === 'idle') void store.loadSessions().catch(noop)
      },
      { immediate: true },
    )
  }
  return {
    sessions: computed(() => store.sessions),
    isLoading: computed(() => store.sessionsStatus === 'loading'),
    error: computed(() => store.sessionsError),
    refresh: store.loadSessions,
    revoke: store.revokeSession,
    revokeOthers: store.revokeOtherSessions,
  }
}
