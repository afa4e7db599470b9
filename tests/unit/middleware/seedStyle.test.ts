/**
 * The middleware as the seed's README and a plain unit test use it: a mock checker called with
 * exactly `(organizationId, productSlug)`, a spy on the real client's `checkLicense()` (the seed's
 * "thin wrapper around client.checkLicense()"), `await middleware(req, res, next)` with a minimal
 * response object.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { LumenAccountClient } from '../../../src/client/client.js'
import { requiresLicenseExpress } from '../../../src/middleware/express.js'
import type { ExpressLikeRequest } from '../../../src/middleware/express.js'
import { createRequireLicense } from '../../../src/middleware/check.js'
import { license, PRODUCT, SERVICE_KEY, startLicenseStub } from './fixtures.js'
import type { LicenseStub } from './fixtures.js'

const ORG = 'org_abc123'
const request = (org: string | null): { headers: Record<string, string> } => ({ headers: org ? { 'x-organization-id': org } : {} })
/** A response object as small as a test writes it: `status()` chains, `json()` records. */
function response() {
  const res = { statusCode: 200, body: undefined as unknown, status: vi.fn((code: number) => ((res.statusCode = code), res)), json: vi.fn((body: unknown) => void (res.body = body)) }
  return res
}

describe('middleware, the way the seed and a unit test call it', () => {
  let stub: LicenseStub
  beforeAll(async () => void (stub = await startLicenseStub()))
  afterAll(() => stub.close())

  it('a mock checker is called with exactly (organizationId, productSlug), once per org while cached', async () => {
    const checker = { checkLicense: vi.fn().mockResolvedValue(license('pro')) }
    const requireHr = createRequireLicense(checker, PRODUCT)
    await expect(requireHr(request(ORG))).resolves.toMatchObject({ valid: true, tier: 'pro', organizationId: ORG })
    await requireHr(request(ORG))
    expect(checker.checkLicense).toHaveBeenCalledTimes(1)
    expect(checker.checkLicense).toHaveBeenCalledWith(ORG, PRODUCT)
  })

  it("a spy on the real client's checkLicense() answers: nothing goes to Lumen", async () => {
    const client = new LumenAccountClient({ baseUrl: stub.url, serviceApiKey: SERVICE_KEY })
    const spy = vi.spyOn(client, 'checkLicense').mockResolvedValue(license('starter'))
    const before = stub.calls
    await expect(createRequireLicense(client, PRODUCT)(request(ORG))).resolves.toMatchObject({ tier: 'starter' })
    expect(spy).toHaveBeenCalledOnce()
    expect(spy.mock.calls[0]!.slice(0, 2)).toEqual([ORG, PRODUCT])
    expect(stub.calls).toBe(before)
    // A spy on the namespace sees it too: the flat method is the namespace's wrapper.
    const real = new LumenAccountClient({ baseUrl: stub.url, serviceApiKey: SERVICE_KEY })
    const service = vi.spyOn(real.service, 'checkLicense').mockResolvedValue(license('pro'))
    await createRequireLicense(real, PRODUCT)(request(ORG))
    expect(service).toHaveBeenCalledOnce()
    expect(stub.calls).toBe(before)
  })

  it('the real client still goes to Lumen, bounded by the check timeout (its signal)', async () => {
    const client = new LumenAccountClient({ baseUrl: stub.url, serviceApiKey: SERVICE_KEY, retry: false })
    stub.delayMs = 3_000 // Lumen hangs
    try {
      const started = Date.now()
      await expect(createRequireLicense(client, PRODUCT, { checkTimeoutMs: 300 })(request('org_acme'))).rejects.toMatchObject({ statusCode: 503 })
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(stub.calls).toBeGreaterThan(0)
    } finally {
      stub.delayMs = 0
    }
  })

  it('Express: `await middleware(req, res, next)` has called next (or answered) when it resolves', async () => {
    const checker = { checkLicense: vi.fn().mockResolvedValue(license('pro')) }
    const middleware = requiresLicenseExpress(checker, PRODUCT)
    const req: ExpressLikeRequest = request(ORG)
    const next = vi.fn()
    await middleware(req, response(), next)
    expect(next).toHaveBeenCalledWith()
    expect(req.lumenLicense).toMatchObject({ tier: 'pro' })

    const denied = requiresLicenseExpress({ checkLicense: vi.fn().mockResolvedValue({ valid: false, tier: null, features: null, limits: null, unitCount: null }) }, PRODUCT)
    const res = response()
    const stop = vi.fn()
    await denied(request(ORG), res, stop)
    expect(stop).not.toHaveBeenCalled()
    expect(res.statusCode).toBe(403)
    expect(res.body).toMatchObject({ statusCode: 403, error: 'NO_ACTIVE_LICENSE' })

    // No org id: answered synchronously, 401.
    const none = response()
    await middleware(request(null), none, vi.fn())
    expect(none.statusCode).toBe(401)
  })

  it('Express: an outage (503, Retry-After) with a response object that has no setHeader', async () => {
    const down = requiresLicenseExpress({ checkLicense: vi.fn().mockRejectedValue(new TypeError('fetch failed')) }, PRODUCT)
    const res = response()
    await down(request(ORG), res, vi.fn())
    expect(res.statusCode).toBe(503)
    expect(res.body).toMatchObject({ error: 'LICENSE_SERVICE_UNAVAILABLE' })
  })
})
