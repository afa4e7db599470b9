import { describe, expect, it, vi } from 'vitest'
import LumenOrgSwitcher from '../../../src/components/LumenOrgSwitcher.vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { useFakeApi } from '../vue/fakeApi.js'
import { alerts, apiLumen, mountApi, mountTesting, until } from './helpers.js'
import { focused, focusedName, itemsOf, menuOf, nameOf, press, pressFocused } from './menuKeys.js'

const api = useFakeApi()
const orgs = [
  fixtures.organization({ logoUrl: 'https://cdn.example/acme.png' }),
  fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' }),
  fixtures.organization({ id: 'org_initech', name: 'Initech', slug: 'initech', role: 'admin', logoUrl: 'javascript:alert(1)' }),
  fixtures.organization({ id: 'org_gringotts', name: 'Gringotts', slug: 'gringotts', role: 'member' }),
]
const trigger = (w: ReturnType<typeof mountTesting>['wrapper']) => w.find('button[aria-haspopup="menu"]')

describe('LumenOrgSwitcher', () => {
  it('a menu button named "Organization" + the active org; closed until asked', () => {
    const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    const button = trigger(wrapper)
    expect(nameOf(button.element)).toBe('Organization Acme Corp')
    expect(button.attributes('aria-expanded')).toBe('false')
    expect(button.attributes('aria-controls')).toBeUndefined()
    expect(wrapper.find('select').exists()).toBe(false)
    expect(menuOf(wrapper)).toBeNull()
    // The active org's logo sits in the button; it is decorative (the name is written next to it).
    expect(button.find('img').attributes()).toMatchObject({ src: 'https://cdn.example/acme.png', alt: '' })
  })

  it('keyboard only: ArrowDown opens on the first org; arrows wrap, Home/End jump; Escape closes and focus returns', async () => {
    const { wrapper, client } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    const button = trigger(wrapper)
    ;(button.element as HTMLElement).focus()
    await press(button, 'ArrowDown')
    const menu = menuOf(wrapper)!
    expect(button.attributes('aria-expanded')).toBe('true')
    expect(button.attributes('aria-controls')).toBe(menu.attributes('id'))
    expect(nameOf(menu.element)).toBe('Organization')
    expect(itemsOf(wrapper)).toEqual(['Acme Corp [checked]', 'Globex', 'Initech', 'Gringotts'])
    expect(wrapper.findAll('[role="menuitemradio"]').map((i) => i.attributes('tabindex'))).toEqual(['-1', '-1', '-1', '-1'])
    expect(focusedName()).toBe('Acme Corp')
    await pressFocused('ArrowDown')
    expect(focusedName()).toBe('Globex')
    await pressFocused('End')
    expect(focusedName()).toBe('Gringotts')
    await pressFocused('ArrowDown') // wraps to the top
    expect(focusedName()).toBe('Acme Corp')
    await pressFocused('ArrowUp') // and back to the bottom
    expect(focusedName()).toBe('Gringotts')
    await pressFocused('Home')
    expect(focusedName()).toBe('Acme Corp')
    await pressFocused('Escape')
    expect(menuOf(wrapper)).toBeNull()
    expect(focused()).toBe(button.element)
    expect(button.attributes('aria-expanded')).toBe('false')
    expect(client.calls).not.toContain('me.switchOrg')
  })

  it('keyboard only: ArrowUp opens on the last org; Enter and Space on the button open on the first', async () => {
    const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    const button = trigger(wrapper)
    await press(button, 'ArrowUp')
    expect(focusedName()).toBe('Gringotts')
    await pressFocused('Escape')
    for (const key of ['Enter', ' ']) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
      button.element.dispatchEvent(event)
      await until(() => menuOf(wrapper) !== null, 1_000, 'menu')
      // Handled on keydown: the browser's click from Enter/Space must not toggle it shut again.
      expect(event.defaultPrevented).toBe(true)
      expect(focusedName()).toBe('Acme Corp')
      await pressFocused('Escape')
    }
  })

  it('type-ahead: letters jump to the next org starting with them; the same letter cycles; two letters search', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
      await press(trigger(wrapper), 'ArrowDown')
      await pressFocused('i')
      expect(focusedName()).toBe('Initech')
      vi.setSystemTime(Date.now() + 1_000)
      await pressFocused('g')
      expect(focusedName()).toBe('Gringotts')
      vi.setSystemTime(Date.now() + 100)
      await pressFocused('g') // same letter again: the next "g"
      expect(focusedName()).toBe('Globex')
      vi.setSystemTime(Date.now() + 1_000)
      await pressFocused('G')
      vi.setSystemTime(Date.now() + 100)
      await pressFocused('r') // "gr"
      expect(focusedName()).toBe('Gringotts')
      vi.setSystemTime(Date.now() + 1_000)
      await pressFocused('z') // no match: focus stays
      expect(focusedName()).toBe('Gringotts')
      expect(menuOf(wrapper)).not.toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('keyboard only: Enter on another org switches to it, closes the menu, focus back on the button', async () => {
    const { wrapper, lumen, client } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    const button = trigger(wrapper)
    await press(button, 'ArrowDown')
    await pressFocused('ArrowDown')
    await pressFocused('Enter')
    await until(() => !!wrapper.emitted('switched'), 2_000, 'switched')
    expect(wrapper.emitted('switched')).toEqual([['org_globex']])
    expect(client.calls.filter((c) => c === 'me.switchOrg')).toHaveLength(1)
    expect(lumen.store?.activeOrganizationId).toBe('org_globex')
    expect(menuOf(wrapper)).toBeNull()
    expect(focused()).toBe(button.element)
    expect(nameOf(button.element)).toBe('Organization Globex')
    await press(button, 'Enter')
    expect(itemsOf(wrapper)).toEqual(['Acme Corp', 'Globex [checked]', 'Initech', 'Gringotts'])
  })

  it('Space selects too; choosing the active org again makes no call', async () => {
    const { wrapper, client } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    await press(trigger(wrapper), 'ArrowDown')
    await pressFocused(' ')
    expect(menuOf(wrapper)).toBeNull()
    expect(client.calls).not.toContain('me.switchOrg')
    expect(wrapper.emitted('switched')).toBeUndefined()
  })

  it('each org: logo (only from a safe URL) or initials, name and the role; the mouse works too', async () => {
    const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    await trigger(wrapper).trigger('click')
    const items = wrapper.findAll('[role="menuitemradio"]')
    expect(items.map((i) => nameOf(document.getElementById(i.attributes('aria-describedby')!)!))).toEqual(['Owner', 'Member', 'Admin', 'Member'])
    expect(items[0]!.find('img').attributes('src')).toBe('https://cdn.example/acme.png')
    expect(items[2]!.find('img').exists()).toBe(false) // javascript: is never an image source
    expect(items[2]!.find('.lumen-avatar').text()).toBe('I')
    expect(items[1]!.find('.lumen-avatar').text()).toBe('G')
    expect(focusedName()).toBe('Acme Corp')
    await items[2]!.trigger('click')
    await until(() => !!wrapper.emitted('switched'), 2_000, 'switched')
    expect(wrapper.emitted('switched')).toEqual([['org_initech']])
  })

  it('Tab or a press outside closes the menu without moving focus back', async () => {
    const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: orgs })
    await press(trigger(wrapper), 'ArrowDown')
    await pressFocused('Tab')
    expect(menuOf(wrapper)).toBeNull()
    await trigger(wrapper).trigger('click')
    expect(menuOf(wrapper)).not.toBeNull()
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    await until(() => menuOf(wrapper) === null, 1_000, 'closed')
    // a click on the button toggles it
    await trigger(wrapper).trigger('click')
    await trigger(wrapper).trigger('click')
    expect(menuOf(wrapper)).toBeNull()
  })

  it('slots: item content and a footer item ("Create organization") reachable by keyboard', async () => {
    const { wrapper } = mountTesting(LumenOrgSwitcher, { organizations: orgs.slice(0, 2) }, {
      slots: {
        item: `<template #item="{ organization, active }">{{ organization.slug }}{{ active ? ' (current)' : '' }}</template>`,
        footer: `<template #footer="{ itemProps }"><a v-bind="itemProps" href="/orgs/new">New team</a></template>`,
      },
    })
    await press(trigger(wrapper), 'ArrowUp')
    expect(itemsOf(wrapper)).toEqual(['acme (current) [checked]', 'globex', 'New team'])
    expect(focusedName()).toBe('New team')
    expect(focused().getAttribute('href')).toBe('/orgs/new')
    expect(wrapper.find('[role="separator"]').exists()).toBe(true)
  })

  it('createOrganizationHref adds "Create organization"; no organizations: the button says so', async () => {
    const none = mountTesting(LumenOrgSwitcher, { organizations: [] }).wrapper
    expect(nameOf(trigger(none).element)).toBe('Organization No organizations')
    expect(trigger(none).attributes('disabled')).toBeDefined()

    const create = mountTesting(LumenOrgSwitcher, { organizations: [] }, { props: { createOrganizationHref: '/orgs/new' } }).wrapper
    expect(trigger(create).attributes('disabled')).toBeUndefined()
    await press(trigger(create), 'ArrowDown')
    expect(itemsOf(create)).toEqual(['Create organization'])
    expect(focused().getAttribute('href')).toBe('/orgs/new')
  })

  it('against an API: busy while switching (items disabled, status announced), then the new org is active', async () => {
    const lumen = apiLumen(api.url)
    const wrapper = await mountApi(LumenOrgSwitcher, lumen)
    await signIn(lumen)
    api.calls.length = 0
    api.hook = (call) => (call.path === '/auth/switch-org' ? 150 : undefined)
    try {
      const button = wrapper.find('button[aria-haspopup="menu"]')
      await until(() => nameOf(button.element) === 'Organization Acme Corp', 3_000, 'orgs')
      await press(button, 'ArrowDown')
      await pressFocused('g')
      expect(focusedName()).toBe('Globex')
      await pressFocused('Enter')
      expect(wrapper.attributes('data-state')).toBe('switching')
      expect(button.attributes('aria-busy')).toBe('true')
      expect(wrapper.find('[aria-live="polite"]').text()).toBe('Switching organization…')
      await press(button, 'ArrowDown') // reopened mid-switch: nothing can be chosen
      expect(wrapper.findAll('[role="menuitemradio"]').every((i) => i.attributes('aria-disabled') === 'true')).toBe(true)
      await pressFocused('Escape')
      await until(() => !!wrapper.emitted('switched'), 3_000, 'switched')
      expect(button.attributes('aria-busy')).toBe('false')
      expect(nameOf(button.element)).toBe('Organization Globex')
      expect(wrapper.find('[aria-live="polite"]').text()).toBe('Switched to Globex.')
      expect(lumen.store?.activeOrganizationId).toBe('org_globex')
      expect(api.count('/auth/switch-org', 'POST')).toBe(1)
    } finally {
      api.hook = null
    }
  })

  it('against an API: a failed switch is announced and the previous org stays checked', async () => {
    const lumen = apiLumen(api.url)
    const wrapper = await mountApi(LumenOrgSwitcher, lumen)
    await signIn(lumen)
    const button = wrapper.find('button[aria-haspopup="menu"]')
    await until(() => nameOf(button.element) === 'Organization Acme Corp', 3_000, 'orgs')
    api.hook = (call) => (call.path === '/auth/switch-org' ? { status: 403, code: 'NOT_A_MEMBER' } : undefined)
    try {
      await press(button, 'ArrowUp')
      await pressFocused('Enter')
      await until(() => alerts(wrapper) !== '', 3_000, 'error')
      expect(alerts(wrapper)).toBe('Something went wrong. Please try again.')
      expect(wrapper.emitted('failed')).toEqual([['NOT_A_MEMBER']])
      expect(nameOf(button.element)).toBe('Organization Acme Corp')
      await press(button, 'ArrowDown')
      expect(itemsOf(wrapper)[0]).toBe('Acme Corp [checked]')
      expect(lumen.store?.activeOrganizationId).toBe('org_acme')
    } finally {
      api.hook = null
    }
  })
})

/** Sign the demo user in through the app's own store (the component under test is not a login form). */
async function signIn(lumen: ReturnType<typeof apiLumen>) {
  await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
}
