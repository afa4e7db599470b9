/**
 * Type tests (checked by `tsc --noEmit -p tsconfig.json`, not run): the seed's names and signatures
 * from the package entry, and `lumenLicense` typed on Express and Fastify requests by declaration
 * merging.
 */
import express from 'express'
import Fastify, { type FastifyRequest } from 'fastify'
import { expectTypeOf } from 'vitest'
import {
  cacheKey,
  checkLicenseCore,
  checkUsageLimit,
  createRequireLicense,
  enforceMinTier,
  extractOrgId,
  InMemoryCache,
  InsufficientTierError,
  LumenAccountClient,
  type CheckLicenseResponse,
  type LumenLicense,
  type MiddlewareCache,
  NoActiveLicenseError,
  NoOrganizationIdError,
  type OrganizationMembership,
  OrgNotMemberError,
  type RequireLicenseOptions,
  requiresLicenseExpress,
  requiresLicenseFastify,
  type TierSortOrder,
  UsageLimitExceededError,
} from '../../../src/index.js'

const client = new LumenAccountClient({ baseUrl: 'http://127.0.0.1:1', serviceApiKey: 'k' })
const options: RequireLicenseOptions = { minTier: 'pro', tierSortOrder: { starter: 1, pro: 2 } satisfies TierSortOrder, cache: new InMemoryCache() }

// Express: the seed's mounting, and req.lumenLicense typed in the next handler.
const app = express()
app.get('/employees', requiresLicenseExpress(client, 'lumen-hr'), (req, res) => {
  expectTypeOf(req.lumenLicense).toEqualTypeOf<LumenLicense | undefined>()
  expectTypeOf(req.lumenLicense!.tier).toEqualTypeOf<string | null>()
  expectTypeOf(req.lumenLicense!.stale).toEqualTypeOf<boolean>()
  res.json({ employees: [] })
})
app.get('/advanced-reports', requiresLicenseExpress(client, 'lumen-hr', options), (_req, res) => res.json({ reports: [] }))
app.use(requiresLicenseExpress(client, 'lumen-hr'))
expectTypeOf<express.Request['lumenLicense']>().toEqualTypeOf<LumenLicense | undefined>()

// Fastify: the seed's preHandler, and request.lumenLicense typed.
const fastify = Fastify()
fastify.get('/employees', { preHandler: requiresLicenseFastify(client, 'lumen-hr') }, async (request) => {
  expectTypeOf(request.lumenLicense).toEqualTypeOf<LumenLicense | undefined>()
  return { employees: [] }
})
fastify.addHook('preHandler', requiresLicenseFastify(client, 'lumen-hr', options))
expectTypeOf<FastifyRequest['lumenLicense']>().toEqualTypeOf<LumenLicense | undefined>()

// Memberships: getMemberships may take the framework's own request type (method syntax, bivariant).
type WithUser = { user?: { organizations?: OrganizationMembership[] } }
app.get('/m', requiresLicenseExpress(client, 'lumen-hr', {
  getMemberships: (req: express.Request) => (req as unknown as WithUser).user?.organizations,
  maxConcurrentChecks: 8,
  maxQueuedChecks: 100,
}), (_req, res) => res.json({}))
fastify.get('/m', { preHandler: requiresLicenseFastify(client, 'lumen-hr', {
  getMemberships: (request: FastifyRequest) => (request as unknown as WithUser).user?.organizations ?? null,
}) }, async () => ({}))
expectTypeOf<OrganizationMembership>().toEqualTypeOf<string | { readonly id: string }>()
expectTypeOf<OrgNotMemberError['organizationId']>().toEqualTypeOf<string>()
expectTypeOf<OrgNotMemberError>().toExtend<Error>()

// The helpers, with the seed's argument lists.
declare const license: CheckLicenseResponse
expectTypeOf(cacheKey).toEqualTypeOf<(organizationId: string, productSlug: string) => string>()
expectTypeOf(checkUsageLimit(license, 'api_calls', 3)).toEqualTypeOf<{ limit: number | null, remaining: number | null }>()
expectTypeOf(enforceMinTier(license, 'lumen-hr', 'pro', { pro: 2 })).toEqualTypeOf<void>()
expectTypeOf(extractOrgId({ headers: { 'x-organization-id': 'org' } })).toEqualTypeOf<string>()
expectTypeOf(checkLicenseCore(client, 'org', 'lumen-hr')).toEqualTypeOf<Promise<LumenLicense>>()
expectTypeOf(createRequireLicense(client, 'lumen-hr', options)).returns.toEqualTypeOf<Promise<LumenLicense>>()

// The cache interface: InMemoryCache implements it; the seed's object literal shape fits it.
expectTypeOf<InMemoryCache>().toExtend<MiddlewareCache>()
expectTypeOf<MiddlewareCache['get']>().toEqualTypeOf<<T>(key: string) => Promise<T | null>>()
expectTypeOf<MiddlewareCache['set']>().toEqualTypeOf<(key: string, value: unknown, ttlSeconds?: number) => Promise<void>>()

// Error classes: Error subclasses with the seed's fields.
expectTypeOf<NoOrganizationIdError>().toExtend<Error>()
expectTypeOf<NoActiveLicenseError['product']>().toEqualTypeOf<string>()
expectTypeOf<Pick<InsufficientTierError, 'product' | 'requiredTier' | 'currentTier'>>()
  .toEqualTypeOf<{ readonly product: string, readonly requiredTier: string, readonly currentTier: string | null }>()
expectTypeOf<Pick<UsageLimitExceededError, 'usageType' | 'currentUsage' | 'limit' | 'statusCode' | 'error'>>()
  .toEqualTypeOf<{ readonly usageType: string, readonly currentUsage: number, readonly limit: number, readonly statusCode: number, readonly error: string }>()
expectTypeOf(new NoActiveLicenseError('p').toJSON()).toExtend<{ statusCode: number, error: string, message: string }>()
