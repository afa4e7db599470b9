import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import LumenRegisterForm from './LumenRegisterForm.vue'

const signedOut: LumenStoryParameters = { user: null }

const meta = {
  title: 'Components/LumenRegisterForm',
  component: LumenRegisterForm,
  args: { loginHref: '/login' },
  parameters: { lumen: signedOut },
} satisfies Meta<typeof LumenRegisterForm>

export default meta
type Story = StoryObj<typeof meta>

async function signUp(canvasElement: HTMLElement, email = 'carol@lumen.test', password = 'carol-secret-1') {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByLabelText('First name'), 'Carol')
  await userEvent.type(canvas.getByLabelText('Last name'), 'Clark')
  await userEvent.type(canvas.getByLabelText('Email'), email)
  await userEvent.type(canvas.getByLabelText('Password'), password)
  await userEvent.click(canvas.getByRole('button', { name: 'Create account' }))
  return canvas
}

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('form', { name: 'Create your account' })).toBeVisible()
    await expect(canvas.getByLabelText('Password')).toHaveAccessibleDescription('At least 8 characters.')
    await expect(canvas.getByLabelText('Organization name (optional)')).not.toBeRequired()
    await expect(canvas.getByRole('link', { name: 'Already have an account? Sign in' })).toHaveAttribute('href', '/login')
  },
}

export const SignedUp: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await signUp(canvasElement)
    const status = await canvas.findByText('Your account has been created.')
    await expect(status).toHaveFocus()
  },
}

export const Submitting: Story = {
  parameters: { lumen: { ...signedOut, delay: { 'POST /auth/register': 60_000 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await signUp(canvasElement)
    await expect(await canvas.findByRole('button', { name: 'Creating your account…' })).toBeDisabled()
    await expect(canvas.getByLabelText('Email')).toHaveAttribute('readonly')
  },
}

export const ValidationError: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await signUp(canvasElement, 'carol@', 'short')
    const email = canvas.getByLabelText('Email')
    await expect(email).toHaveAccessibleDescription('Enter a valid email address, like name@example.com.')
    await expect(email).toHaveFocus()
    await expect(canvas.getByLabelText('Password')).toHaveAccessibleDescription('At least 8 characters. The password needs at least 8 characters.')
  },
}

export const EmailTaken: Story = {
  play: async ({ canvasElement }) => {
    // demo@lumen.test exists in the demo data: the in-memory API answers 409 EMAIL_TAKEN.
    const canvas = await signUp(canvasElement, 'demo@lumen.test')
    const email = canvas.getByLabelText('Email')
    await expect(await canvas.findByText('An account with this email already exists.')).toBeVisible()
    await expect(email).toHaveAttribute('aria-invalid', 'true')
    await expect(email).toHaveAccessibleDescription('An account with this email already exists.')
    await expect(email).toHaveFocus()
  },
}

export const ServerError: Story = {
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/register': 503 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await signUp(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('Something went wrong. Please try again.')
    await expect(alert).toHaveFocus()
  },
}

/** Keyboard only: Tab through the form, type, submit with Enter. */
export const KeyboardOnly: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.tab()
    await expect(canvas.getByLabelText('First name')).toHaveFocus()
    await userEvent.keyboard('Carol')
    await userEvent.tab()
    await userEvent.keyboard('Clark')
    await userEvent.tab()
    await userEvent.keyboard('demo@lumen.test')
    await userEvent.tab()
    await expect(canvas.getByLabelText('Password')).toHaveFocus()
    await userEvent.keyboard('carol-secret-1{Enter}')
    const email = canvas.getByLabelText('Email')
    await expect(await canvas.findByText('An account with this email already exists.')).toBeVisible()
    await expect(email).toHaveFocus()
    await userEvent.clear(email)
    await userEvent.keyboard('carol@lumen.test')
    await userEvent.tab()
    await userEvent.tab()
    await userEvent.tab()
    await expect(canvas.getByRole('button', { name: 'Create account' })).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    await expect(await canvas.findByText('Your account has been created.')).toHaveFocus()
  },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const form = canvasElement.querySelector('form')!
    await expect(form).toHaveAttribute('dir', 'rtl')
    await expect(getComputedStyle(form).direction).toBe('rtl')
    await userEvent.click(canvas.getByRole('button', { name: 'إنشاء الحساب' }))
    await expect(canvas.getByLabelText('الاسم الأول')).toHaveFocus()
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    // axe checks the contrast of the dark palette, field errors included.
    await expect(getComputedStyle(canvasElement.ownerDocument.documentElement).colorScheme).toBe('dark')
    const canvas = await signUp(canvasElement, 'demo@lumen.test')
    await expect(await canvas.findByText('An account with this email already exists.')).toBeVisible()
  },
}

export const RateLimited: Story = {
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/register': { status: 429, retryAfter: 240 } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await signUp(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('Too many attempts. Please try again in 4 minutes.')
    await expect(alert).toHaveFocus()
  },
}

/** A slow network: busy until Lumen answers, then the account exists. */
export const SlowNetwork: Story = {
  parameters: { lumen: { ...signedOut, delay: { 'POST /auth/register': 1500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await signUp(canvasElement)
    await expect(canvas.getByRole('button', { name: /…$/ })).toBeDisabled()
    await expect(await canvas.findByText('Your account has been created.', {}, { timeout: 4000 })).toHaveFocus()
  },
}
