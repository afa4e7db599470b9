// "./vue" entry: what an app uses (plugin, store, composables, router guard) and the types of its
// options and state. Internals (context key, tab messages, storage keys, lock, cache keys) stay
// internal: tests import them from their source file. Each export names its leaf file. No side
// effects at import. A name removed here goes into CHANGELOG.md.

// ---- plugin
export { createLumen, type LumenOptions } from './createLumen.js'
export { type LumenPlugin, type LumenPluginBaseOptions, type LumenRouterLike } from './plugin.js'
export type { LumenStorageOption } from './storage.js'
export type {
  LumenAuthStatus,
  LumenCallOptions,
  LumenEntitlementEntry,
  LumenErrorInfo,
  LumenInitialState,
  LumenPhotoInput,
  LumenProductEntry,
} from '../stores/types.js'

// ---- store
export { useLumenStore, type LumenFlow, type LumenStore, type LumenUploadOptions } from '../stores/lumen.js'
export type { EnsureEntitlementOptions } from '../stores/entitlements.js'
export { meetsTier, requiredTierFor } from '../stores/tiers.js'

// ---- composables
export { useLumenContext, type LumenContext } from '../stores/context.js'
export { useAuth, type UseAuthReturn } from '../composables/useAuth.js'
export { useOrganizations, type UseOrganizationsReturn } from '../composables/useOrganizations.js'
export { useSessions, type UseSessionsOptions, type UseSessionsReturn } from '../composables/useSessions.js'
export { useLicense, type UseLicenseReturn, type UseLicenseStatus } from '../composables/useLicense.js'
export { useFeature, type UseFeatureOptions, type UseFeatureReturn, type UseFeatureStatus } from '../composables/useFeature.js'
export { useProductCatalog, type UseProductCatalogReturn, type UseProductCatalogStatus } from '../composables/useProductCatalog.js'

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
