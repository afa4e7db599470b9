import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { apiError, pending } from '../../.storybook/lumen.js'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { fixtures } from '../testing/index.js'
import LumenOrgSwitcher from './LumenOrgSwitcher.vue'

const organizations = [
  fixtures.organization(),
  fixtures.organization({ id: 'org_globex', name: 'Globex GmbH', slug: 'globex', role: 'member' }),
  fixtures.organization({ id: 'org_initech', name: 'Initech', slug: 'initech', role: 'admin' }),
]
const several: LumenStoryParameters = { organizations }

const meta = {
  title: 'Components/LumenOrgSwitcher',
  component: LumenOrgSwitcher,
  args: { showLabel: true },
} satisfies Meta<typeof LumenOrgSwitcher>

export default meta
type Story = StoryObj<typeof meta>

export const OneOrganization: Story = {
  play: async ({ canvasElement }) => {
    const select = within(canvasElement).getByLabelText('Organization')
    await expect(select).toHaveValue('org_acme')
    await expect(within(select).getAllByRole('option')).toHaveLength(1)
  },
}

export const Several: Story = {
  parameters: { lumen: several },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const select = canvas.getByLabelText('Organization')
    await expect(within(select).getAllByRole('option')).toHaveLength(3)
    await userEvent.selectOptions(select, 'org_globex')
    // The switch is a real request (in memory): the select follows once it is answered.
    await waitFor(() => expect(select).toHaveValue('org_globex'))
    await expect(select).toBeEnabled()
  },
}

export const Switching: Story = {
  parameters: { lumen: { ...several, client: (c) => void (c.me.switchOrg = () => pending()) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.selectOptions(canvas.getByLabelText('Organization'), 'org_initech')
    await expect(canvas.getByLabelText('Organization')).toBeDisabled()
    await expect(await canvas.findByText('Switching organization…')).toBeInTheDocument()
  },
}

export const SwitchFailed: Story = {
  parameters: {
    lumen: {
      ...several,
      client: (c) => void (c.me.switchOrg = () => Promise.reject(apiError('NetworkError', 'NETWORK_ERROR', null))),
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const select = canvas.getByLabelText('Organization')
    await userEvent.selectOptions(select, 'org_globex')
    await expect(await canvas.findByText(/could not be reached/)).toBeVisible()
    // The previous organization stays active.
    await expect(select).toHaveValue('org_acme')
  },
}

export const HiddenLabel: Story = {
  args: { showLabel: false },
  parameters: { lumen: several },
}
