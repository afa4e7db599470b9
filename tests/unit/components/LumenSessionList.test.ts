import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import LumenSessionList from '../../../src/components/LumenSessionList.vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { useFakeApi } from '../vue/fakeApi.js'
import { alerts, apiLumen, button, buttons, mountApi, mountTesting, until } from './helpers.js'
import { enter, focused, tab } from './keyboard.js'

const api = useFakeApi()
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0 Safari/537.36'
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()
const sessions = [
  fixtures.session({ lastActiveAt: ago(3 * 86_400_000 + 60_000) }),
  fixtures.session({ id: 'ses_other', current: false, userAgent: CHROME_WIN, ipAddress: '198.51.100.4', lastActiveAt: ago(5 * 60_000 + 40_000) }),
]
/** Each row's details, as the separate pieces a user reads. */
const rows = (w: Parameters<typeof alerts>[0]) => w.findAll('.lumen-sessions__item').map((li) => li.findAll('.lumen-sessions__details > li').map((p) => p.text()).join(' | '))

describe('LumenSessionList', () => {
  it('shows loading first, then each session: device, IP, last active, a "This device" badge', async () => {
    const { wrapper } = mountTesting(LumenSessionList, { sessions })
    expect(wrapper.attributes('data-state')).toBe('loading')
    expect(wrapper.findAll('[role="status"]').map((s) => s.text())).toContain('Loading sessions…')
    await flushPromises()
    expect(wrapper.attributes('data-state')).toBe('ready')
    // A region named by its heading (landmark navigation finds it).
    expect(document.getElementById(wrapper.attributes('aria-labelledby')!)?.textContent?.trim()).toBe('Active sessions')
    const [current, other] = rows(wrapper)
    // Last active as a relative time (an age rounds down), the date and time on hover.
    expect(current).toBe('Firefox · Linux | This device | IP address 203.0.113.7 | Last active 3 days ago')
    expect(other).toBe('Chrome · Windows | IP address 198.51.100.4 | Last active 5 minutes ago')
    const hover = wrapper.findAll('.lumen-sessions__details > li[title]').map((li) => li.attributes('title'))
    expect(hover).toHaveLength(2)
    expect(hover[1]).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(sessions[1]!.lastActiveAt)))
    // this device cannot be revoked from the list (that is signing out)
    expect(buttons(wrapper, /^Sign out (?!all)/).map((b) => b.attributes('aria-label'))).toEqual(['Sign out Chrome · Windows'])
  })

  it('revoke asks first (cancel keeps the row), then removes the row and emits revoked', async () => {
    const { wrapper, client } = mountTesting(LumenSessionList, { sessions })
    await flushPromises()
    await button(wrapper, 'Sign out Chrome · Windows').trigger('click')
    expect(wrapper.text()).toContain('Sign out this session?')
    await button(wrapper, 'Cancel').trigger('click')
    expect(rows(wrapper)).toHaveLength(2)
    expect(client.calls).not.toContain('auth.sessions.revoke')
    await button(wrapper, 'Sign out Chrome · Windows').trigger('click')
    await button(wrapper, 'Yes, sign out').trigger('click')
    await until(() => rows(wrapper).length === 1, 2_000, 'row removed')
    expect(rows(wrapper)[0]).toContain('This device')
    expect(wrapper.emitted('revoked')).toEqual([['ses_other']])
    expect(buttons(wrapper, 'Sign out Chrome · Windows')).toHaveLength(0)
  })

  it('keyboard only: Tab to "Sign out", Enter asks with focus on Cancel; Cancel returns focus; "Yes" signs out, says so, and focus stays in the list', async () => {
    const three = [...sessions, fixtures.session({ id: 'ses_third', current: false, userAgent: null })]
    const { wrapper, client } = mountTesting(LumenSessionList, { sessions: three })
    await flushPromises()
    const revokeChrome = () => button(wrapper, 'Sign out Chrome · Windows').element
    while (focused() !== revokeChrome()) await tab()
    await enter()
    expect(wrapper.find('[role="group"]').attributes('aria-label')).toBe('Sign out this session?')
    expect(focused().textContent?.trim()).toBe('Cancel')
    await enter()
    expect(focused()).toBe(revokeChrome())
    expect(client.calls).not.toContain('auth.sessions.revoke')

    await enter()
    await tab(true) // Shift+Tab from Cancel to "Yes, sign out"
    expect(focused().textContent?.trim()).toBe('Yes, sign out')
    await enter()
    await until(() => rows(wrapper).length === 2, 2_000, 'row removed')
    await flushPromises()
    expect(wrapper.findAll('[role="status"]').map((s) => s.text())).toEqual(['Chrome · Windows has been signed out.'])
    // The next "Sign out" has focus, not the page: the user goes on from where they were.
    expect(focused()).toBe(button(wrapper, 'Sign out Unknown device').element)
  })

  it('the confirm slot replaces the default question; confirm: false revokes at once', async () => {
    const slotted = mountTesting(LumenSessionList, { sessions }, {
      slots: { confirm: `<template #confirm="{ session, confirm }"><button type="button" @click="confirm">Really end {{ session.ipAddress }}</button></template>` },
    }).wrapper
    await flushPromises()
    await button(slotted, 'Sign out Chrome · Windows').trigger('click')
    await button(slotted, 'Really end 198.51.100.4').trigger('click')
    await until(() => rows(slotted).length === 1, 2_000, 'row removed')

    const direct = mountTesting(LumenSessionList, { sessions }, { props: { confirm: false } }).wrapper
    await flushPromises()
    await button(direct, 'Sign out Chrome · Windows').trigger('click')
    await until(() => rows(direct).length === 1, 2_000, 'row removed')
  })

  it('"Sign out all other sessions" leaves only this device', async () => {
    const three = [...sessions, fixtures.session({ id: 'ses_third', current: false, userAgent: null })]
    const { wrapper } = mountTesting(LumenSessionList, { sessions: three })
    await flushPromises()
    expect(rows(wrapper)[2]).toMatch(/^Unknown device/)
    await button(wrapper, 'Sign out all other sessions').trigger('click')
    expect(wrapper.text()).toContain('Sign out every other session?')
    await button(wrapper, 'Yes, sign out').trigger('click')
    await until(() => rows(wrapper).length === 1, 2_000, 'others removed')
    expect(wrapper.emitted('revokedOthers')).toHaveLength(1)
    expect(buttons(wrapper, 'Sign out all other sessions')).toHaveLength(0)
  })

  it('empty list: says so', async () => {
    const { wrapper } = mountTesting(LumenSessionList, { sessions: [] })
    await flushPromises()
    expect(wrapper.attributes('data-state')).toBe('empty')
    expect(wrapper.text()).toContain('No active sessions.')
  })

  it('against an API: a failed load shows an error with retry; revoking a real session removes its row', async () => {
    const lumen = apiLumen(api.url)
    api.issue('demo@lumen.test') // a second device
    api.hook = (call) => (call.path === '/auth/sessions' ? { status: 500, code: 'INTERNAL' } : undefined)
    const wrapper = await mountApi(LumenSessionList, lumen)
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await until(() => wrapper.attributes('data-state') === 'error', 3_000, 'error state')
    expect(alerts(wrapper)).toBe('Your sessions could not be loaded.')
    expect(rows(wrapper)).toEqual([])
    api.hook = null
    await button(wrapper, 'Try again').trigger('click')
    await until(() => wrapper.attributes('data-state') === 'ready', 3_000, 'list')
    const before = rows(wrapper).length
    expect(before).toBeGreaterThanOrEqual(2)
    const revoke = buttons(wrapper, /^Sign out Firefox/)[0]!
    await revoke.trigger('click')
    await button(wrapper, 'Yes, sign out').trigger('click')
    await until(() => rows(wrapper).length === before - 1, 3_000, 'row removed')
    expect(api.count('/auth/sessions/', 'DELETE')).toBe(1)
  })
})
