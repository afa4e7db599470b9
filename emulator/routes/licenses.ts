/** Licenses and products (user mode) and the service routes (product backends). */
import type { Hono } from 'hono'
import type { VerifyTokenResponse } from '../../src/contract/types.js'
import { readJson, Validator } from '../body.js'
import { emu, type AppEnv } from '../context.js'
import { badRequest, notFound, unauthorized } from '../errors.js'
import { requireMember, requireUser } from '../guard.js'
import { checkLicense, entitlement, getLicense, getProduct, reportUsage } from '../licensing.js'
import { getOrg, getUser, licensesOf, organizationsOf, toUser } from '../model.js'
import { clientIp, origin, requireServiceKey } from '../request.js'
import { route } from '../route.js'
import { authenticate } from '../sessions.js'


export function licenseRoutes(app: Hono<AppEnv>): void {
  route(app, 'licenseGet', async (c) => {
    const { userId } = await requireUser(c)
    const e = emu(c)
    const orgId = c.req.header('x-organization-id')
    if (!orgId) throw badRequest('Choose an organization: send the x-organization-id header.', [{ field: 'x-organization-id', message: 'Required.' }])
    requireMember(c, userId, orgId)
    const product = getProduct(e.db, c.req.param('productSlug'))
    if (!product) throw notFound('No such product.')
    return c.json(entitlement(e.db, orgId, product, e.clock.now(), e.config.appUrl))
  })

  route(app, 'productGet', (c) => {
    const product = getProduct(emu(c).db, c.req.param('productSlug'))
    if (!product) throw notFound('No such product.')
    return c.json(product)
  })

  route(app, 'verifyToken', async (c) => {
    const e = emu(c)
    if (!c.req.header('authorization')) throw unauthorized('UNAUTHORIZED', "Send the user's access token as a Bearer token.")
    const { userId } = await authenticate(e, c.req.header('authorization'), clientIp(c))
    const body: VerifyTokenResponse = {
      user: toUser(getUser(e.db, userId)!, origin(c)),
      organizations: organizationsOf(e.db, userId, origin(c)),
      licenses: licensesOf(e.db, userId, e.clock.now()),
    }
    return c.json(body)
  })

  route(app, 'checkLicense', (c) => {
    requireServiceKey(c)
    const e = emu(c)
    const v = new Validator({ organizationId: c.req.query('organizationId'), productSlug: c.req.query('productSlug') })
    const organizationId = v.string('organizationId', { max: 100 })
    const productSlug = v.string('productSlug', { max: 100 })
    v.done()
    const product = getProduct(e.db, productSlug)
    if (!product) throw notFound('No such product.')
    if (!getOrg(e.db, organizationId)) throw notFound('No such organization.')
    return c.json(checkLicense(e.db, organizationId, product, e.clock.now()))
  })

  route(app, 'reportUsage', async (c) => {
    requireServiceKey(c)
    const e = emu(c)
    const v = new Validator(await readJson(c))
    const organizationId = v.string('organizationId', { max: 100 })
    const productSlug = v.string('productSlug', { max: 100 })
    const unitCount = v.integer('unitCount', { min: 0, max: 1_000_000_000 })
    v.done()
    const product = getProduct(e.db, productSlug)
    if (!product) throw notFound('No such product.')
    if (!getOrg(e.db, organizationId)) throw notFound('No such organization.')
    if (!getLicense(e.db, organizationId, productSlug)) throw notFound('This organization has no license for this product.')
    return c.json(reportUsage(e.db, organizationId, product, unitCount, e.clock.now()))
  })
}
