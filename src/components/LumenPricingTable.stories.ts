import type { Decorator, Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { h } from 'vue'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import type { Tier } from '../contract/types.js'
import { fixtures } from '../testing/index.js'
import LumenPricingTable from './LumenPricingTable.vue'

/** Lumen HR sold monthly and yearly (two months free). */
const withYearly = [
  fixtures.product({
    tiers: fixtures.product().tiers.map((t): Tier => ({ ...t, prices: [t.price!, { ...t.price!, amount: t.price!.amount * 10, interval: 'year' }] })),
  }),
]
// Room for three columns (the default canvas is as narrow as a card).
const wide: Decorator = (story) => ({ render: () => h('div', { style: 'inline-size: 56rem' }, [h(story())]) })

const meta = {
  title: 'Components/LumenPricingTable',
  component: LumenPricingTable,
  args: { labels: { api_calls: 'API calls', sso: 'Single sign-on' } },
  decorators: [wide],
  // Without a persona: Dana in Acme Corp on Pro (the fixtures), with the story's catalog.
} satisfies Meta<typeof LumenPricingTable>

export default meta
type Story = StoryObj<typeof meta>

const column = (canvasElement: HTMLElement, name: string) => within(canvasElement).getByRole('listitem', { name })

export const ProOrg: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Current plan')).toBeVisible()
    await expect(column(canvasElement, 'Pro')).toHaveAttribute('aria-current', 'true')
    await expect(canvas.getByRole('link', { name: 'Choose Enterprise' })).toBeVisible()
    // Side by side when there is room.
    const [a, b] = [column(canvasElement, 'Starter'), column(canvasElement, 'Pro')].map((c) => c.getBoundingClientRect())
    await expect(Math.round(a!.top)).toBe(Math.round(b!.top))
  },
}

export const MonthlyYearly: Story = {
  parameters: { lumen: { products: withYearly } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('€29.00 per month')).toBeVisible()
    await userEvent.click(canvas.getByRole('radio', { name: 'Yearly' }))
    await expect(canvas.getByText('€290.00 per year')).toBeVisible()
    await expect(canvas.getByRole('radio', { name: 'Yearly' })).toBeChecked()
    // A native radio group: arrow keys switch the period.
    await userEvent.keyboard('{ArrowLeft}')
    await expect(canvas.getByRole('radio', { name: 'Monthly' })).toBeChecked()
    await expect(canvas.getByText('€29.00 per month')).toBeVisible()
  },
}

export const Yearly: Story = {
  args: { interval: 'year' },
  parameters: { lumen: { products: withYearly } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('€990.00 per year')).toBeVisible()
  },
}

export const TrialOrg: Story = {
  parameters: { lumen: { persona: 'member-trial' } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Current plan')).toBeVisible()
    await expect(column(canvasElement, 'Starter')).toHaveAttribute('aria-current', 'true')
  },
}

export const NoLicense: Story = {
  parameters: { lumen: { persona: 'no-license' } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('link', { name: 'Choose Starter' })).toBeVisible()
    await expect(within(canvasElement).queryByText('Current plan')).not.toBeInTheDocument()
  },
}

export const Narrow: Story = {
  decorators: [(story) => ({ render: () => h('div', { style: 'inline-size: 20rem' }, [h(story())]) })],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Current plan')
    // Stacked: one column under the other.
    const [a, b] = [column(canvasElement, 'Starter'), column(canvasElement, 'Pro')].map((c) => c.getBoundingClientRect())
    await expect(b!.top).toBeGreaterThanOrEqual(a!.bottom)
  },
}

export const CatalogDown: Story = {
  parameters: { lumen: { products: [], fail: { '/products/:slug': 503 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The plans could not be loaded.')
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible()
  },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  parameters: { lumen: { products: withYearly } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('الخطة الحالية')).toBeVisible()
    await expect(canvas.getByRole('region', { name: 'الخطط' })).toHaveAttribute('dir', 'rtl')
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { lumen: { products: withYearly } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('radio', { name: 'Monthly' })).toBeChecked()
  },
}

/** A slow network: the catalog is not known up front (only the server has it), so the table loads it. */
export const SlowNetwork: Story = {
  parameters: {
    lumen: { products: [], delay: { '/products/:slug': 1500 }, client: (c) => void c.state.products.push(fixtures.product()) } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading plans…')
    await expect(await canvas.findByText('Current plan', {}, { timeout: 4000 })).toBeVisible()
    await expect(column(canvasElement, 'Pro')).toHaveAttribute('aria-current', 'true')
  },
}
