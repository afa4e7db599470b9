import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { pending } from '../../.storybook/lumen.js'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { fixtures } from '../testing/index.js'
import LumenSessionList from './LumenSessionList.vue'

const sessions = [
  fixtures.session({ lastActiveAt: '2026-11-20T09:30:00.000Z' }),
  fixtures.session({
    id: 'ses_phone',
    current: false,
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1',
    ipAddress: '198.51.100.23',
    lastActiveAt: '2026-11-18T17:05:00.000Z',
  }),
  fixtures.session({
    id: 'ses_office',
    current: false,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
    ipAddress: '192.0.2.44',
    lastActiveAt: '2026-11-02T08:12:00.000Z',
  }),
]
const several: LumenStoryParameters = { sessions }

/** The sessions' rows (each row lists its details as items of its own). */
const sessionRows = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll<HTMLElement>('.lumen-sessions__item')]

const meta = {
  title: 'Components/LumenSessionList',
  component: LumenSessionList,
  args: { confirm: true },
  parameters: { lumen: several },
} satisfies Meta<typeof LumenSessionList>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = {
  parameters: { lumen: { client: (c) => void (c.auth.sessions.list = () => pending()) } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading sessions…')).toHaveAttribute('role', 'status')
  },
}

export const Empty: Story = {
  parameters: { lumen: { sessions: [] } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No active sessions.')).toBeVisible()
  },
}

export const Several: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(sessionRows(canvasElement)).toHaveLength(3))
    await expect(canvas.getByText('This device')).toBeVisible()
    await expect(canvas.getAllByRole('button', { name: /^Sign out (?!all other)/ })).toHaveLength(2)
    await expect(canvas.getByRole('button', { name: 'Sign out all other sessions' })).toBeEnabled()
  },
}

export const ConfirmRevoke: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const [first] = await canvas.findAllByRole('button', { name: /^Sign out (?!all other)/ })
    await userEvent.click(first!)
    await expect(canvas.getByText('Sign out this session?')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Yes, sign out' }))
    // Over the network now: wait for the answer, then the row is gone.
    await waitFor(() => expect(sessionRows(canvasElement)).toHaveLength(2))
  },
}

export const ConfirmRevokeOthers: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(await canvas.findByRole('button', { name: 'Sign out all other sessions' }))
    await expect(canvas.getByText('Sign out every other session?')).toBeVisible()
  },
}

export const LoadFailed: Story = {
  parameters: {
    lumen: {
      fail: { 'GET /auth/sessions': 'network' },
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Your sessions could not be loaded.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible()
  },
}

export const RevokeFailed: Story = {
  args: { confirm: false },
  parameters: {
    lumen: {
      ...several,
      fail: { 'DELETE /auth/sessions/:id': 500 },
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const [first] = await canvas.findAllByRole('button', { name: /^Sign out (?!all other)/ })
    await userEvent.click(first!)
    await expect(await canvas.findByText('Something went wrong. Please try again.')).toBeVisible()
  },
}

/** A slow network: the list is announced as loading, then the sessions arrive. */
export const SlowNetwork: Story = {
  parameters: { lumen: { ...several, delay: { 'GET /auth/sessions': 1500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Loading sessions…')).toHaveAttribute('role', 'status')
    await waitFor(() => expect(sessionRows(canvasElement)).toHaveLength(3), { timeout: 4000 })
  },
}

/** A rate limit says how long to wait (the server's `Retry-After`). */
export const RevokeRateLimited: Story = {
  args: { confirm: false },
  parameters: { lumen: { ...several, fail: { 'DELETE /auth/sessions/:id': { status: 429, retryAfter: 240 } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const [first] = await canvas.findAllByRole('button', { name: /^Sign out (?!all other)/ })
    await userEvent.click(first!)
    await expect(await canvas.findByText('Too many attempts. Please try again in 4 minutes.')).toBeVisible()
    await expect(sessionRows(canvasElement)).toHaveLength(3)
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(getComputedStyle(canvasElement.ownerDocument.documentElement).colorScheme).toBe('dark')
    const canvas = within(canvasElement)
    const [first] = await canvas.findAllByRole('button', { name: /^Sign out (?!all other)/ })
    await userEvent.click(first!)
    // axe checks the dark palette with the confirmation open.
    await expect(canvas.getByText('Sign out this session?')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Yes, sign out' })).toBeVisible()
  },
}

// The list takes its direction from the page (it sets no `dir` of its own).

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(sessionRows(canvasElement)).toHaveLength(3))
    await expect(canvas.getByText('هذا الجهاز')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'تسجيل الخروج من كل الجلسات الأخرى' })).toBeVisible()
    await expect(canvasElement.querySelector('.lumen-sessions')).toHaveAttribute('dir', 'rtl')
    await expect(getComputedStyle(sessionRows(canvasElement)[0]!).direction).toBe('rtl')
  },
}
