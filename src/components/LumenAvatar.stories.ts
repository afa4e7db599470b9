import type { Decorator, Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import { h } from 'vue'
import LumenAvatar from './LumenAvatar.vue'

const PHOTO = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#4f46e5"/><circle cx="32" cy="26" r="12" fill="#e0e7ff"/><rect x="14" y="42" width="36" height="22" rx="11" fill="#e0e7ff"/></svg>')
const SIZES = ['xs', 'sm', 'md', 'lg', 'xl'] as const
const rtl: Decorator = (story) => ({ render: () => h('div', { dir: 'rtl', lang: 'ar' }, [h(story())]) })

const meta = {
  title: 'Components/LumenAvatar',
  component: LumenAvatar,
  args: { name: 'Dana Demo', size: 'lg', shape: 'circle' },
} satisfies Meta<typeof LumenAvatar>

export default meta
type Story = StoryObj<typeof meta>

export const Initials: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img', { name: 'Dana Demo' })).toHaveTextContent('DD')
  },
}

export const Photo: Story = {
  args: { src: PHOTO, alt: 'Profile photo of Dana Demo' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img', { name: 'Profile photo of Dana Demo' })).toHaveAttribute('src', PHOTO)
  },
}

export const UnsafeUrlShowsInitials: Story = {
  args: { src: 'javascript:alert(1)' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img', { name: 'Dana Demo' }).tagName).toBe('SPAN')
  },
}

export const BrokenImage: Story = {
  args: { src: 'blob:http://localhost/missing' },
  play: async ({ canvasElement }) => {
    // The image fails to load: the initials take its place.
    await expect(await within(canvasElement).findByText('DD')).toBeVisible()
    await expect(within(canvasElement).getByRole('img', { name: 'Dana Demo' }).tagName).toBe('SPAN')
  },
}

export const Sizes: Story = {
  render: (args) => ({ setup: () => () => h('div', { style: 'display:flex;gap:1rem;align-items:center' }, SIZES.map((size) => h(LumenAvatar, { ...args, size }))) }),
  play: async ({ canvasElement }) => {
    const widths = within(canvasElement).getAllByRole('img').map((el) => el.getBoundingClientRect().width)
    await expect(widths).toEqual([...widths].sort((a, b) => a - b))
    await expect(new Set(widths).size).toBe(SIZES.length)
  },
}

export const OrganizationLogo: Story = {
  args: { name: 'Globex GmbH', shape: 'square', size: 'md' },
}

export const Dark: Story = {
  globals: { theme: 'dark' },
}

export const Arabic: Story = {
  globals: { locale: 'ar' },
  decorators: [rtl],
  args: { name: 'ليلى حسن' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img', { name: 'ليلى حسن' })).toHaveTextContent('لح')
  },
}
