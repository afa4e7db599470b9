import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { LumenAvatarUploader, LumenLicenseBanner, LumenLoginForm, LumenOrgSwitcher, LumenPaywallGate, LumenPricingTable, LumenSessionList, LumenUserButton } from './index.js'

/**
 * The kit side by side with its defaults, as the README's screenshots show it: Globex on a Lumen HR
 * Starter trial (5 days left), so the gate on Advanced reports is locked and the banner speaks.
 */
const meta = {
  title: 'Components/Overview',
  parameters: { layout: 'fullscreen', lumen: { persona: 'member-trial' } satisfies LumenStoryParameters },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

export const Kit: Story = {
  render: () => ({
    components: { LumenAvatarUploader, LumenLicenseBanner, LumenLoginForm, LumenOrgSwitcher, LumenPaywallGate, LumenPricingTable, LumenSessionList, LumenUserButton },
    setup: () => ({ labels: { api_calls: 'API calls', sso: 'Single sign-on', advanced_reports: 'Advanced reports' } }),
    template: `
      <div style="display: grid; gap: 1.5rem; padding: 1.5rem; inline-size: 76rem; box-sizing: border-box">
        <div style="display: flex; gap: 1rem; align-items: center; justify-content: space-between">
          <LumenOrgSwitcher />
          <LumenLicenseBanner :labels="labels" style="flex: 1" />
          <LumenUserButton />
        </div>
        <div style="display: grid; grid-template-columns: 22rem 1fr; gap: 1.5rem; align-items: start">
          <LumenLoginForm forgot-password-href="#forgot" register-href="#register" />
          <LumenPaywallGate feature="advanced_reports" :labels="labels"><p>Advanced reports</p></LumenPaywallGate>
        </div>
        <div style="display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; align-items: start">
          <LumenSessionList />
          <LumenAvatarUploader />
        </div>
        <LumenPricingTable :labels="labels" />
      </div>`,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Upgrade required')).toBeVisible()
    await expect(await canvas.findByText('Your trial ends in 5 days.')).toBeVisible()
    await expect(await canvas.findByText('Current plan')).toBeVisible()
    await expect(await canvas.findByText('This device')).toBeVisible()
  },
}
