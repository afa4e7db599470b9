import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
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
