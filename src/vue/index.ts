// "./vue" entry: the reactive layer (plugin, store, composables, router guard, tab sync).
// Each export names its leaf file (no barrel-of-barrels). No side effects at import.

// ---- plugin
export { createLumen, type LumenOptions } from './createLumen.js'
export { type LumenPlugin, type LumenPluginBaseOptions, type LumenRouterLike } from './plugin.js'
export type { LumenStoreContext, LumenTabMessage } from '../stores/context.js'
export { tokenStorageKey, type LumenStorageOption } from './storage.js'
export { tabChannelName } from './tabSync.js'
export { createWebLock, type LumenLock } from './lock.js'
export type {
  LumenAuthStatus,
  LumenCallOptions,
  LumenClientLike,
  LumenEntitlementEntry,
  LumenErrorInfo,
  LumenInitialState,
  LumenPhotoInput,
  LumenProductEntry,
} from '../stores/types.js'

// ---- store
export { useLumenStore, type LumenFlow, type LumenStore, type LumenUploadOptions } from '../stores/lumen.js'
export { entitlementKey, type EnsureEntitlementOptions } from '../stores/entitlements.js'
export { meetsTier, requiredTierFor } from '../stores/tiers.js'

// ---- composables
export { LUMEN_CONTEXT_KEY, useLumenContext, type LumenContext } from '../composables/useLumenContext.js'
export { useAuth, type UseAuthReturn } from '../composables/useAuth.js'
export { useOrganizations, type UseOrganizationsReturn } from '../composables/useOrganizations.js'
export { useSessions, type UseSessionsOptions, type UseSessionsReturn } from '../composables/useSessions.js'
export { useLicense, type UseLicenseReturn, type UseLicenseStatus } from '../composables/useLicense.js'
export { useFeature, type UseFeatureOptions, type UseFeatureReturn, type UseFeatureStatus } from '../composables/useFeature.js'

// ---- router guard
export {
  createLumenGuard,
  resolveLumenRoute,
  safeReturnTo,
  type LumenForbiddenReason,
  type LumenGuardOptions,
  type LumenGuardResult,
  type LumenGuardRoute,
  type LumenRouteMeta,
  type LumenRouteTarget,
} from './guard.js'
