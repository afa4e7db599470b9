// @vitest-environment happy-dom
// Conformance (issue 6, useSessions; useOrganizations fields).
import { describe, expect, it } from 'vitest'
import { useAuth, useOrganizations, useSessions } from '../../../src/vue/index.js'
import { ACME, DEMO, GLOBEX, until, useHarness } from './harness.js'

const t = useHarness()

async function signedInWithSessions(options = {}) {
  const m = t.mount(() => ({ auth: useAuth(), sessions: useSessions() }), options)
  await m.lumen.ready
  await m.result.auth.login(DEMO.email, DEMO.password)
  return m
}

describe('useSessions()', () => {
  it('exposes sessions, isLoading, error, refresh, revoke, revokeOthers', async () => {
    const { result, lumen } = t.mount(() => useSessions())
    await lumen.ready
    expect(result.sessions.value).toEqual([])
    expect(result.isLoading.value).toBe(false)
    expect(result.error.value).toBeNull()
    for (const fn of ['refresh', 'revoke', 'revokeOthers'] as const) expect(typeof result[fn]).toBe('function')
  })

  it('loads once signed in; exactly one session is marked current', async () => {
    await t.emu.login(DEMO.email, DEMO.password) // another device
    const { result } = await signedInWithSessions()
    await until(() => result.sessions.sessions.value.length >= 2, 'sessions loaded')
    expect(result.sessions.sessions.value.filter((s) => s.current)).toHaveLength(1)
    expect(result.sessions.sessions.value[0]).toMatchObject({ id: expect.any(String), createdAt: expect.any(String), lastActiveAt: expect.any(String) })
  })

  it('revoke(id) removes another device session from the list', async () => {
    await t.emu.login(DEMO.email, DEMO.password)
    const { result } = await signedInWithSessions()
    await until(() => result.sessions.sessions.value.length >= 2, 'sessions loaded')
    const other = result.sessions.sessions.value.find((s) => !s.current)!
    await result.sessions.revoke(other.id)
    expect(result.sessions.sessions.value.map((s) => s.id)).not.toContain(other.id)
    expect(result.auth.isAuthenticated.value).toBe(true)
  })

  it('revokeOthers() leaves only the current session', async () => {
    await t.emu.login(DEMO.email, DEMO.password)
    await t.emu.login(DEMO.email, DEMO.password)
    const { result } = await signedInWithSessions()
    await until(() => result.sessions.sessions.value.length >= 3, 'sessions loaded')
    await result.sessions.revokeOthers()
    await result.sessions.refresh()
    expect(result.sessions.sessions.value).toHaveLength(1)
    expect(result.sessions.sessions.value[0]!.current).toBe(true)
  })

  it('revoking the current session signs this device out', async () => {
    const { result } = await signedInWithSessions()
    await until(() => result.sessions.sessions.value.some((s) => s.current), 'current loaded')
    const current = result.sessions.sessions.value.find((s) => s.current)!
    await result.sessions.revoke(current.id)
    await until(() => !result.auth.isAuthenticated.value, 'signed out')
  })

  it('a failed refresh sets error (plain data) and isLoading goes back to false', async () => {
    const { result } = await signedInWithSessions()
    await until(() => !result.sessions.isLoading.value && result.sessions.sessions.value.length > 0, 'loaded')
    await t.emu.fault({ route: '/auth/sessions', method: 'GET', status: 500 })
    await result.sessions.refresh().catch(() => undefined)
    expect(result.sessions.error.value).toMatchObject({ status: 500 })
    expect(result.sessions.isLoading.value).toBe(false)
  })
})

describe('useOrganizations()', () => {
  it('lists both demo orgs with roles; activeOrganization matches activeOrganizationId', async () => {
    const { result, lumen } = t.mount(() => ({ auth: useAuth(), orgs: useOrganizations() }))
    await lumen.ready
    expect(result.orgs.organizations.value).toEqual([])
    expect(result.orgs.activeOrganization.value).toBeNull()
    expect(result.orgs.isSwitching.value).toBe(false)
    await result.auth.login(DEMO.email, DEMO.password)
    const byId = Object.fromEntries(result.orgs.organizations.value.map((o) => [o.id, o]))
    expect(byId[ACME.id]).toMatchObject({ name: ACME.name, role: 'owner' })
    expect(byId[GLOBEX.id]).toMatchObject({ name: GLOBEX.name, role: 'member' })
    expect(result.orgs.activeOrganization.value?.id).toBe(result.orgs.activeOrganizationId.value)
  })
})
