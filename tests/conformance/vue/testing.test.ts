// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- tiny test apps */
// Conformance (issue 6, "./testing" first half): createTestingLumen and fixture builders. No network.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { createTestingLumen, fixtures } from '../../../src/testing/index.js'
import { useAuth, useFeature, useLicense, useLumenStore, useOrganizations } from '../../../src/vue/index.js'

const fetchSpy = vi.fn(() => Promise.reject(new Error('[test] no network in the testing kit')))
beforeEach(() => {
  vi.stubGlobal('fetch', fetchSpy)
})
afterEach(() => {
  vi.unstubAllGlobals()
  fetchSpy.mockClear()
})

/** Mounts a component that runs `fn` in setup and renders its JSON-ish text. */
function withTesting<T>(fn: () => T, lumen: ReturnType<typeof createTestingLumen>, withPinia = true) {
  let result!: T
  const wrapper = mount(defineComponent({ setup: () => ((result = fn()), () => h('div')) }), {
    global: { plugins: withPinia ? [createPinia(), lumen] : [lumen] },
  })
  return { result, wrapper }
}

describe('fixtures', () => {
  it('fixtures.user() is the demo user as a valid wire User, fresh each call, with overrides', () => {
    const a = fixtures.user()
    expect(a).toMatchObject({ email: 'demo@lumen.test', firstName: 'Dana', lastName: 'Demo', photoUrl: null })
    expect(a).toEqual({ id: expect.any(String), email: expect.any(String), firstName: expect.any(String), lastName: expect.any(String), photoUrl: null, createdAt: expect.any(String) })
    const b = fixtures.user({ firstName: 'Ada' })
    expect(b.firstName).toBe('Ada')
    expect(b).not.toBe(fixtures.user())
    expect(fixtures.user().firstName).toBe('Dana')
  })

  it('fixtures.entitlement() defaults to a valid Lumen HR pro answer; tier/features/limits/usage override', () => {
    const pro = fixtures.entitlement()
    expect(pro).toMatchObject({ valid: true, tier: 'pro', productSlug: 'lumen-hr' })
    expect(pro.features?.advanced_reports).toBe(true)
    const starter = fixtures.entitlement({ tier: 'starter', features: { custom: true }, limits: { seats: 10 }, usage: { seats: 9 } })
    expect(starter).toMatchObject({ valid: true, tier: 'starter', features: { custom: true }, limits: { seats: 10 }, usage: { seats: 9 } })
    expect(starter).toHaveProperty('upgradeUrl')
    expect(starter).toHaveProperty('organizationId')
  })

  it('fixtures.entitlement({ tier: null }) is the valid:false shape with null fields', () => {
    const none = fixtures.entitlement({ tier: null })
    expect(none).toMatchObject({ valid: false, tier: null, features: null, limits: null, unitCount: null })
  })
})

describe('createTestingLumen', () => {
  it('defaults: a signed-in demo user in Acme with a pro license, gates answer synchronously, no network', async () => {
    const lumen = createTestingLumen()
    const { result } = withTesting(() => ({ auth: useAuth(), orgs: useOrganizations(), reports: useFeature('advanced_reports'), lic: useLicense() }), lumen)
    expect(result.auth.isAuthenticated.value).toBe(true)
    expect(result.auth.user.value?.firstName).toBe('Dana')
    expect(result.orgs.activeOrganization.value?.name).toBe('Acme Corp')
    expect(result.reports.status.value).toBe('allowed')
    expect(result.lic.tier.value).toBe('pro')
    await lumen.ready
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('user, organizations, activeOrganizationId and entitlements are what the composables see', () => {
    const org = fixtures.organization({ id: 'org_x', name: 'X Ltd' })
    const lumen = createTestingLumen({
      user: fixtures.user({ firstName: 'Ada' }),
      organizations: [fixtures.organization(), org],
      activeOrganizationId: 'org_x',
      entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter', organizationId: 'org_x', limits: { seats: 10 }, usage: { seats: 9 } }) },
    })
    const { result } = withTesting(
      () => ({ auth: useAuth(), orgs: useOrganizations(), reports: useFeature('advanced_reports'), seats: useFeature('seats', { amount: 2 }) }),
      lumen,
    )
    expect(result.auth.user.value?.firstName).toBe('Ada')
    expect(result.orgs.activeOrganizationId.value).toBe('org_x')
    expect(result.orgs.organizations.value).toHaveLength(2)
    expect(result.reports.status.value).toBe('denied')
    expect(result.reports.reason.value).toBe('not_in_tier')
    expect(result.reports.requiredTier.value).toBe('pro')
    expect(result.seats.limit.value).toBe(10)
    expect(result.seats.remaining.value).toBe(1)
    expect(result.seats.canUse.value).toBe(false)
  })

  it('user: null gives a signed-out app (anonymous, gates denied no_license)', () => {
    const lumen = createTestingLumen({ user: null })
    const { result } = withTesting(() => ({ auth: useAuth(), reports: useFeature('advanced_reports') }), lumen)
    expect(result.auth.isAuthenticated.value).toBe(false)
    expect(useLumenStore().status).toBe('anonymous')
    expect(result.reports.status.value).toBe('denied')
    expect(result.reports.reason.value).toBe('no_license')
  })

  it("status: 'restoring' holds everything in loading", () => {
    const lumen = createTestingLumen({ status: 'restoring' })
    const { result } = withTesting(() => ({ auth: useAuth(), reports: useFeature('advanced_reports'), lic: useLicense() }), lumen)
    expect(useLumenStore().status).toBe('restoring')
    expect(result.auth.isLoading.value).toBe(true)
    expect(result.reports.status.value).toBe('loading')
    expect(result.lic.status.value).toBe('loading')
  })

  it("an entitlement of 'loading' or 'error' holds gates there (error is never denied)", () => {
    const loading = withTesting(() => useFeature('advanced_reports'), createTestingLumen({ entitlements: { 'lumen-hr': 'loading' } }))
    expect(loading.result.status.value).toBe('loading')
    loading.wrapper.unmount()
    const failed = withTesting(() => ({ f: useFeature('advanced_reports'), l: useLicense() }), createTestingLumen({ entitlements: { 'lumen-hr': 'error' } }))
    expect(failed.result.f.status.value).toBe('error')
    expect(failed.result.f.isEnabled.value).toBe(false)
    expect(failed.result.l.status.value).toBe('error')
  })

  it('installs Pinia itself when the app has none', () => {
    const { result } = withTesting(() => useAuth(), createTestingLumen(), false)
    expect(result.isAuthenticated.value).toBe(true)
  })

  it('logout, login and uploadPhoto work in memory and update the reactive state', async () => {
    const lumen = createTestingLumen()
    const { result } = withTesting(() => ({ auth: useAuth(), reports: useFeature('advanced_reports') }), lumen)
    await result.auth.uploadPhoto(new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }))
    expect(result.auth.user.value?.photoUrl).toEqual(expect.any(String))
    await result.auth.deletePhoto()
    expect(result.auth.user.value?.photoUrl).toBeNull()
    await result.auth.logout()
    expect(result.auth.isAuthenticated.value).toBe(false)
    expect(result.reports.status.value).toBe('denied')
    await result.auth.login('demo@lumen.test', 'lumen-demo-pass')
    expect(result.auth.isAuthenticated.value).toBe(true)
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('the in-memory client records calls; provided entitlements need no licenses.get', () => {
    const lumen = createTestingLumen()
    withTesting(() => useFeature('advanced_reports'), lumen)
    expect(Array.isArray(lumen.client.calls)).toBe(true)
    expect(lumen.client.calls).not.toContain('licenses.get')
  })

  it('renders gated content as a user component test would', () => {
    const Gate = defineComponent({
      setup() {
        const reports = useFeature('advanced_reports')
        return () => (reports.status.value === 'allowed' ? h('p', 'Reports') : h('p', `Upgrade to ${reports.requiredTier.value ?? '?'}`))
      },
    })
    const starter = mount(Gate, { global: { plugins: [createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } })] } })
    expect(starter.text()).toBe('Upgrade to pro')
    const pro = mount(Gate, { global: { plugins: [createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'pro' }) } })] } })
    expect(pro.text()).toBe('Reports')
    starter.unmount()
    pro.unmount()
  })
})
