// One transient-error rule, by brand: the same answer for errors of another copy of the package.
import { describe, expect, it } from 'vitest'
import { LimitExceededError, LumenConfigError, NetworkError, NotFoundError, ServerError, TimeoutError, UnauthorizedError, UnexpectedResponseError } from '../../../src/client/errors.js'
import { isLicenseServiceOutage, isTransientError } from '../../../src/client/guards.js'

const init = { code: 'X', method: 'GET', path: '/licenses/p' } as const
/** An error from another copy of the package: no shared class, only the `Symbol.for` brand (and any name). */
const foreign = (e: Error, name = 'SomethingElse') => Object.assign(Object.create({ [Symbol.for('lumen-account.error')]: (e as never as Record<symbol, string>)[Symbol.for('lumen-account.error')] }), { name, status: (e as { status?: number }).status })

describe('isTransientError', () => {
  it('network, timeout, 408, 429, 5xx: transient; 4xx and config errors: not', () => {
    for (const e of [new NetworkError(init), new TimeoutError(init), new ServerError({ ...init, status: 503 }), new LimitExceededError({ ...init, status: 429 })]) expect(isTransientError(e)).toBe(true)
    for (const e of [new UnauthorizedError({ ...init, status: 401 }), new NotFoundError({ ...init, status: 404 }), new LumenConfigError('x'), new UnexpectedResponseError({ status: 200 }), null, 'x']) expect(isTransientError(e)).toBe(false)
    expect(isTransientError(new TypeError('fetch failed'))).toBe(true)
    expect(isTransientError(Object.assign(new Error('x'), { statusCode: 502 }))).toBe(true)
  })

  it('reads the brand, not the class or the name: works across two copies of the package', () => {
    expect(isTransientError(foreign(new NetworkError(init)))).toBe(true)
    expect(isTransientError(foreign(new LimitExceededError({ ...init, status: 0 })))).toBe(true)
    expect(isTransientError(foreign(new LumenConfigError('x'), 'NetworkError'))).toBe(false)
  })
})

describe('isLicenseServiceOutage', () => {
  it('transient or not a license is an outage; a verdict or a bug is not', () => {
    expect(isLicenseServiceOutage(foreign(new UnexpectedResponseError({ status: 200 })))).toBe(true)
    expect(isLicenseServiceOutage(new NetworkError(init))).toBe(true)
    expect(isLicenseServiceOutage(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(true)
    expect(isLicenseServiceOutage(foreign(new LumenConfigError('x')))).toBe(false)
    expect(isLicenseServiceOutage(new UnauthorizedError({ ...init, status: 401 }))).toBe(false)
  })
})
