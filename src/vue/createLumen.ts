/**
 * `createLumen()`: the Vue plugin of the package. Builds (or adopts) the client, the store and
 * everything around them per app, at install time. The client it builds is a user-mode
 * `LumenUserClient`: no service namespace, deprecated flat methods or service-key checks, which a
 * browser app never uses (docs/DECISIONS.md "createLumen builds a user-mode client").
 */
import type { LumenAccountClient } from '../client/client.js'
import { LumenUserClient } from '../client/userClient.js'
import type { LumenUserModeOptions } from '../client/userClient.js'
import { createWebLock } from './lock.js'
import { createLumenPlugin } from './plugin.js'
import type { LumenPlugin, LumenPluginBaseOptions } from './plugin.js'
import { resolveTokenStorage } from './storage.js'
import type { LumenStorageOption } from './storage.js'

export interface LumenOptions extends LumenPluginBaseOptions {
  /** Origin of the Lumen API (`https://api.lumen.example.com`). Required unless `client` is given. */
  baseUrl?: string
  /** An existing client to use instead of building one (its storage and lock are then yours). */
  client?: LumenAccountClient
  /**
   * Where tokens live. `'local'`: the refresh token in localStorage (namespaced by `baseUrl`), the
   * access token in memory; `'session'`: the same in sessionStorage; `'memory'`: nothing persisted.
   * @default 'local' (memory on the server)
   */
  storage?: LumenStorageOption
  /** More client options when it is built from `baseUrl` (timeout, fetch, retry, allowedOrigins). */
  clientOptions?: Pick<LumenUserModeOptions, 'timeout' | 'fetch' | 'retry' | 'allowedOrigins'>
  /** Bound on waiting for another tab's token refresh, in ms. @default 5_000 */
  refreshLockTimeout?: number
}

/**
 * Create the plugin: `app.use(createPinia()); app.use(createLumen({ baseUrl, product: 'lumen-hr' }))`.
 * @example
 * const lumen = createLumen({ baseUrl: 'https://api.lumen.example.com', product: 'lumen-hr', router })
 * app.use(createPinia()).use(router).use(lumen)
 * await lumen.ready
 */
export function createLumen(options: LumenOptions): LumenPlugin {
  const { client, baseUrl } = options
  if (!client && !baseUrl) throw new Error('[lumen-account] createLumen() needs `baseUrl` (or an existing `client`).')
  const base = baseUrl ?? (client as { baseUrl?: unknown } | undefined)?.baseUrl
  const channelKey = (typeof base == 'string' ? base : '').replace(/\/+$/, '').replace(/\/api\/v1$/, '') || null
  return createLumenPlugin({
    ...options,
    channelKey,
    createClient(isBrowser) {
      if (client) return { client, owned: false }
      const origin = channelKey as string
      const built = new LumenUserClient({
        ...options.clientOptions,
        baseUrl: origin,
        storage: resolveTokenStorage(options.storage, origin, isBrowser),
        // Tabs share the refresh token: refresh one at a time, but never wait more than 5 s.
        ...(isBrowser ? { lock: createWebLock(options.refreshLockTimeout) } : {}),
      })
      return { client: built, owned: true }
    },
  })
}
