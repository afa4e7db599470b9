/**
 * The `storage` option of `createLumen`. Browser default: only the refresh token is persisted
 * (localStorage, namespaced by `baseUrl`), the access token stays in memory. Server: memory.
 */
import { BrowserLocalStorageTokenStorage, BrowserSessionStorageTokenStorage, MemoryTokenStorage } from '../client/storage.js'
import type { TokenStorage } from '../client/storage.js'

export type LumenStorageOption = 'local' | 'session' | 'memory' | TokenStorage

/** The Web Storage key for an API: `lumen-account:<baseUrl>`. */
export function tokenStorageKey(baseUrl: string): string {
  return `lumen-account:${baseUrl.replace(/\/+$/, '')}`
}

/** @internal Resolved at install time, never at import. */
export function resolveTokenStorage(option: LumenStorageOption | undefined, baseUrl: string, isBrowser: boolean): TokenStorage {
  const choice = option ?? 'local'
  if (typeof choice === 'object') return choice
  if (choice === 'memory' || !isBrowser) return new MemoryTokenStorage()
  const options = { key: tokenStorageKey(baseUrl), persistAccessToken: false }
  return choice === 'session' ? new BrowserSessionStorageTokenStorage(options) : new BrowserLocalStorageTokenStorage(options)
}
