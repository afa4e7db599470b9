import type { Decorator, Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { h } from 'vue'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { fixtures } from '../testing/index.js'
import LumenUserButton from './LumenUserButton.vue'

const PHOTO = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#4f46e5"/><circle cx="32" cy="26" r="12" fill="#e0e7ff"/><rect x="14" y="42" width="36" height="22" rx="11" fill="#e0e7ff"/></svg>')
const organizations = [fixtures.organization(), fixtures.organization({ id: 'org_globex', name: 'Globex GmbH', slug: 'globex', role: 'member' })]
const signedIn: LumenStoryParameters = { organizations }
// The menu opens below the button: leave it room, aligned to the end like a header's corner.
const corner: Decorator = (story) => ({ render: () => h('div', { style: 'display:flex;justify-content:flex-end;min-block-size:22rem' }, [h(story())]) })
const rtl: Decorator = (story) => ({ render: () => h('div', { dir: 'rtl', lang: 'ar' }, [h(story())]) })

const meta = {
  title: 'Components/LumenUserButton',
  component: LumenUserButton,
  args: { accountUrl: '#account', showOrganizations: true },
  parameters: { lumen: signedIn },
  decorators: [corner],
} satisfies Meta<typeof LumenUserButton>

export default meta
type Story = StoryObj<typeof meta>

const trigger = (canvasElement: HTMLElement) => within(canvasElement).getByRole('button', { expanded: false })
async function openByKeyboard(canvasElement: HTMLElement, key = '{Enter}') {
  trigger(canvasElement).focus()
  await userEvent.keyboard(key)
  const menu = await within(canvasElement).findByRole('menu')
  await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true))
  return within(menu)
}

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(trigger(canvasElement)).toHaveAccessibleName('Account menu for Dana Demo')
  },
}

export const Open: Story = {
  parameters: { lumen: { ...signedIn, user: fixtures.user({ photoUrl: PHOTO }) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const menu = await openByKeyboard(canvasElement)
    await expect(within(canvasElement).getByRole('menu')).toHaveAccessibleDescription(/Dana Demo\s*demo@lumen\.test/)
    await expect(menu.getAllByRole('menuitemradio')).toHaveLength(2)
    await expect(menu.getByRole('menuitem', { name: 'Manage account' })).toHaveAttribute('href', '#account')
    await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeInTheDocument()
  },
}

export const KeyboardSignOut: Story = {
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement, '{ArrowUp}')
    await expect(document.activeElement).toHaveAccessibleName('Sign out')
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(within(canvasElement).queryByRole('button')).not.toBeInTheDocument())
  },
}

export const KeyboardSwitchOrganization: Story = {
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement, '{ArrowDown}')
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await waitFor(() => expect(document.activeElement).toBe(trigger(canvasElement)))
    const menu = await openByKeyboard(canvasElement)
    await waitFor(() => expect(menu.getByRole('menuitemradio', { name: 'Globex GmbH' })).toHaveAttribute('aria-checked', 'true'))
  },
}

export const Loading: Story = {
  parameters: { lumen: { user: null, status: 'restoring' } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveAccessibleName('Loading your account…')
  },
}

export const NoOrganizations: Story = {
  parameters: { lumen: { organizations: [] } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const menu = await openByKeyboard(canvasElement)
    await expect(menu.queryAllByRole('menuitemradio')).toHaveLength(0)
    await expect(menu.getAllByRole('menuitem').map((i) => i.textContent?.trim())).toEqual(['Manage account', 'Sign out'])
  },
}

export const SwitchFailed: Story = {
  parameters: {
    lumen: { ...signedIn, fail: { 'POST /auth/switch-org': 'network' } } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(/could not be reached/)
  },
}

/** At the start of a header: the menu has no room toward the start, so it opens toward the end. */
export const AtTheStart: Story = {
  decorators: [(story) => ({ render: () => h('div', { style: 'display:flex;justify-content:flex-start;inline-size:100%' }, [h(story())]) })],
  play: async ({ canvasElement }) => {
    const menu = await openByKeyboard(canvasElement)
    const box = within(canvasElement).getByRole('menu').getBoundingClientRect()
    await expect(box.left).toBeGreaterThanOrEqual(0)
    await expect(box.right).toBeLessThanOrEqual(document.documentElement.clientWidth)
    await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeVisible()
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}')
  },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  decorators: [rtl],
  parameters: { lumen: { ...signedIn, user: fixtures.user({ firstName: 'ليلى', lastName: 'حسن' }) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await expect(within(canvasElement).getAllByRole('menuitemradio')).toHaveLength(2)
  },
}
