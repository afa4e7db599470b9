import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import LumenUpgradeCard from './LumenUpgradeCard.vue'

const meta = {
  title: 'Components/LumenUpgradeCard',
  component: LumenUpgradeCard,
  args: { labels: { api_calls: 'API calls' } },
  // Globex is on a Starter trial: the card offers Pro.
  parameters: { lumen: { persona: 'member-trial' } satisfies LumenStoryParameters },
} satisfies Meta<typeof LumenUpgradeCard>

export default meta
type Story = StoryObj<typeof meta>

export const TrialOrg: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('€29.00 per month')).toBeVisible()
    await expect(canvas.getByText('This feature is included in the Pro plan and above.')).toBeVisible()
    await expect(canvas.getByText('API calls: 10,000')).toBeVisible()
    await expect(canvas.getByRole('link', { name: 'Upgrade now' })).toHaveAttribute('href', 'https://account.lumen.example/billing/upgrade')
  },
}

export const NamedTier: Story = {
  args: { tier: 'enterprise', labels: { sso: 'Single sign-on', api_calls: 'API calls' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Single sign-on')).toBeVisible()
  },
}

export const NoLicense: Story = {
  parameters: { lumen: { persona: 'no-license' } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('€9.00 per month')).toBeVisible()
  },
}

export const CatalogDown: Story = {
  args: { tier: 'pro' },
  parameters: { lumen: { products: [], fail: { '/products/:slug': 503 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('This feature is included in the Pro plan and above.')).toBeVisible()
    await expect(canvas.getByRole('link', { name: 'Upgrade now' })).toBeVisible()
  },
}

export const Compact: Story = {
  args: { tier: 'pro', compact: true },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Available in the Pro plan and above.')).toBeVisible()
  },
}

export const German: Story = {
  globals: { locale: 'de' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('29,00 € pro Monat')).toBeVisible()
  },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const link = await within(canvasElement).findByRole('link', { name: 'قم بالترقية الآن' })
    await expect(link.closest('.lumen-root')).toHaveAttribute('dir', 'rtl')
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('link', { name: 'Upgrade now' })).toBeVisible()
  },
}
