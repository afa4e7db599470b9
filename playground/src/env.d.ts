/// <reference types="vite/client" />
import type { LumenRouteMeta } from '@vss-software/lumen-account-sdk/vue'

declare global {
  interface ImportMetaEnv {
    /** The Lumen API origin (default http://127.0.0.1:4010, the emulator). */
    readonly VITE_LUMEN_URL?: string
    /** The first retry delay of the client's backoff, in ms (default 1000; the e2e suite sets 200). */
    readonly VITE_LUMEN_RETRY_BASE_MS?: string
  }
}

declare module 'vue-router' {
  interface RouteMeta extends LumenRouteMeta {
    /** `auth`: the page is a centered card without the app shell (sign-in and friends). */
    layout?: 'auth'
  }
}
