import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import LumenAcceptInvitationForm from './LumenAcceptInvitationForm.vue'

// The demo data's open invitation (carol@lumen.test to Acme Corp), as in `/accept-invitation?token=…`.
const TOKEN = 'lumen-invite-acme-carol'
const signedOut: LumenStoryParameters = { user: null }

const meta = {
  title: 'Components/LumenAcceptInvitationForm',
  component: LumenAcceptInvitationForm,
  args: { token: TOKEN, loginHref: '/login' },
  parameters: { lumen: signedOut },
} satisfies Meta<typeof LumenAcceptInvitationForm>

export default meta
type Story = StoryObj<typeof meta>

async function accept(canvasElement: HTMLElement, password = 'carol-secret-1') {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByLabelText('First name'), 'Carol')
  await userEvent.type(canvas.getByLabelText('Last name'), 'Clark')
  await userEvent.type(canvas.getByLabelText('Password'), password)
  await userEvent.click(canvas.getByRole('button', { name: 'Accept invitation' }))
  return canvas
}

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('form', { name: 'Join your team' })).toBeVisible()
    await expect(canvas.getByLabelText('Password')).toHaveAccessibleDescription('At least 8 characters.')
    await expect(canvas.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login')
  },
}

export const Accepted: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await accept(canvasElement)
    await expect(await canvas.findByText('Your account has been created.')).toHaveFocus()
  },
}

export const Accepting: Story = {
  parameters: { lumen: { ...signedOut, delay: { 'POST /auth/invitations/accept': 60_000 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await accept(canvasElement)
    await expect(await canvas.findByRole('button', { name: 'Accepting…' })).toBeDisabled()
    await expect(canvas.getByLabelText('Password')).toHaveAttribute('readonly')
  },
}

export const ValidationError: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByLabelText('Password'), 'short')
    await userEvent.click(canvas.getByRole('button', { name: 'Accept invitation' }))
    await expect(canvas.getByLabelText('First name')).toHaveFocus()
    await expect(canvas.getByLabelText('First name')).toHaveAccessibleDescription('Please fill in this field.')
    await expect(canvas.getByLabelText('Password')).toHaveAccessibleDescription('At least 8 characters. The password needs at least 8 characters.')
  },
}

export const Expired: Story = {
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/invitations/accept': { status: 404, code: 'INVITATION_EXPIRED' } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await accept(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('This invitation has expired. Ask the person who invited you for a new one.')
    await expect(alert).toHaveFocus()
    await expect(canvas.queryByLabelText('Password')).toBeNull()
  },
}

/** The invitation was accepted already: the in-memory API answers 409 INVITATION_USED. */
export const AlreadyUsed: Story = {
  parameters: { lumen: { ...signedOut, client: (c) => void (c.state.invitations.get(TOKEN)!.acceptedAt = new Date().toISOString()) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await accept(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('This invitation has already been used. Sign in instead.')
    await expect(canvas.getByRole('link', { name: 'Back to sign in' })).toBeVisible()
  },
}

export const MissingToken: Story = {
  args: { token: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('This invitation link is not valid.')
  },
}

export const ServerError: Story = {
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/invitations/accept': 503 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await accept(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Something went wrong. Please try again.')
    await expect(canvas.getByLabelText('Password')).toBeVisible() // a passing outage: the form stays
  },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const form = canvasElement.querySelector('form')!
    await expect(form).toHaveAttribute('dir', 'rtl')
    await expect(getComputedStyle(form).direction).toBe('rtl')
    await userEvent.click(canvas.getByRole('button', { name: 'قبول الدعوة' }))
    await expect(canvas.getByLabelText('الاسم الأول')).toHaveFocus()
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/invitations/accept': { status: 404, code: 'INVITATION_EXPIRED' } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    // axe checks the contrast of the dark palette, the alert included.
    await expect(getComputedStyle(canvasElement.ownerDocument.documentElement).colorScheme).toBe('dark')
    const canvas = await accept(canvasElement)
    await expect(await canvas.findByRole('alert')).toBeVisible()
  },
}

export const RateLimited: Story = {
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/invitations/accept': { status: 429, retryAfter: 240 } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await accept(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('Too many attempts. Please try again in 4 minutes.')
    await expect(alert).toHaveFocus()
  },
}
