import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { pending } from '../../.storybook/lumen.js'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import LumenLoginForm from './LumenLoginForm.vue'

const signedOut: LumenStoryParameters = { user: null }

const meta = {
  title: 'Components/LumenLoginForm',
  component: LumenLoginForm,
  args: { forgotPasswordHref: '/forgot-password', registerHref: '/register' },
  parameters: { lumen: signedOut },
} satisfies Meta<typeof LumenLoginForm>

export default meta
type Story = StoryObj<typeof meta>

async function signIn(canvasElement: HTMLElement, password = 'secret-password') {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByLabelText('Email'), 'demo@lumen.test')
  await userEvent.type(canvas.getByLabelText('Password'), password)
  await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }))
  return canvas
}

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText('Email')).toBeRequired()
    await expect(canvas.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot-password')
    await expect(canvas.getByRole('link', { name: 'Create an account' })).toBeVisible()
  },
}

export const Submitting: Story = {
  parameters: { lumen: { ...signedOut, client: (c) => void (c.auth.login = () => pending()) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement)
    const button = await canvas.findByRole('button', { name: 'Signing in…' })
    await expect(button).toBeDisabled()
    await expect(canvas.getByLabelText('Email')).toHaveAttribute('readonly')
  },
}

export const InvalidCredentials: Story = {
  parameters: {
    lumen: {
      ...signedOut,
      fail: { 'POST /auth/login': { status: 401, code: 'INVALID_CREDENTIALS' } },
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement, 'wrong-password')
    await expect(await canvas.findByText('The email or password is incorrect.')).toBeVisible()
    await expect(canvas.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true')
    await expect(canvas.getByRole('button', { name: 'Sign in' })).toBeEnabled()
  },
}

export const RateLimited: Story = {
  parameters: {
    lumen: {
      ...signedOut,
      fail: { 'POST /auth/login': { status: 429, retryAfter: 240 } },
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('Too many attempts. Please try again in 4 minutes.')
    await expect(alert).toHaveFocus()
  },
}

export const RateLimitedWithoutRetryAfter: Story = {
  parameters: {
    lumen: {
      ...signedOut,
      fail: { 'POST /auth/login': { status: 429, retryAfter: null } },
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Too many attempts. Please wait a moment and try again.')
  },
}

export const EmptySubmit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }))
    const email = canvas.getByLabelText('Email')
    await expect(email).toHaveFocus()
    await expect(email).toHaveAccessibleDescription('Please fill in this field.')
    await expect(canvas.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true')
  },
}

/** Keyboard only: Tab through the form, type, submit with Enter; focus lands on the problem. */
export const KeyboardOnly: Story = {
  parameters: {
    lumen: {
      ...signedOut,
      fail: { 'POST /auth/login': { status: 401, code: 'INVALID_CREDENTIALS' } },
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.tab()
    await expect(canvas.getByLabelText('Email')).toHaveFocus()
    await userEvent.keyboard('demo@lumen.test')
    await userEvent.tab()
    await expect(canvas.getByLabelText('Password')).toHaveFocus()
    await userEvent.keyboard('wrong-password{Enter}')
    await expect(await canvas.findByText('The email or password is incorrect.')).toBeVisible()
    await expect(canvas.getByLabelText('Email')).toHaveFocus()
    await userEvent.tab()
    await userEvent.tab()
    await expect(canvas.getByRole('button', { name: 'Sign in' })).toHaveFocus()
    await userEvent.tab()
    await expect(canvas.getByRole('link', { name: 'Forgot password?' })).toHaveFocus()
  },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  parameters: {
    lumen: {
      ...signedOut,
      fail: { 'POST /auth/login': { status: 429, retryAfter: 240 } },
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const form = canvasElement.querySelector('form')!
    await expect(form).toHaveAttribute('dir', 'rtl')
    await expect(getComputedStyle(form).direction).toBe('rtl')
    await userEvent.type(canvas.getByLabelText('البريد الإلكتروني'), 'demo@lumen.test')
    await userEvent.type(canvas.getByLabelText('كلمة المرور'), 'secret-password')
    await userEvent.click(canvas.getByRole('button', { name: 'تسجيل الدخول' }))
    const when = new Intl.RelativeTimeFormat('ar', { numeric: 'auto' }).format(4, 'minute')
    await expect(await canvas.findByRole('alert')).toHaveTextContent(when)
  },
}

export const German: Story = {
  globals: { locale: 'de' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText('E-Mail')).toBeVisible()
    await expect(canvas.getByLabelText('Passwort')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Anmelden' })).toBeVisible()
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/login': { status: 401, code: 'INVALID_CREDENTIALS' } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    // axe checks the contrast of the dark palette, error text included.
    await expect(getComputedStyle(canvasElement.ownerDocument.documentElement).colorScheme).toBe('dark')
    const canvas = await signIn(canvasElement, 'wrong-password')
    await expect(await canvas.findByText('The email or password is incorrect.')).toBeVisible()
  },
}

/** A slow network: the form stays busy until Lumen answers, then the user is signed in. */
export const SlowNetwork: Story = {
  args: { onSignedIn: fn() },
  parameters: { lumen: { ...signedOut, delay: { 'POST /auth/login': 1500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement, args }) => {
    const canvas = await signIn(canvasElement, 'lumen-demo-pass')
    await expect(await canvas.findByRole('button', { name: 'Signing in…' })).toBeDisabled()
    await expect(args.onSignedIn).not.toHaveBeenCalled()
    await waitFor(() => expect(args.onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ email: 'demo@lumen.test' })), { timeout: 4000 })
  },
}

export const ServerError: Story = {
  parameters: { lumen: { ...signedOut, fail: { 'POST /auth/login': 500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = await signIn(canvasElement)
    const alert = await canvas.findByRole('alert')
    await expect(alert).toHaveTextContent('Something went wrong. Please try again.')
    await expect(alert).toHaveFocus()
    await expect(canvas.getByRole('button', { name: 'Sign in' })).toBeEnabled()
  },
}
