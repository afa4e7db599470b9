/**
 * `createLumenGuard`: a vue-router `beforeEach` guard driven by route `meta`. Typed structurally,
 * so `./vue` does not need vue-router unless you use the guard.
 */
import { useLumenContext } from '../stores/context.js'
import type { LumenContext } from '../stores/context.js'

/** Route `meta` the guard reads. Merge it into vue-router's `RouteMeta` to type your routes. */
export interface LumenRouteMeta {
  /** Only for signed-in users; others go to `loginRoute` with `?returnTo=`. */
  requiresAuth?: boolean
  /** Only for signed-out users (login, register); others go to `returnTo` or `homeRoute`. */
  guestOnly?: boolean
  /** A valid license for this product (or, with `true`, the plugin's `product`). Implies `requiresAuth`. */
  requiresLicense?: string | true
  /** The license must include this feature. Implies `requiresAuth`. */
  requiresFeature?: string
  /** The license's tier must be at least this one (by the product's `sortOrder`). Implies `requiresAuth`. */
  minTier?: string
}

/** A route location the guard may return: a path, or an object vue-router accepts. */
export type LumenRouteTarget = string | { name?: string | symbol; path?: string; query?: Record<string, string | null | undefined>; params?: Record<string, string> }

export interface LumenGuardOptions {
  /** Where signed-out users go. `returnTo` is added to its query. */
  loginRoute: LumenRouteTarget
  /**
   * Where users without the license, feature or tier go (`?reason=`). Without it an in-app navigation
   * is cancelled (the user stays on the page they see) and the first one of a page load (a deep
   * link) goes to `homeRoute` instead of leaving the page blank.
   */
  forbiddenRoute?: LumenRouteTarget
  /** Where signed-in users opening a `guestOnly` route go when there is no safe `returnTo`. @default '/' */
  homeRoute?: LumenRouteTarget
}

/** The slice of a vue-router route location the guard reads. */
export interface LumenGuardRoute {
  fullPath: string
  meta: object
  query: Record<string, unknown>
  /** Empty on the location a page load starts from (vue-router's `START_LOCATION`). */
  matched?: readonly unknown[]
}

export type LumenGuardResult = true | false | LumenRouteTarget

export type LumenForbiddenReason = 'no_license' | 'not_in_tier' | 'tier_too_low' | 'error'

/**
 * `value` if it is a same-origin relative path (`/a?b#c`), else `null`. Rejects `//host`,
 * `/\host`, absolute URLs, `javascript:` and control characters: one leading slash, then no
 * backslash or control character anywhere, is a path on this origin whatever the URL parser does.
 * @example router.replace(safeReturnTo(route.query.returnTo) ?? '/')
 */
export function safeReturnTo(value: unknown): string | null {
  const raw: unknown = Array.isArray(value) ? value[0] : value
  // eslint-disable-next-line no-control-regex
  return typeof raw == 'string' && raw.length <= 2048 && /^\/(?!\/)[^\\\u0000-\u001f\u007f]*$/.test(raw) ? raw : null
}

function withQuery(target: LumenRouteTarget, query: Record<string, string>): LumenRouteTarget {
  return typeof target == 'string' ? { path: target, query } : { ...target, query: { ...target.query, ...query } }
}

/** The guard's decision for `to`, once `ready`. Exposed for custom guards. */
export async function resolveLumenRoute(ctx: LumenContext, options: LumenGuardOptions, to: LumenGuardRoute): Promise<LumenGuardResult> {
  const { requiresAuth, guestOnly, requiresLicense, requiresFeature: feature, minTier } = to.meta as LumenRouteMeta
  const gated = !!(requiresLicense || feature || minTier)
  if (!requiresAuth && !guestOnly && !gated) return true
  await ctx.ready // a deep link while restoring waits here instead of bouncing to login
  const { store } = ctx
  if (store.isAuthenticated) {
    if (guestOnly) return safeReturnTo(to.query.returnTo) ?? options.homeRoute ?? '/'
  } else if (requiresAuth || gated) {
    const returnTo = safeReturnTo(to.fullPath)
    return withQuery(options.loginRoute, returnTo ? { returnTo } : {})
  }
  if (!gated) return true

  const product = typeof requiresLicense == 'string' ? requiresLicense : (ctx.product ?? '')
  const forbidden = (reason: LumenForbiddenReason): LumenGuardResult =>
    !!options.forbiddenRoute && withQuery(options.forbiddenRoute, { reason, product, ...(feature ? { feature } : {}) })
  await store.ensureEntitlement(product)
  // A route asks whether the feature is included (`amount: 0`): quotas are for actions, not pages.
  const query = { feature: feature ?? null, minTier: minTier ?? null, amount: 0 }
  if (store.decideAccess(product, query).reason === 'catalog_loading') await store.ensureProduct(product).catch(() => undefined)
  const d = store.decideAccess(product, query)
  // Denied (with `amount: 0`): no_license, expired, not_in_tier or tier_too_low. Loading or error never lets the route through.
  return d.status === 'allowed' || forbidden(d.status !== 'denied' ? 'error' : d.reason === 'expired' ? 'no_license' : (d.reason as LumenForbiddenReason))
}

/**
 * A vue-router guard: `router.beforeEach(createLumenGuard({ loginRoute: '/login' }))`.
 * Reads the app's Lumen context when it runs (vue-router runs guards inside the app's context).
 */
export function createLumenGuard(options: LumenGuardOptions): (to: LumenGuardRoute, from?: LumenGuardRoute) => Promise<LumenGuardResult> {
  let first = true
  return async (to, from) => {
    // Only the first navigation of a page load (from no route at all) may go home when denied; the
    // one to home, a route's own redirect and every later navigation are another call: no loop.
    const pageLoad = first && from?.matched?.length === 0
    first = false
    const result = await resolveLumenRoute(useLumenContext('createLumenGuard'), options, to)
    return result === false && pageLoad ? (options.homeRoute ?? '/') : result
  }
}
