import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { h } from 'vue'
import type { Decorator } from '@storybook/vue3-vite'
import { pending } from '../../.storybook/lumen.js'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { fixtures } from '../testing/index.js'
import LumenOrgSwitcher from './LumenOrgSwitcher.vue'

// A local logo: stories never load anything from the network.
const LOGO = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0f766e"/><path d="M8 24 16 8l8 16z" fill="#ccfbf1"/></svg>')
const organizations = [
  fixtures.organization({ logoUrl: LOGO }),
  fixtures.organization({ id: 'org_globex', name: 'Globex GmbH', slug: 'globex', role: 'member' }),
  fixtures.organization({ id: 'org_initech', name: 'Initech', slug: 'initech', role: 'admin' }),
]
const several: LumenStoryParameters = { organizations }
const rtl: Decorator = (story) => ({ render: () => h('div', { dir: 'rtl', lang: 'ar' }, [h(story())]) })

const meta = {
  title: 'Components/LumenOrgSwitcher',
  component: LumenOrgSwitcher,
  args: { showLabel: true },
  parameters: { lumen: several },
} satisfies Meta<typeof LumenOrgSwitcher>

export default meta
type Story = StoryObj<typeof meta>

const button = (canvasElement: HTMLElement) => within(canvasElement).getByRole('button', { name: /^Organization|^المؤسسة|^Organisation/ })
/** Open the menu from the keyboard and wait for the first item to take focus. */
async function openByKeyboard(canvasElement: HTMLElement, key = '{ArrowDown}') {
  button(canvasElement).focus()
  await userEvent.keyboard(key)
  const menu = await within(canvasElement).findByRole('menu')
  await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true))
  return within(menu)
}

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(button(canvasElement)).toHaveAccessibleName('Organization Acme Corp')
    await expect(button(canvasElement)).toHaveAttribute('aria-expanded', 'false')
    await expect(within(canvasElement).queryByRole('menu')).not.toBeInTheDocument()
  },
}

export const OpenMenu: Story = {
  play: async ({ canvasElement }) => {
    const menu = await openByKeyboard(canvasElement)
    const items = menu.getAllByRole('menuitemradio')
    await expect(items.map((i) => i.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false'])
    await expect(items[1]).toHaveAccessibleName('Globex GmbH')
    await expect(items[1]).toHaveAccessibleDescription('Member')
  },
}

export const KeyboardSwitch: Story = {
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{End}')
    await expect(document.activeElement).toHaveAccessibleName('Initech')
    await userEvent.keyboard('{ArrowDown}')
    await expect(document.activeElement).toHaveAccessibleName('Acme Corp')
    await userEvent.keyboard('g')
    await expect(document.activeElement).toHaveAccessibleName('Globex GmbH')
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(button(canvasElement)).toHaveAccessibleName('Organization Globex GmbH'))
    await expect(document.activeElement).toBe(button(canvasElement))
    await expect(within(canvasElement).queryByRole('menu')).not.toBeInTheDocument()
  },
}

export const Escape: Story = {
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement, '{ArrowUp}')
    await expect(document.activeElement).toHaveAccessibleName('Initech')
    await userEvent.keyboard('{Escape}')
    await expect(document.activeElement).toBe(button(canvasElement))
    await expect(button(canvasElement)).toHaveAccessibleName('Organization Acme Corp')
  },
}

export const Switching: Story = {
  parameters: { lumen: { ...several, client: (c) => void (c.me.switchOrg = () => pending()) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true'))
    await expect(await within(canvasElement).findByText('Switching organization…')).toBeInTheDocument()
  },
}

export const SwitchFailed: Story = {
  parameters: {
    lumen: { ...several, fail: { 'POST /auth/switch-org': 'network' } } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(/could not be reached/)
    await expect(button(canvasElement)).toHaveAccessibleName('Organization Acme Corp')
  },
}

export const Empty: Story = {
  args: { createOrganizationHref: '#create-organization' },
  parameters: { lumen: { organizations: [] } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(button(canvasElement)).toHaveAccessibleName('Organization No organizations')
    const menu = await openByKeyboard(canvasElement)
    await expect(menu.getByRole('menuitem', { name: 'Create organization' })).toHaveFocus()
  },
}

export const WithFooter: Story = {
  args: { createOrganizationHref: '#create-organization' },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement, '{ArrowUp}')
    await expect(document.activeElement).toHaveAccessibleName('Create organization')
  },
}

export const HiddenLabel: Story = {
  args: { showLabel: false },
  play: async ({ canvasElement }) => {
    await expect(button(canvasElement)).toHaveAccessibleName('Organization Acme Corp')
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { createOrganizationHref: '#create-organization' },
  play: async ({ canvasElement }) => {
    // axe checks the open menu's contrast in the dark palette.
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}')
  },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  decorators: [rtl],
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}')
    await expect(within(canvasElement).getAllByRole('menuitemradio')).toHaveLength(3)
  },
}

/** A slow network: busy while Lumen switches, then the new organization. */
export const SlowSwitch: Story = {
  parameters: { lumen: { ...several, delay: { 'POST /auth/switch-org': 1500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true'))
    await expect(await within(canvasElement).findByText('Switching organization…')).toBeInTheDocument()
    await waitFor(() => expect(button(canvasElement)).toHaveAccessibleName('Organization Globex GmbH'), { timeout: 4000 })
    await expect(button(canvasElement)).not.toHaveAttribute('aria-busy', 'true')
  },
}

export const SwitchServerError: Story = {
  parameters: { lumen: { ...several, fail: { 'POST /auth/switch-org': 500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong. Please try again.')
    await expect(button(canvasElement)).toHaveAccessibleName('Organization Acme Corp')
  },
}

/** A rate limit says how long to wait (the server's `Retry-After`). */
export const SwitchRateLimited: Story = {
  parameters: { lumen: { ...several, fail: { 'POST /auth/switch-org': { status: 429, retryAfter: 240 } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await openByKeyboard(canvasElement)
    await userEvent.keyboard('{ArrowDown}{Enter}')
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Too many attempts. Please try again in 4 minutes.')
    await expect(button(canvasElement)).toHaveAccessibleName('Organization Acme Corp')
  },
}
