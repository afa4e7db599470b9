import { describe, expect, it } from 'vitest'
import LumenOrgSwitcher from '../../../src/components/LumenOrgSwitcher.vue'
import { fixtures } from '../../../src/testing/fixtures.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFakeApi } from '../vue/fakeApi.js'
import { alerts, apiLumen, byLabel, mountApi, mountTesting, until } from './helpers.js'

const api = useFakeApi()
const orgs = [fixtures.organization(), fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' })]

describe('LumenOrgSwitcher', () => {
  it('a labelled native select lists the organizations with the active one selected', () => {
    const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    const select = byLabel(wrapper, 'Organization')
    expect(select.element.tagName).toBe('SELECT')
    expect(select.findAll('option').map((o) => [o.text(), o.attributes('value')])).toEqual([
      ['Acme Corp', 'org_acme'],
      ['Globex', 'org_globex'],
    ])
    expect(select.element.value).toBe('org_acme')
    expect(select.attributes('disabled')).toBeUndefined()
  })

  it('choosing another organization switches the active org and emits switched', async () => {
    const { wrapper, lumen, client } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    await byLabel(wrapper, 'Organization').setValue('org_globex')
    await until(() => !!wrapper.emitted('switched'))
    expect(wrapper.emitted('switched')).toEqual([['org_globex']])
    expect(client.calls).toContain('me.switchOrg')
    expect(lumen.store?.activeOrganizationId).toBe('org_globex')
    expect(byLabel(wrapper, 'Organization').element.value).toBe('org_globex')
  })

  it('against an API: disabled and busy while switching, then the new org is active', async () => {
    const lumen = apiLumen(api.url)
    const wrapper = await mountApi(LumenOrgSwitcher, lumen)
    await signIn(lumen)
    api.calls.length = 0
    api.hook = (call) => (call.path === '/auth/switch-org' ? 150 : undefined)
    try {
      await until(() => byLabel(wrapper, 'Organization').findAll('option').length > 1, 3_000, 'orgs')
      const select = byLabel(wrapper, 'Organization')
      await select.setValue('org_globex')
      expect(select.attributes('disabled')).toBeDefined()
      expect(select.attributes('aria-busy')).toBe('true')
      await until(() => !!wrapper.emitted('switched'), 3_000, 'switched')
      expect(select.attributes('disabled')).toBeUndefined()
      expect(select.element.value).toBe('org_globex')
      expect(lumen.store?.activeOrganizationId).toBe('org_globex')
      expect(api.count('/auth/switch-org', 'POST')).toBe(1)
    } finally {
      api.hook = null
    }
  })

  it('a failed switch is announced and the previous org stays selected', async () => {
    const lumen = apiLumen(api.url)
    const wrapper = await mountApi(LumenOrgSwitcher, lumen)
    await signIn(lumen)
    await until(() => byLabel(wrapper, 'Organization').findAll('option').length > 1, 3_000, 'orgs')
    api.hook = (call) => (call.path === '/auth/switch-org' ? { status: 403, code: 'NOT_A_MEMBER' } : undefined)
    try {
      await byLabel(wrapper, 'Organization').setValue('org_globex')
      await until(() => alerts(wrapper) !== '', 3_000, 'error')
      expect(alerts(wrapper)).toBe('Something went wrong. Please try again.')
      expect(wrapper.emitted('failed')).toEqual([['NOT_A_MEMBER']])
      expect(byLabel(wrapper, 'Organization').element.value).toBe('org_acme')
      expect(lumen.store?.activeOrganizationId).toBe('org_acme')
    } finally {
      api.hook = null
    }
  })

  it('no organizations: a disabled select that says so', () => {
    const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: [] })
    const select = byLabel(wrapper, 'Organization')
    expect(select.attributes('disabled')).toBeDefined()
    expect(select.text()).toBe('No organizations')
  })
})

/** Sign the demo user in through the app's own store (the component under test is not a login form). */
async function signIn(lumen: ReturnType<typeof apiLumen>) {
  await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
}
