import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { pending } from '../../.storybook/lumen.js'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import { fixtures } from '../testing/index.js'
import LumenAvatarUploader from './LumenAvatarUploader.vue'

// A local picture: stories never load anything from the network.
const PHOTO =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#4f46e5"/><circle cx="32" cy="26" r="12" fill="#e0e7ff"/><rect x="14" y="42" width="36" height="22" rx="11" fill="#e0e7ff"/></svg>',
  )
const withPhoto: LumenStoryParameters = { user: fixtures.user({ photoUrl: PHOTO }) }

// The input's `accept` would filter the file out before the component sees it.
const user = () => userEvent.setup({ applyAccept: false })
const file = (name: string, type: string, bytes = 1024) => new File([new Uint8Array(bytes)], name, { type })
const input = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!

const meta = {
  title: 'Components/LumenAvatarUploader',
  component: LumenAvatarUploader,
  args: { removable: true, maxBytes: 5 * 1024 * 1024 },
} satisfies Meta<typeof LumenAvatarUploader>

export default meta
type Story = StoryObj<typeof meta>

export const Initials: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('img', { name: 'Profile photo of Dana Demo' })).toHaveTextContent('DD')
    await expect(canvas.queryByRole('button', { name: 'Remove photo' })).not.toBeInTheDocument()
  },
}

export const WithPhoto: Story = {
  parameters: { lumen: withPhoto },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('img', { name: 'Profile photo of Dana Demo' })).toHaveAttribute('src', PHOTO)
    await expect(canvas.getByRole('button', { name: 'Remove photo' })).toBeEnabled()
  },
}

export const Uploading: Story = {
  parameters: {
    lumen: {
      client: (c) =>
        void (c.me.uploadPhoto = (_file, options) => {
          options?.onProgress?.(0.4)
          return pending()
        }),
    } satisfies LumenStoryParameters,
  },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    const progress = await within(canvasElement).findByRole('progressbar', { name: 'Uploading…' })
    await expect(progress).toHaveAttribute('value', '0.4')
    await expect(input(canvasElement)).toBeDisabled()
  },
}

export const Uploaded: Story = {
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('button', { name: 'Remove photo' })).toBeVisible()
    await expect(canvas.getByRole('img', { name: 'Profile photo of Dana Demo' }).tagName).toBe('IMG')
  },
}

export const RejectedType: Story = {
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), file('me.svg', 'image/svg+xml'))
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Please choose a PNG, JPEG or WebP image.')
  },
}

export const RejectedSize: Story = {
  args: { maxBytes: 100 * 1024 },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), file('huge.jpg', 'image/jpeg', 200 * 1024))
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('The image is larger than 100 KB.')
  },
}

const initials = (canvasElement: HTMLElement) => within(canvasElement).getByRole('img', { name: 'Profile photo of Dana Demo' })

/** The whole flow over the network: upload a PNG, then remove it; the initials come back. */
export const UploadAndRemove: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(initials(canvasElement)).toHaveTextContent('DD')
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    const remove = await canvas.findByRole('button', { name: 'Remove photo' })
    await waitFor(() => expect(initials(canvasElement).tagName).toBe('IMG'))
    await userEvent.click(remove)
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Remove photo' })).not.toBeInTheDocument())
    await expect(initials(canvasElement)).toHaveTextContent('DD')
    await expect(initials(canvasElement).tagName).not.toBe('IMG')
  },
}

/** A slow network: the progress shows until the server answers. */
export const SlowUpload: Story = {
  parameters: { lumen: { delay: { 'PUT /auth/me/photo': 1500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    await expect(await canvas.findByRole('progressbar', { name: 'Uploading…' })).toBeVisible()
    await expect(input(canvasElement)).toBeDisabled()
    await expect(await canvas.findByRole('button', { name: 'Remove photo' }, { timeout: 4000 })).toBeVisible()
    await waitFor(() => expect(canvas.queryByRole('progressbar')).not.toBeInTheDocument())
    await expect(input(canvasElement)).toBeEnabled()
  },
}

export const UploadServerError: Story = {
  parameters: { lumen: { fail: { 'PUT /auth/me/photo': 500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong. Please try again.')
    await expect(initials(canvasElement)).toHaveTextContent('DD')
    await expect(input(canvasElement)).toBeEnabled()
  },
}

/** A rate limit says how long to wait (the server's `Retry-After`). */
export const UploadRateLimited: Story = {
  parameters: { lumen: { fail: { 'PUT /auth/me/photo': { status: 429, retryAfter: 240 } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Too many attempts. Please try again in 4 minutes.')
  },
}

export const RemoveFailed: Story = {
  parameters: { lumen: { ...withPhoto, fail: { 'DELETE /auth/me/photo': 'network' } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Remove photo' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The server could not be reached. Check your connection and try again.')
    // The photo stays: nothing was removed.
    await expect(initials(canvasElement)).toHaveAttribute('src', PHOTO)
  },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { lumen: withPhoto },
  play: async ({ canvasElement }) => {
    await expect(getComputedStyle(canvasElement.ownerDocument.documentElement).colorScheme).toBe('dark')
    await user().upload(input(canvasElement), file('me.svg', 'image/svg+xml'))
    // axe checks the dark palette, the error text included.
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Please choose a PNG, JPEG or WebP image.')
  },
}

// The uploader takes its direction from the page (it sets no `dir` of its own), like LumenAvatar.

export const Arabic: Story = {
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvasElement.querySelector('.lumen-avatar-uploader')).toHaveAttribute('dir', 'rtl')
    await expect(getComputedStyle(canvasElement.querySelector('.lumen-avatar-uploader')!).direction).toBe('rtl')
    await expect(canvas.getByRole('img', { name: 'الصورة الشخصية لـ Dana Demo' })).toHaveTextContent('DD')
    await expect(canvas.getByText('رفع صورة')).toBeVisible()
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    await expect(await canvas.findByRole('button', { name: 'إزالة الصورة' })).toBeVisible()
  },
}
