// Every useAuth flow against a real local HTTP API: state after each, and no secret in devtools.
import { describe, expect, it } from 'vitest'
import { isLumenApiError, isUnauthorizedError, isValidationError } from '../../../src/client/guards.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useLumenStore } from '../../../src/stores/lumen.js'
import { fakeApiSuite, testLumen, withSetup } from '../vue/helpers.js'

const { api, mount } = fakeApiSuite()

async function setup() {
  const lumen = testLumen(api.url)
  const s = mount(withSetup(() => ({ auth: useAuth(), store: useLumenStore() }), [lumen]))
  await lumen.ready
  // What Vue devtools shows: every action's arguments and result.
  const devtools: unknown[] = []
  s.result.store.$onAction(({ name, args, after, onError }) => {
    devtools.push(name, args)
    after((r) => devtools.push(r))
    onError((e) => devtools.push(e))
  })
  return { ...s.result, devtools }
}

describe('useAuth', () => {
  it('register signs in with the new user and org; isLoading while it runs', async () => {
    const { auth, store, devtools } = await setup()
    api.hook = (c) => (c.path === '/auth/register' ? 30 : undefined)
    const pending = auth.register({ email: 'new@lumen.test', password: 'n3w-secret-pw', firstName: 'Nia', lastName: 'New', organizationName: 'Nia Ltd' })
    expect(auth.isLoading.value).toBe(true)
    const user = await pending
    expect(auth.isLoading.value).toBe(false)
    expect(user.firstName).toBe('Nia')
    expect(auth.user.value?.email).toBe('new@lumen.test')
    expect(store.organizations.map((o) => o.name)).toEqual(['Nia Ltd'])
    expect(JSON.stringify([devtools, store.$state])).not.toContain('n3w-secret-pw')
  })

  it('acceptInvitation creates the account and signs in', async () => {
    const { auth, store, devtools } = await setup()
    const user = await auth.acceptInvitation({ token: 'inv_ok', firstName: 'Ivy', lastName: 'Invited', password: 'inv-secret-pw' })
    expect(user.firstName).toBe('Ivy')
    expect(auth.isAuthenticated.value).toBe(true)
    expect(store.activeOrganizationId).toBe('org_globex')
    await expect(auth.acceptInvitation({ token: 'inv_used', firstName: 'A', lastName: 'B', password: 'inv-secret-pw' })).rejects.toMatchObject({ name: 'ConflictError' })
    expect(auth.error.value?.code).toBe('INVITATION_USED')
    expect(JSON.stringify([devtools, store.$state, auth.error.value])).not.toMatch(/inv_ok|inv_used|inv-secret-pw/)
  })

  it('requestPasswordReset and resetPassword do not sign in; a bad token sets error', async () => {
    const { auth, store, devtools } = await setup()
    await auth.requestPasswordReset('demo@lumen.test')
    await auth.resetPassword('rst_ok', 'brand-new-pw')
    expect(auth.isAuthenticated.value).toBe(false)
    expect(auth.error.value).toBeNull()
    await expect(auth.resetPassword('rst_bad', 'brand-new-pw')).rejects.toMatchObject({ name: 'ValidationError' })
    expect(auth.error.value).toMatchObject({ name: 'ValidationError', code: 'INVALID_TOKEN' })
    // Plain data, yet the client's guards read it as the error it came from.
    expect([isValidationError(auth.error.value), isLumenApiError(auth.error.value), isUnauthorizedError(auth.error.value)]).toEqual([true, true, false])
    expect(Object.keys(auth.error.value!).sort()).toEqual(['code', 'message', 'name', 'requestId', 'status'])
    expect(api.count('/auth/me')).toBe(0)
    expect(JSON.stringify([devtools, store.$state, auth.error.value])).not.toMatch(/rst_ok|rst_bad|brand-new-pw/)
  })

  it('refreshUser re-reads /auth/me into the reactive user', async () => {
    const { auth } = await setup()
    await auth.login('demo@lumen.test', 'lumen-demo-pass')
    const entry = api.users.get('demo@lumen.test')!
    entry.user = { ...entry.user, firstName: 'Danielle' }
    const me = await auth.refreshUser()
    expect(auth.user.value?.firstName).toBe('Danielle')
    expect(me.user.firstName).toBe('Danielle') // the /auth/me answer, as client.me.get() gives it
    entry.user = { ...entry.user, firstName: 'Dana' }
  })
})
