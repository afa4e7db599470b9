import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { fixtures } from '../testing/index.js'
import LumenLicenseBanner from './LumenLicenseBanner.vue'

const license = (input: Parameters<typeof fixtures.entitlement>[0]): LumenStoryParameters => ({ entitlements: { 'lumen-hr': fixtures.entitlement(input) } })
const quiet = { seats: 3, api_calls: 10 }
// Globex: Lumen HR Starter on a trial with 5 days left.
const trialOrg = { lumen: { persona: 'member-trial' } satisfies LumenStoryParameters }

const meta = {
  title: 'Components/LumenLicenseBanner',
  component: LumenLicenseBanner,
  args: { labels: { api_calls: 'API calls' } },
  // Dismissals last for the browser session: each story starts from none.
  beforeEach: () => sessionStorage.clear(),
} satisfies Meta<typeof LumenLicenseBanner>

export default meta
type Story = StoryObj<typeof meta>

export const TrialEnding: Story = {
  parameters: trialOrg,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const banner = await canvas.findByRole('status', { name: 'License notice' })
    await expect(banner).toHaveTextContent('Your trial ends in 5 days.')
    await expect(canvas.getByRole('link', { name: 'Upgrade' })).toBeVisible()
  },
}

export const Dismiss: Story = {
  parameters: trialOrg,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Dismiss' }))
    await expect(canvas.queryByRole('status')).not.toBeInTheDocument()
  },
}

/** Keyboard only: dismissing the last notice hands focus to the page's next control, never to <body>. */
export const DismissByKeyboard: Story = {
  parameters: trialOrg,
  render: (args) => ({
    components: { LumenLicenseBanner },
    setup: () => ({ args }),
    // Controls that can't take focus come first: disabled, hidden, out of the tab order, inert.
    template: `<div><LumenLicenseBanner v-bind="args" /><button type="button" disabled>Disabled</button><input type="hidden" name="h">
      <button type="button" tabindex="-1">Not in the tab order</button><div inert><button type="button">Inert</button></div>
      <button type="button" hidden>Hidden</button><button type="button">Next on the page</button></div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const dismiss = await canvas.findByRole('button', { name: 'Dismiss' })
    dismiss.focus()
    await userEvent.keyboard('{Enter}')
    await expect(canvas.queryByRole('status')).not.toBeInTheDocument()
    await expect(document.activeElement).toBe(canvas.getByRole('button', { name: 'Next on the page' }))
  },
}

export const NoLicense: Story = {
  parameters: { lumen: { persona: 'no-license' } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Your organization has no Lumen HR license.')
    await expect(within(canvasElement).getByRole('link', { name: 'Choose a plan' })).toBeVisible()
  },
}

export const UsageNearLimit: Story = {
  parameters: { lumen: license({ tier: 'starter', usage: { seats: 2, api_calls: 930 } }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('API calls: 930 of 1,000 used (93%).')
  },
}

export const SeatsOverLimit: Story = {
  parameters: { lumen: license({ tier: 'pro', unitCount: 10, usage: { seats: 12, api_calls: 10 } }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Seats: 12 of 10 used.')
  },
}

export const AllFine: Story = {
  parameters: { lumen: { persona: 'owner-pro' } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await new Promise((r) => setTimeout(r, 100))
    await expect(within(canvasElement).queryByRole('status')).not.toBeInTheDocument()
  },
}

export const LicenseServiceDown: Story = {
  parameters: { lumen: { persona: 'no-license', fail: { '/licenses/:slug': 503 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await new Promise((r) => setTimeout(r, 100))
    // Nothing to say for sure: no banner (the gates show the error and a retry).
    await expect(within(canvasElement).queryByRole('status')).not.toBeInTheDocument()
  },
}

export const German: Story = {
  parameters: trialOrg,
  globals: { locale: 'de' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Ihr Testzeitraum endet in 5 Tagen.')
  },
}

export const Arabic: Story = {
  parameters: trialOrg,
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status', { name: 'إشعار الترخيص' })).toHaveAttribute('dir', 'rtl')
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { lumen: license({ tier: 'pro', unitCount: 10, usage: { seats: 12, api_calls: 10 } }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('button', { name: 'Dismiss' })).toBeVisible()
  },
}

export const DarkTrial: Story = {
  globals: { theme: 'dark' },
  parameters: { lumen: license({ tier: 'starter', status: 'trial', remainingDays: 3, usage: quiet }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status')).toHaveTextContent('Your trial ends in 3 days.')
  },
}

/** A slow network: nothing shows while the license is checked (no flash of a wrong notice), then the notice. */
export const SlowNetwork: Story = {
  parameters: { lumen: { persona: 'no-license', delay: { '/licenses/:slug': 1500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await new Promise((r) => setTimeout(r, 300))
    await expect(canvas.queryByRole('status')).not.toBeInTheDocument()
    await expect(await canvas.findByRole('status', {}, { timeout: 4000 })).toHaveTextContent('Your organization has no Lumen HR license.')
  },
}
