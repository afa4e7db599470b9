import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { pending } from '../../.storybook/lumen.js'
import type { LumenStoryParameters } from '../../.storybook/lumen.js'
import type { LumenTestingClient } from '../testing/index.js'
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
/** A real PNG of `width`×`height` (drawn in a canvas), or `bytes` of zeros under any name and type. */
async function png(width = 8, height = 8, name = 'me.png'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d')!
  context.fillStyle = '#4f46e5'
  context.fillRect(0, 0, width, height)
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' })
}
const file = (name: string, type: string, bytes = 1024) => new File([new Uint8Array(bytes)], name, { type })
const input = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!

const meta = {
  title: 'Components/LumenAvatarUploader',
  component: LumenAvatarUploader,
  args: { removable: true, maxSize: 5 * 1024 * 1024 },
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
    await user().upload(input(canvasElement), await png())
    const progress = await within(canvasElement).findByRole('progressbar', { name: 'Uploading…' })
    await waitFor(() => expect(progress).toHaveAttribute('value', '0.4'))
    await expect(within(canvasElement).getByRole('button', { name: 'Cancel' })).toBeVisible()
  },
}

export const Uploaded: Story = {
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), await png())
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
  args: { maxSize: 100 * 1024 },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), file('huge.jpg', 'image/jpeg', 200 * 1024))
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('The image is larger than 100 kB.')
  },
}

const initials = (canvasElement: HTMLElement) => within(canvasElement).getByRole('img', { name: 'Profile photo of Dana Demo' })

/** The whole flow over the network: upload a PNG, then remove it; the initials come back. */
export const UploadAndRemove: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(initials(canvasElement)).toHaveTextContent('DD')
    await user().upload(input(canvasElement), await png())
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
    await user().upload(input(canvasElement), await png())
    await expect(await canvas.findByRole('progressbar', { name: 'Uploading…' })).toBeVisible()
    await expect(canvas.getByText('Upload a photo')).toHaveAttribute('aria-disabled', 'true')
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeVisible()
    await expect(await canvas.findByRole('button', { name: 'Remove photo' }, { timeout: 4000 })).toBeVisible()
    await waitFor(() => expect(canvas.queryByRole('progressbar')).not.toBeInTheDocument())
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Your new photo has been saved.'))
  },
}

export const UploadServerError: Story = {
  parameters: { lumen: { fail: { 'PUT /auth/me/photo': 500 } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), await png())
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Something went wrong. Please try again.')
    await expect(initials(canvasElement)).toHaveTextContent('DD')
    await expect(input(canvasElement)).toBeEnabled()
  },
}

/** A rate limit says how long to wait (the server's `Retry-After`). */
export const UploadRateLimited: Story = {
  parameters: { lumen: { fail: { 'PUT /auth/me/photo': { status: 429, retryAfter: 240 } } } satisfies LumenStoryParameters },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), await png())
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

/** The shown photo once it has loaded (the server's copy of what was sent). */
async function loadedPhoto(canvasElement: HTMLElement): Promise<HTMLImageElement> {
  let img!: HTMLImageElement
  await waitFor(
    () => {
      img = within(canvasElement).getByRole('img', { name: 'Profile photo of Dana Demo' }) as HTMLImageElement
      expect(img.tagName === 'IMG' && img.complete && img.naturalWidth > 0).toBe(true)
    },
    { timeout: 4000 },
  )
  return img
}

/** A large picture is scaled down in a canvas before it is sent: 1200×800 arrives as 512×341. */
export const Resized: Story = {
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), await png(1200, 800))
    const img = await loadedPhoto(canvasElement)
    await expect([img.naturalWidth, img.naturalHeight]).toEqual([512, 341])
  },
}

/** `crop`: the centered square, 512 px. */
export const Cropped: Story = {
  args: { crop: true },
  play: async ({ canvasElement }) => {
    await user().upload(input(canvasElement), await png(1200, 800))
    const img = await loadedPhoto(canvasElement)
    await expect([img.naturalWidth, img.naturalHeight]).toEqual([512, 512])
  },
}

// The story's in-memory Lumen, to count its requests.
let lumenClient: LumenTestingClient | null = null
const watched: LumenStoryParameters = { client: (c) => void (lumenClient = c) }

/** A file named `.png` with the type `image/png` whose bytes are not an image: refused, nothing sent. */
export const DisguisedFile: Story = {
  parameters: { lumen: watched },
  args: { onRejected: fn() },
  play: async ({ args, canvasElement }) => {
    await user().upload(input(canvasElement), file('me.png', 'image/png'))
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Please choose a PNG, JPEG or WebP image.')
    await expect(args.onRejected).toHaveBeenCalledWith('type')
    await expect(lumenClient?.calls).not.toContain('me.uploadPhoto')
  },
}

/**
 * A PNG signature this browser cannot decode (the bytes after it are not a valid image): the type
 * is known from the signature, so the bytes go as they are, with that type, and the server judges.
 */
export const UndecodableSignature: Story = {
  parameters: { lumen: watched },
  args: { onUploaded: fn(), onRejected: fn() },
  play: async ({ args, canvasElement }) => {
    const bytes = new Uint8Array(64)
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    await user().upload(input(canvasElement), new File([bytes], 'photo.bin', { type: '' }))
    await waitFor(() => expect(args.onUploaded).toHaveBeenCalledOnce())
    await expect(args.onRejected).not.toHaveBeenCalled()
    await expect(lumenClient?.calls).toContain('me.uploadPhoto')
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Your new photo has been saved.')
  },
}

/** Drag and drop onto the uploader: the zone lights up while a file is over it, the drop uploads. */
export const DragAndDrop: Story = {
  play: async ({ canvasElement }) => {
    const zone = canvasElement.querySelector<HTMLElement>('.lumen-avatar-uploader')!
    const data = new DataTransfer()
    data.items.add(await png())
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }))
    await waitFor(() => expect(zone).toHaveAttribute('data-dragging'))
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
    await loadedPhoto(canvasElement)
    await expect(zone).not.toHaveAttribute('data-dragging')
  },
}

/** Cancel while uploading: the request is aborted, the old picture stays, the cancel is announced. */
export const CancelUpload: Story = {
  parameters: { lumen: { delay: { 'PUT /auth/me/photo': 10_000 } } satisfies LumenStoryParameters },
  args: { onCancelled: fn(), onUploaded: fn() },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement)
    await user().upload(input(canvasElement), await png())
    await userEvent.click(await canvas.findByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('The upload was cancelled.'))
    await expect(canvas.queryByRole('progressbar')).not.toBeInTheDocument()
    await expect(canvasElement.querySelector('.lumen-alert')).toBeEmptyDOMElement()
    await expect(initials(canvasElement)).toHaveTextContent('DD')
    await expect(args.onCancelled).toHaveBeenCalledOnce()
    await expect(args.onUploaded).not.toHaveBeenCalled()
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
    await user().upload(input(canvasElement), await png())
    await expect(await canvas.findByRole('button', { name: 'إزالة الصورة' })).toBeVisible()
  },
}
