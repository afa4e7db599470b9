/** Registers a handler for a route of the contract (`src/contract/routes.ts`): one spelling of each path. */
import type { Handler, Hono } from 'hono'
import { API_PREFIX, ROUTES, type RouteName } from '../src/contract/routes.js'
import type { AppEnv } from './context.js'

type FullPath<N extends RouteName> = `${typeof API_PREFIX}${(typeof ROUTES)[N]['path']}`

/** The full path pattern of a route, e.g. `/api/v1/assets/:id`. */
export const apiPath = <N extends RouteName>(name: N): FullPath<N> => `${API_PREFIX}${ROUTES[name].path}` as FullPath<N>

/** `handler` answers `name`; its `c.req.param()` knows the route's `:params`. */
export function route<N extends RouteName>(app: Hono<AppEnv>, name: N, handler: Handler<AppEnv, FullPath<N>>): void {
  app.on(ROUTES[name].method, apiPath(name), handler)
}
