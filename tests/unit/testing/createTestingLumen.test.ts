import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { useOrganizations } from '../../../src/composables/useOrganizations.js'
import { createTestingLumen } from '../../../src/testing/plugin.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { until } from '../vue/helpers.js'

const Gate = defineComponent({
  props: { feature: { type: String, required: true } },
  setup(props) {
    const f = useFeature(() => props.feature)
    return () => h('p', { 'data-status': f.status.value }, `${f.status.value}:${f.reason.value}:${f.requiredTier.value ?? '-'}`)
  },
})

describe('createTestingLumen', () => {
  it('renders gates from fixtures with no network and installs Pinia itself', async () => {
    const lumen = createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } })
    const w = mount(Gate, { props: { feature: 'advanced_reports' }, global: { plugins: [lumen] } })
    await until(() => w.text() === 'denied:not_in_tier:pro', 1000, w.text())
    await w.setProps({ feature: 'employee_export' })
    expect(w.text()).toBe('allowed:ok:starter')
    expect(lumen.client.calls.filter((c) => c === 'licenses.get')).toHaveLength(0)
    w.unmount()
  })

  it('holds gates in loading or error when asked', async () => {
    const loading = mount(Gate, { props: { feature: 'sso' }, global: { plugins: [createTestingLumen({ entitlements: { 'lumen-hr': 'loading' } })] } })
    const failing = mount(Gate, { props: { feature: 'sso' }, global: { plugins: [createTestingLumen({ entitlements: { 'lumen-hr': 'error' } })] } })
    await nextTick()
    expect(loading.find('p').attributes('data-status')).toBe('loading')
    expect(failing.find('p').attributes('data-status')).toBe('error')
  })

  it('drives auth and org flows in memory', async () => {
    const lumen = createTestingLumen({
      user: null,
      organizations: [fixtures.organization(), fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' })],
    })
    let auth!: ReturnType<typeof useAuth>
    let orgs!: ReturnType<typeof useOrganizations>
    let license!: ReturnType<typeof useLicense>
    mount(defineComponent({ setup: () => ((auth = useAuth()), (orgs = useOrganizations()), (license = useLicense()), () => null) }), { global: { plugins: [lumen] } })
    expect(auth.isAuthenticated.value).toBe(false)
    expect(license.status.value).toBe('invalid')
    const user = await auth.login('demo@lumen.test', 'lumen-demo-pass')
    expect(user.firstName).toBe('Dana')
    expect(orgs.activeOrganizationId.value).toBe('org_acme')
    await until(() => license.status.value === 'valid')
    await orgs.switchOrg('org_globex')
    expect(orgs.activeOrganization.value?.name).toBe('Globex')
    await until(() => license.license.value?.organizationId === 'org_globex')
    await auth.logout()
    expect(auth.user.value).toBeNull()
  })
})

describe('createTestingLumen options and fixtures', () => {
  it('status, activeOrganizationId and organizations seed the store as given', async () => {
    const globex = fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' })
    let auth!: ReturnType<typeof useAuth>
    let orgs!: ReturnType<typeof useOrganizations>
    let license!: ReturnType<typeof useLicense>
    const Probe = defineComponent({ setup: () => ((auth = useAuth()), (orgs = useOrganizations()), (license = useLicense()), () => null) })
    const wrappers = [] as Array<{ unmount(): void }>
    wrappers.push(mount(Probe, {
      global: { plugins: [createTestingLumen({ organizations: [fixtures.organization(), globex], activeOrganizationId: 'org_globex', entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'enterprise' }) } })] },
    }))
    expect(orgs.activeOrganization.value?.name).toBe('Globex')
    expect(license.tier.value).toBe('enterprise')
    expect(license.license.value?.organizationId).toBe('org_globex')

    wrappers.push(mount(Probe, { global: { plugins: [createTestingLumen({ status: 'restoring' })] } }))
    expect(auth.isLoading.value).toBe(true)
    expect(license.status.value).toBe('loading')

    wrappers.push(mount(Probe, { global: { plugins: [createTestingLumen({ user: null })] } }))
    expect(auth.isAuthenticated.value).toBe(false)
    expect(orgs.organizations.value).toEqual([])
    for (const w of wrappers) w.unmount()
  })

  it('fixtures.entitlement takes tier, features, limits and usage; fixtures.user takes overrides', () => {
    const e = fixtures.entitlement({ tier: 'starter', features: { beta: true }, limits: { seats: 3 }, usage: { seats: 3 } })
    expect(e).toMatchObject({ valid: true, tier: 'starter', features: { beta: true }, limits: { seats: 3 }, usage: { seats: 3 } })
    expect(fixtures.entitlement({ tier: null })).toMatchObject({ valid: false, tier: null, features: null, limits: null, unitCount: null })
    expect(fixtures.entitlement({ status: 'trial' }).remainingDays).toBe(14)
    expect(fixtures.user({ firstName: 'Zoe' })).toMatchObject({ firstName: 'Zoe', email: 'demo@lumen.test', photoUrl: null })
    expect(fixtures.user()).not.toBe(fixtures.user()) // a fresh object each call
    expect(Object.keys(fixtures).sort()).toEqual(['entitlement', 'license', 'me', 'organization', 'product', 'session', 'user'])
  })

  it('a gate on limits from fixtures: limit_reached at the limit', async () => {
    const lumen = createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ limits: { seats: 3 }, usage: { seats: 3 } }) } })
    const w = mount(Gate, { props: { feature: 'seats' }, global: { plugins: [lumen] } })
    await until(() => w.text().startsWith('denied:limit_reached'), 1000, w.text())
    w.unmount()
  })
})
