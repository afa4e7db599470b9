/**
 * The membership rule and the check limiter without a framework: `createRequireLicense` on plain
 * request objects and a structural checker (timers faked where a deadline is tested).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { InMemoryCache } from '../../../src/middleware/cache.js'
import { createRequireLicense } from '../../../src/middleware/check.js'
import {
  InsufficientTierError, LicenseCheckFailedError, LicenseServiceUnavailableError, NoActiveLicenseError, OrgNotMemberError,
} from '../../../src/middleware/errors.js'
import type { LicenseChecker } from '../../../src/middleware/types.js'
import { license } from './fixtures.js'

afterEach(() => {
  vi.useRealTimers()
})

/** A checker whose answers are released by hand, counting calls in flight. */
function manualChecker() {
  const waiting: (() => void)[] = []
  const state = { calls: 0, inFlight: 0, maxInFlight: 0 }
  const checker: LicenseChecker = {
    checkLicense: () => {
      state.calls += 1
      state.inFlight += 1
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
      return new Promise((resolve) => waiting.push(() => {
        state.inFlight -= 1
        resolve(license('pro'))
      }))
    },
  }
  const releaseAll = () => waiting.splice(0).forEach((answer) => answer())
  return { checker, state, releaseAll }
}

const req = (org: string, user?: unknown) => ({ headers: { 'x-organization-id': org }, user })

describe('membership', () => {
  const ok: LicenseChecker = { checkLicense: async () => license('pro') }

  it('accepts ids, { id } objects and a Set; refuses anything else that is not null or undefined', async () => {
    const gate = createRequireLicense(ok, 'p')
    await expect(gate(req('org_a', { organizations: ['org_b', 'org_a'] }))).resolves.toMatchObject({ organizationId: 'org_a' })
    await expect(gate(req('org_a', { organizations: [{ id: 'org_a', name: 'A' }] }))).resolves.toMatchObject({ organizationId: 'org_a' })
    await expect(gate(req('org_a', { organizations: new Set(['org_a']) }))).resolves.toBeTruthy()
    await expect(gate(req('org_a', { organizations: null }))).resolves.toBeTruthy()
    for (const organizations of ['org_a', { org_a: true }, [{ slug: 'org_a' }], [null, 42], []]) {
      const refused = gate(req('org_a', { organizations }))
      await expect(refused).rejects.toBeInstanceOf(OrgNotMemberError)
    }
    const error = (await gate(req('org_a', { organizations: ['org_b'] })).catch((e: unknown) => e)) as OrgNotMemberError
    expect(error.toJSON()).toEqual({ statusCode: 403, error: 'ORG_NOT_MEMBER', message: expect.stringContaining('[lumen-account]'), organizationId: 'org_a' })
    expect(error.code).toBe('ORG_NOT_MEMBER')
  })

  it('a throwing getMemberships is a 500, not a pass', async () => {
    const gate = createRequireLicense(ok, 'p', { getMemberships: () => { throw new Error('db down') } })
    await expect(gate(req('org_a'))).rejects.toBeInstanceOf(LicenseCheckFailedError)
  })
})

describe('check limiter', () => {
  it('validates maxConcurrentChecks and maxQueuedChecks eagerly', () => {
    const { checker } = manualChecker()
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => createRequireLicense(checker, 'p', { maxConcurrentChecks: bad })).toThrow(RangeError)
      expect(() => createRequireLicense(checker, 'p', { maxQueuedChecks: bad })).toThrow(RangeError)
    }
  })

  it('queues beyond the cap and starts the next check as one ends; 0 turns the cap off', async () => {
    const capped = manualChecker()
    const gate = createRequireLicense(capped.checker, 'p', { maxConcurrentChecks: 3 })
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => gate(req(`org_${i}`))))
    await vi.waitFor(() => expect(capped.state.calls).toBe(3))
    while (capped.state.calls < 10) {
      capped.releaseAll()
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    capped.releaseAll()
    await expect(all).resolves.toHaveLength(10)
    expect(capped.state.maxInFlight).toBe(3)

    const open = manualChecker()
    const uncapped = createRequireLicense(open.checker, 'p', { maxConcurrentChecks: 0 })
    const many = Promise.all(Array.from({ length: 40 }, (_, i) => uncapped(req(`org_${i}`))))
    await vi.waitFor(() => expect(open.state.calls).toBe(40))
    open.releaseAll()
    await many
  })

  it('a checker that ignores its signal and never settles holds its slot for at most twice checkTimeoutMs', async () => {
    vi.useFakeTimers()
    let hang = true
    const checker: LicenseChecker = { checkLicense: () => (hang ? new Promise(() => {}) : Promise.resolve(license('pro'))) }
    const gate = createRequireLicense(checker, 'p', { maxConcurrentChecks: 1, checkTimeoutMs: 1_000 })
    const first = gate(req('org_1')).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(500)
    const second = gate(req('org_2')).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(500)
    expect(await first).toBeInstanceOf(LicenseServiceUnavailableError)
    hang = false
    // Its deadline passes while the hung call still holds the only slot.
    await vi.advanceTimersByTimeAsync(500)
    expect(await second).toBeInstanceOf(LicenseServiceUnavailableError)
    await vi.advanceTimersByTimeAsync(600)
    await expect(gate(req('org_3'))).resolves.toMatchObject({ organizationId: 'org_3' })
  })
})

describe('cached verdicts', () => {
  it('a cached answer one gate let through is still judged by another gate\'s options; denials are fresh errors', async () => {
    const cache = new InMemoryCache()
    const checker: LicenseChecker = { checkLicense: async (org) => (org === 'org_a' ? license('pro') : { valid: false, tier: null, features: null, limits: null, unitCount: null }) }
    const any = createRequireLicense(checker, 'p', { cache })
    const enterprise = createRequireLicense(checker, 'p', { cache, minTier: 'enterprise', tierSortOrder: { pro: 1, enterprise: 2 } })
    await expect(any(req('org_a'))).resolves.toMatchObject({ tier: 'pro' })
    await expect(any(req('org_a'))).resolves.toMatchObject({ tier: 'pro' })
    await expect(enterprise(req('org_a'))).rejects.toBeInstanceOf(InsufficientTierError)
    await expect(enterprise(req('org_a'))).rejects.toBeInstanceOf(InsufficientTierError)
    const first = await any(req('org_b')).catch((e: unknown) => e)
    const second = await any(req('org_b')).catch((e: unknown) => e)
    expect(first).toBeInstanceOf(NoActiveLicenseError)
    expect(second).toBeInstanceOf(NoActiveLicenseError)
    expect(second).not.toBe(first)
  })
})
