import { describe, expect, it } from 'vitest'
import LumenUserButton from '../../../src/components/LumenUserButton.vue'
import { fixtures } from '../../../src/testing/fixtures.js'
import { alerts, mountTesting, until } from './helpers.js'
import { focused, focusedName, itemsOf, menuOf, nameOf, press, pressFocused } from './menuKeys.js'

const orgs = [fixtures.organization(), fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' })]
const trigger = (w: ReturnType<typeof mountTesting>['wrapper']) => w.find('button[aria-haspopup="menu"]')

describe('LumenUserButton', () => {
  it('an avatar button named after the user; the photo when there is one', () => {
    const { wrapper } = mountTesting(LumenUserButton, { user: fixtures.user({ photoUrl: 'https://cdn.example/dana.png' }) })
    const button = trigger(wrapper)
    expect(nameOf(button.element)).toBe('Account menu for Dana Demo')
    expect(button.attributes('aria-expanded')).toBe('false')
    expect(button.find('img').attributes('src')).toBe('https://cdn.example/dana.png')
    expect(menuOf(wrapper)).toBeNull()
  })

  it('keyboard only: opens with name and email, the orgs, "Manage account" and "Sign out"; arrows, Home/End, Escape', async () => {
    const { wrapper } = mountTesting(LumenUserButton, { organizations: orgs }, { props: { accountHref: '/account' } })
    const button = trigger(wrapper)
    await press(button, 'Enter')
    const menu = menuOf(wrapper)!
    expect(nameOf(menu.element)).toBe('Account menu for Dana Demo')
    // The menu is described by who is signed in.
    expect(document.getElementById(menu.attributes('aria-describedby')!)!.textContent).toMatch(/Dana Demo\s*demo@lumen\.test/)
    expect(itemsOf(wrapper)).toEqual(['Acme Corp [checked]', 'Globex', 'Manage account', 'Sign out'])
    expect(nameOf(wrapper.find('[role="group"]').element)).toBe('Organization')
    expect(focusedName()).toBe('Acme Corp')
    await pressFocused('End')
    expect(focusedName()).toBe('Sign out')
    await pressFocused('ArrowUp')
    expect(focused().getAttribute('href')).toBe('/account')
    await pressFocused('m') // type-ahead
    expect(focusedName()).toBe('Manage account')
    await pressFocused('Escape')
    expect(menuOf(wrapper)).toBeNull()
    expect(focused()).toBe(button.element)
  })

  it('keyboard only: "Sign out" calls logout, emits signedOut, and the button goes away', async () => {
    const { wrapper, client, lumen } = mountTesting(LumenUserButton, { organizations: orgs })
    await press(trigger(wrapper), 'ArrowUp')
    expect(focusedName()).toBe('Sign out')
    await pressFocused('Enter')
    await until(() => !!wrapper.emitted('signedOut'), 2_000, 'signed out')
    expect(client.calls).toContain('auth.logout')
    expect(lumen.store?.user).toBeNull()
    expect(trigger(wrapper).exists()).toBe(false)
  })

  it('keyboard only: switching the organization from the menu', async () => {
    const { wrapper, lumen } = mountTesting(LumenUserButton, { organizations: orgs })
    const button = trigger(wrapper)
    await press(button, 'ArrowDown')
    await pressFocused('ArrowDown')
    await pressFocused(' ')
    await until(() => !!wrapper.emitted('switched'), 2_000, 'switched')
    expect(wrapper.emitted('switched')).toEqual([['org_globex']])
    expect(lumen.store?.activeOrganizationId).toBe('org_globex')
    expect(wrapper.find('[aria-live="polite"]').text()).toBe('Switched to Globex.')
    expect(focused()).toBe(button.element)
    await press(button, 'ArrowDown')
    expect(itemsOf(wrapper).slice(0, 2)).toEqual(['Acme Corp', 'Globex [checked]'])
  })

  it('a failed switch is announced and emits failed', async () => {
    const { wrapper } = mountTesting(LumenUserButton, { organizations: orgs, fail: { 'POST /auth/switch-org': 'network' } })
    await press(trigger(wrapper), 'ArrowDown')
    await pressFocused('ArrowDown')
    await pressFocused('Enter')
    await until(() => alerts(wrapper) !== '', 2_000, 'error')
    expect(alerts(wrapper)).toMatch(/could not be reached/)
    expect(wrapper.emitted('failed')).toEqual([['NETWORK_ERROR']])
  })

  it('no orgs listed with showOrganizations: false; account and items slots add menu items', async () => {
    const { wrapper } = mountTesting(LumenUserButton, { organizations: orgs }, {
      props: { showOrganizations: false },
      slots: {
        account: `<template #account="{ itemProps }"><button v-bind="itemProps" type="button">Profile</button></template>`,
        items: `<template #items="{ itemProps }"><a v-bind="itemProps" href="/billing">Billing</a></template>`,
      },
    })
    await trigger(wrapper).trigger('click')
    expect(itemsOf(wrapper)).toEqual(['Profile', 'Billing', 'Sign out'])
    expect(wrapper.find('[role="group"]').exists()).toBe(false)

    // accountUrl: the first name of accountHref.
    const named = mountTesting(LumenUserButton, { organizations: orgs }, { props: { accountUrl: '/me', showOrganizations: false } }).wrapper
    await trigger(named).trigger('click')
    expect(named.find('a[href="/me"]').text()).toBe('Manage account')
  })

  it('signed out: nothing to open; while the session is restored, a busy placeholder', () => {
    expect(trigger(mountTesting(LumenUserButton, { user: null }).wrapper).exists()).toBe(false)
    const restoring = mountTesting(LumenUserButton, { user: null, status: 'restoring' }).wrapper
    expect(restoring.find('[role="status"]').attributes('aria-label')).toBe('Loading your account…')
  })
})
