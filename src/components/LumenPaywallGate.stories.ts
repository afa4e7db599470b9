import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { h } from 'vue'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { useFeature } from '../composables/useFeature.js'
import { fixtures } from '../testing/index.js'
import type { LumenTestingClient } from '../testing/index.js'
import LumenPaywallGate from './LumenPaywallGate.vue'
import LumenUpgradeCard from './LumenUpgradeCard.vue'

const CONTENT = 'Advanced reports: headcount by department'
const license = (tier: string | null): LumenStoryParameters => ({ entitlements: { 'lumen-hr': tier === null ? fixtures.entitlement({ tier: null }) : fixtures.entitlement({ tier }) } })

const meta = {
  title: 'Components/LumenPaywallGate',
  component: LumenPaywallGate,
  args: { feature: 'advanced_reports' },
  // The gated content goes in the default slot.
  render: (args) => ({ setup: () => () => h(LumenPaywallGate, args, { default: () => h('p', CONTENT) }) }),
} satisfies Meta<typeof LumenPaywallGate>

export default meta
type Story = StoryObj<typeof meta>

const content = (canvasElement: HTMLElement) => within(canvasElement).queryByText(CONTENT)

export const Loading: Story = {
  parameters: { lumen: { entitlements: { 'lumen-hr': 'loading' } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Checking your plan…')
    await expect(content(canvasElement)).not.toBeInTheDocument()
  },
}

export const Allowed: Story = {
  parameters: { lumen: license('pro') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(CONTENT)).toBeVisible()
  },
}

export const DeniedNotInTier: Story = {
  parameters: { lumen: license('starter') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Upgrade required')).toBeVisible()
    await expect(canvas.getByText('This feature is included in the Pro plan and above.')).toBeVisible()
    await expect(canvas.getByRole('link', { name: 'Upgrade now' })).toHaveAttribute('href', 'https://account.lumen.example/billing/upgrade')
    await expect(content(canvasElement)).not.toBeInTheDocument()
  },
}

export const DeniedLimitReached: Story = {
  // Starter allows 10 seats; the fixture's usage is 12.
  args: { feature: 'seats' },
  parameters: { lumen: license('starter') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Upgrade required')).toBeVisible()
    await expect(content(canvasElement)).not.toBeInTheDocument()
  },
}

export const NoLicense: Story = {
  args: { feature: undefined },
  parameters: { lumen: license(null) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Upgrade required')).toBeVisible()
    await expect(content(canvasElement)).not.toBeInTheDocument()
  },
}

export const ErrorNeverShowsContent: Story = {
  parameters: { lumen: { entitlements: { 'lumen-hr': 'error' } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Your plan could not be checked. Please try again.')
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible()
    // Fails closed: neither the content nor the upgrade card.
    await expect(content(canvasElement)).not.toBeInTheDocument()
    await expect(canvas.queryByText('Upgrade required')).not.toBeInTheDocument()
  },
}

export const MinTier: Story = {
  args: { feature: undefined, minTier: 'enterprise' },
  parameters: { lumen: license('pro') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('This feature is included in the Enterprise plan and above.')).toBeVisible()
    await expect(content(canvasElement)).not.toBeInTheDocument()
  },
}

export const German: Story = {
  globals: { locale: 'de' },
  parameters: { lumen: license('starter') },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { lumen: license('starter') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('link', { name: 'Upgrade now' })).toBeVisible()
  },
}

// An export button: the kind of content `disable` mode is for.
const exportButton = (args: Record<string, unknown>) => ({
  setup: () => () => h(LumenPaywallGate, args, { default: () => [h('p', CONTENT), h('button', { type: 'button', class: 'lumen-button' }, 'Export CSV')] }),
})

export const Teaser: Story = {
  args: { mode: 'teaser' },
  parameters: { lumen: license('starter') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('link', { name: 'Upgrade now' })).toBeVisible()
    // The preview is on screen but out of reach: inert, and not in the accessibility tree.
    const preview = canvasElement.querySelector('.lumen-gate__preview')!
    await expect(preview).toHaveAttribute('inert')
    await expect(preview).toHaveAttribute('aria-hidden', 'true')
    await expect(preview).toHaveTextContent(CONTENT)
    await expect(getComputedStyle(preview).filter).toContain('blur')
  },
}

export const Disable: Story = {
  args: { mode: 'disable', feature: 'advanced_reports' },
  parameters: { lumen: license('starter') },
  render: exportButton,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Available in the Pro plan and above.')).toBeVisible()
    const button = canvasElement.querySelector<HTMLButtonElement>('.lumen-gate__preview button')!
    button.focus()
    await expect(document.activeElement).not.toBe(button) // inert: not focusable
    await expect(canvas.getByRole('link', { name: 'Upgrade now' })).toBeVisible()
  },
}

export const DisableAllowed: Story = {
  args: { mode: 'disable', feature: 'advanced_reports' },
  parameters: { lumen: license('pro') },
  render: exportButton,
  play: async ({ canvasElement }) => {
    const button = await within(canvasElement).findByRole('button', { name: 'Export CSV' })
    button.focus()
    await expect(button).toHaveFocus()
  },
}

export const LicenseServiceDown: Story = {
  args: { mode: 'teaser' },
  // The user's licenses are asked for over the (in-memory) network, which answers 503.
  parameters: { lumen: { persona: 'no-license', fail: { '/licenses/:slug': 503 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Your plan could not be checked. Please try again.')
    await expect(canvasElement.querySelector('.lumen-gate__preview')).toBeNull()
    await expect(canvas.queryByText('Upgrade required')).not.toBeInTheDocument()
  },
}

export const TrialOrg: Story = {
  // Globex: Starter on a trial, so Pro's reports are locked.
  parameters: { lumen: { persona: 'member-trial' } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('€29.00 per month')).toBeVisible()
  },
}

export const Arabic: Story = {
  args: { mode: 'teaser' },
  globals: { locale: 'ar' },
  parameters: { lumen: license('starter') },
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByText('الترقية مطلوبة')
    await expect(card.closest('.lumen-root')).toHaveAttribute('dir', 'rtl')
  },
}

export const DarkTeaser: Story = {
  args: { mode: 'teaser' },
  globals: { theme: 'dark' },
  parameters: { lumen: license('starter') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('link', { name: 'Upgrade now' })).toBeVisible()
  },
}

// The story's client, kept so the play function can change the in-memory server behind it.
let upgraded: LumenTestingClient | null = null

/**
 * Unlock a gate after an upgrade: the org is on Starter, the user upgrades (here: the in-memory
 * server's license becomes Pro), comes back and asks the app to check again; the content shows.
 * The check is the app's own button (`useFeature().refresh()`, what a page does when the checkout
 * returns): the testing plugin's answers never go stale (`ttl: Infinity`), so focus alone re-checks nothing.
 */
export const UnlockAfterUpgrade: Story = {
  parameters: { lumen: { ...license('starter'), client: (c) => void (upgraded = c) } satisfies LumenStoryParameters },
  render: (args) => ({
    setup() {
      const check = useFeature(() => args.feature)
      return () =>
        h(LumenPaywallGate, args, {
          default: () => h('p', CONTENT),
          locked: ({ requiredTier, upgradeUrl }: { requiredTier: string | null; upgradeUrl: string | null }) => [
            h(LumenUpgradeCard, { tier: requiredTier, upgradeUrl }),
            h('button', { type: 'button', class: 'lumen-button', onClick: () => void check.refresh() }, 'I have upgraded, check again'),
          ],
        })
    },
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Upgrade required')).toBeVisible()
    await expect(content(canvasElement)).not.toBeInTheDocument()
    // The upgrade happens elsewhere (the billing page): the server's license is Pro now.
    const state = upgraded!.state
    for (const org of Object.keys(state.licenses)) state.licenses[org] = { ...state.licenses[org], 'lumen-hr': fixtures.entitlement({ tier: 'pro', organizationId: org }) }
    await userEvent.click(canvas.getByRole('button', { name: 'I have upgraded, check again' }))
    await expect(await canvas.findByText(CONTENT)).toBeVisible()
    await waitFor(() => expect(canvas.queryByText('Upgrade required')).not.toBeInTheDocument())
    await expect(upgraded!.calls).toContain('licenses.get')
  },
}

/** The license service is down, then back with a Pro license: the gate's own "Try again" shows the content. */
export const RetryAfterServiceDown: Story = {
  parameters: { lumen: { persona: 'no-license', fail: { '/licenses/:slug': 503 }, client: (c) => void (upgraded = c) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Your plan could not be checked. Please try again.')
    upgraded!.handlers.options.fail = undefined
    upgraded!.state.licenses['org_initech'] = { 'lumen-hr': fixtures.entitlement({ tier: 'pro', organizationId: 'org_initech' }) }
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    await expect(await canvas.findByText(CONTENT)).toBeVisible()
  },
}

/** A slow network: the license is asked for (not known up front), the gate waits, then locks. */
export const SlowNetwork: Story = {
  parameters: { lumen: { persona: 'no-license', delay: { '/licenses/:slug': 1500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('status')).toHaveTextContent('Checking your plan…')
    await expect(content(canvasElement)).not.toBeInTheDocument()
    await expect(await canvas.findByText('Upgrade required', {}, { timeout: 4000 })).toBeVisible()
    await expect(content(canvasElement)).not.toBeInTheDocument()
  },
}
