import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import LumenPasswordResetForm from './LumenPasswordResetForm.vue'

// The link the demo user got by email (`/reset-password?token=…`), known to the in-memory API.
const RESET_TOKEN = 'lumen-reset-demo'
const withLink: LumenStoryParameters = { user: null, client: (c) => void c.state.resetTokens.set(RESET_TOKEN, 'demo@lumen.test') }
const confirm = { mode: 'confirm', token: RESET_TOKEN, requestHref: '/forgot-password' } as const

const meta = {
  title: 'Components/LumenPasswordResetForm',
  component: LumenPasswordResetForm,
  args: { mode: 'request', loginHref: '/login' },
  parameters: { lumen: withLink },
} satisfies Meta<typeof LumenPasswordResetForm>

export default meta
type Story = StoryObj<typeof meta>

async function requestLink(canvasElement: HTMLElement, email = 'demo@lumen.test') {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByLabelText('Email'), email)
  await userEvent.click(canvas.getByRole('button', { name: 'Send reset link' }))
  return canvas
}

async function choose(canvasElement: HTMLElement, password = 'a-brand-new-pass', again = password) {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByLabelText('New password'), password)
  await userEvent.type(canvas.getByLabelText('Repeat the new password'), again)
  await userEvent.click(canvas.getByRole('button', { name: 'Change password' }))
  return canvas
}

export const Request: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('form', { name: 'Reset your password' })).toBeVisible()
    await expect(canvas.getByLabelText('Email')).toHaveAttribute('autocomplete', 'email')
    await expect(canvas.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login')
  },
}

/** The same confirmation whether or not an account exists for the address. */
export const RequestSent: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await requestLink(canvasElement, 'nobody@lumen.test')
    const status = await canvas.findByRole('status')
    await expect(status).toHaveTextContent('If an account exists for that email address, we have sent it a link to reset the password.')
    await expect(status).toHaveFocus()
  },
}

export const RequestSending: Story = {
  parameters: { lumen: { ...withLink, delay: { 'POST /auth/password-reset/request': 60_000 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await requestLink(canvasElement)
    await expect(await canvas.findByRole('button', { name: 'Sending…' })).toBeDisabled()
  },
}

export const RequestValidationError: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await requestLink(canvasElement, 'demo@')
    const email = canvas.getByLabelText('Email')
    await expect(email).toHaveAccessibleDescription('Enter a valid email address, like name@example.com.')
    await expect(email).toHaveFocus()
  },
}

export const RequestServerError: Story = {
  parameters: { lumen: { ...withLink, fail: { 'POST /auth/password-reset/request': 503 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await requestLink(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('Something went wrong. Please try again.')
    await expect(alert).toHaveFocus()
  },
}

export const Confirm: Story = {
  args: confirm,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('form', { name: 'Choose a new password' })).toBeVisible()
    await expect(canvas.getByLabelText('New password')).toHaveAccessibleDescription('At least 8 characters.')
  },
}

export const ConfirmDone: Story = {
  args: confirm,
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement)
    const status = await canvas.findByRole('status')
    await expect(status).toHaveTextContent('Your password has been changed. Sign in with the new password.')
    await expect(status).toHaveFocus()
    await expect(canvas.getByRole('link', { name: 'Back to sign in' })).toBeVisible()
  },
}

export const ConfirmChanging: Story = {
  args: confirm,
  parameters: { lumen: { ...withLink, delay: { 'POST /auth/password-reset/confirm': 60_000 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement)
    await expect(await canvas.findByRole('button', { name: 'Changing password…' })).toBeDisabled()
  },
}

export const ConfirmMismatch: Story = {
  args: confirm,
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement, 'a-brand-new-pass', 'a-brand-new-pas')
    const again = canvas.getByLabelText('Repeat the new password')
    await expect(again).toHaveAccessibleDescription('The passwords do not match.')
    await expect(again).toHaveFocus()
  },
}

/** A link that is unknown, expired or used: the in-memory API answers 400 INVALID_TOKEN. */
export const ExpiredLink: Story = {
  args: { ...confirm, token: 'lumen-reset-expired' },
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('This reset link is invalid, expired or already used. Please request a new one.')
    await expect(alert).toHaveFocus()
    await expect(canvas.getByRole('link', { name: 'Reset your password' })).toHaveAttribute('href', '/forgot-password')
    await expect(canvas.queryByLabelText('New password')).toBeNull()
  },
}

export const ConfirmServerError: Story = {
  args: confirm,
  parameters: { lumen: { ...withLink, fail: { 'POST /auth/password-reset/confirm': 'network' } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The server could not be reached.')
  },
}

export const Arabic: Story = {
  args: confirm,
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const form = canvasElement.querySelector('form')!
    await expect(form).toHaveAttribute('dir', 'rtl')
    await expect(getComputedStyle(form).direction).toBe('rtl')
    await userEvent.type(canvas.getByLabelText('كلمة المرور الجديدة'), 'a-brand-new-pass')
    await userEvent.type(canvas.getByLabelText('أعد إدخال كلمة المرور الجديدة'), 'other-password')
    await userEvent.click(canvas.getByRole('button', { name: 'تغيير كلمة المرور' }))
    await expect(canvas.getByLabelText('أعد إدخال كلمة المرور الجديدة')).toHaveAttribute('aria-invalid', 'true')
  },
}

export const Dark: Story = {
  args: { ...confirm, token: 'lumen-reset-expired' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    // axe checks the contrast of the dark palette, the alert and the links included.
    await expect(getComputedStyle(canvasElement.ownerDocument.documentElement).colorScheme).toBe('dark')
    const canvas = await choose(canvasElement)
    await expect(await canvas.findByRole('alert')).toBeVisible()
  },
}

export const RequestRateLimited: Story = {
  parameters: { lumen: { ...withLink, fail: { 'POST /auth/password-reset/request': { status: 429, retryAfter: 240 } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await requestLink(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('Too many attempts. Please try again in 4 minutes.')
    await expect(alert).toHaveFocus()
  },
}
