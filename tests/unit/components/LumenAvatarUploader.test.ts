import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import LumenAvatarUploader from '../../../src/components/LumenAvatarUploader.vue'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { useFakeApi } from '../vue/fakeApi.js'
import { alerts, apiLumen, button, buttons, chooseFile, mountApi, mountTesting, until } from './helpers.js'

const api = useFakeApi()
const SIGNATURES = { png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], jpeg: [0xff, 0xd8, 0xff, 0xe0], webp: [...'RIFF\0\0\0\0WEBP'].map((c) => c.charCodeAt(0)) }
/** `bytes` long, starting with the signature of `kind` (what the uploader reads), under any name and type. */
const image = (kind: keyof typeof SIGNATURES, bytes = 64, name = 'me.png', type = 'image/png') => {
  const data = new Uint8Array(bytes)
  data.set(SIGNATURES[kind])
  return new File([data], name, { type })
}
const png = (bytes = 64) => image('png', bytes)

const fileInput = (w: VueWrapper) => w.find<HTMLInputElement>('input[type="file"]')

describe('LumenAvatarUploader', () => {
  // happy-dom decodes no image: here the uploader sends the file as it is, as in a browser without a
  // canvas. Decoding, crop and resize run in Chromium (LumenAvatarUploader.stories.ts).
  beforeAll(() => void vi.stubGlobal('createImageBitmap', undefined))
  afterAll(() => void vi.unstubAllGlobals())

  it('without a photo: the initials, named for assistive tech; a button opens a file input for PNG/JPEG/WebP', async () => {
    const { wrapper } = mountTesting(LumenAvatarUploader)
    const initials = wrapper.find('[role="img"]')
    expect(initials.text()).toBe('DD')
    expect(initials.attributes('aria-label')).toBe('Profile photo of Dana Demo')
    expect(wrapper.find('img').exists()).toBe(false)
    const input = fileInput(wrapper)
    expect(input.attributes()).toMatchObject({ type: 'file', accept: 'image/png,image/jpeg,image/webp', tabindex: '-1', 'aria-hidden': 'true' })
    // A real button opens the file chooser (the input is out of the tab order and the accessibility tree).
    const chooser = button(wrapper, 'Upload a photo')
    expect(chooser.attributes('type')).toBe('button')
    expect(chooser.attributes('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent?.trim())[0]).toBe('PNG, JPEG or WebP up to 5 MB. You can also drop it here.')
    let opened = 0
    input.element.addEventListener('click', () => opened++)
    await chooser.trigger('click')
    expect(opened).toBe(1)
    expect(buttons(wrapper, 'Remove photo')).toHaveLength(0)
  })

  it('uploading a PNG shows the new photo and emits uploaded; remove goes back to the initials', async () => {
    const { wrapper, client } = mountTesting(LumenAvatarUploader)
    await chooseFile(fileInput(wrapper), png())
    await until(() => wrapper.attributes('aria-busy') === 'false' && wrapper.find('img').exists(), 2_000, 'photo')
    const src = wrapper.find('img').attributes('src')!
    expect(src).toMatch(/^https:\/\/account\.lumen\.example\/api\/v1\/assets\/ast_\d+\/content$/)
    expect(wrapper.find('img').attributes('alt')).toBe('Profile photo of Dana Demo')
    expect(wrapper.emitted('uploaded')).toEqual([[src]])
    expect(client.calls).toContain('me.uploadPhoto')
    await button(wrapper, 'Remove photo').trigger('click')
    await until(() => !!wrapper.emitted('removed'), 2_000, 'removed')
    expect(wrapper.find('[role="img"]').text()).toBe('DD')
    expect(wrapper.emitted('removed')).toHaveLength(1)
  })

  it('refuses an SVG and an oversize image with a clear message and no request', async () => {
    const { wrapper, client } = mountTesting(LumenAvatarUploader)
    const input = fileInput(wrapper)
    await chooseFile(input, new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'x.svg', { type: 'image/svg+xml' }))
    expect(alerts(wrapper)).toBe('Please choose a PNG, JPEG or WebP image.')
    await chooseFile(input, png(5 * 1024 * 1024 + 1))
    expect(alerts(wrapper)).toBe('The image is larger than 5 MB. Please choose a smaller one.')
    await flushPromises()
    expect(wrapper.emitted('rejected')).toEqual([['type'], ['size']])
    expect(client.calls).not.toContain('me.uploadPhoto')
    expect(wrapper.find('img').exists()).toBe(false)
  })

  it('the type is read from the first bytes: a JPEG named .txt goes, a ".png" of zeros or text does not', async () => {
    const { wrapper, client } = mountTesting(LumenAvatarUploader)
    const input = fileInput(wrapper)
    await chooseFile(input, new File([new Uint8Array(64)], 'me.png', { type: 'image/png' }))
    await until(() => !!wrapper.emitted('rejected'), 2_000, 'rejected')
    expect(alerts(wrapper)).toBe('Please choose a PNG, JPEG or WebP image.')
    await chooseFile(input, new File(['<svg onload="alert(1)"/>'], 'me.png', { type: 'image/png' }))
    await until(() => wrapper.emitted('rejected')?.length === 2, 2_000, 'rejected twice')
    expect(client.calls).not.toContain('me.uploadPhoto')
    // Sent with the type read from the bytes, so the server takes them.
    for (const [kind, name, count] of [['jpeg', 'photo.txt', 1], ['webp', 'photo', 2]] as const) {
      await chooseFile(input, image(kind, 64, name, ''))
      await until(() => wrapper.emitted('uploaded')?.length === count, 2_000, kind)
    }
    expect(wrapper.find('img').exists()).toBe(true)
    expect(wrapper.emitted('rejected')).toEqual([['type'], ['type']])
  })

  it('a photo already set is shown; maxSize is configurable', async () => {
    const { wrapper } = mountTesting(LumenAvatarUploader, { user: fixtures.user({ photoUrl: 'https://cdn.example/p.webp' }) }, { props: { maxSize: 1024 } })
    expect(wrapper.find('img').attributes('src')).toBe('https://cdn.example/p.webp')
    await chooseFile(fileInput(wrapper), png(2048))
    expect(alerts(wrapper)).toBe('The image is larger than 1 kB. Please choose a smaller one.')
    // The unit is formatted for the locale too.
    const german = mountTesting(LumenAvatarUploader, {}, { props: { maxSize: 1.5 * 1024 * 1024 }, plugins: [createLumenUi({ locale: 'de' })] }).wrapper
    expect(german.find('.lumen-avatar-uploader__hint').text()).toBe('PNG, JPEG oder WebP bis 1,5 MB. Sie können es auch hierher ziehen.')
  })

  it('against an API: busy with a progress bar while uploading, then the served photo URL', async () => {
    const lumen = apiLumen(api.url)
    const wrapper = await mountApi(LumenAvatarUploader, lumen)
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    api.hook = (call) => (call.path === '/auth/me/photo' ? 150 : undefined)
    try {
      await chooseFile(fileInput(wrapper), png())
      expect(wrapper.attributes('aria-busy')).toBe('true')
      expect(wrapper.find('progress').attributes('aria-label')).toBe('Uploading…')
      // fetch measures no upload progress: an indeterminate bar, not one stuck at 0 %.
      expect(wrapper.find('progress').attributes('value')).toBeUndefined()
      // The button keeps its focus (never disabled) and says it is busy; Cancel is offered.
      expect(button(wrapper, 'Upload a photo').attributes('aria-disabled')).toBe('true')
      expect(buttons(wrapper, 'Cancel')).toHaveLength(1)
      await until(() => wrapper.find('img').exists(), 3_000, 'photo')
      expect(wrapper.find('img').attributes('src')).toMatch(new RegExp(`^${api.url}/api/v1/assets/ast_\\d+/content$`))
      expect(wrapper.find('progress').exists()).toBe(false)
      expect(api.count('/auth/me/photo', 'PUT')).toBe(1)
    } finally {
      api.hook = null
    }
  })

  it('a drop that carries a file uploads it, even from a DataTransfer without types; other drags are left alone', async () => {
    const { wrapper, client } = mountTesting(LumenAvatarUploader)
    const other = new Event('drop', { cancelable: true })
    Object.assign(other, { dataTransfer: { types: ['text/plain'], files: [] } })
    wrapper.element.dispatchEvent(other)
    expect(other.defaultPrevented).toBe(false)
    const drop = new Event('drop', { cancelable: true })
    Object.assign(drop, { dataTransfer: { files: [png()] } })
    wrapper.element.dispatchEvent(drop)
    expect(drop.defaultPrevented).toBe(true)
    await until(() => !!wrapper.emitted('uploaded'), 2_000, 'uploaded')
    expect(client.calls.filter((c) => c === 'me.uploadPhoto')).toHaveLength(1)
  })

  it('against an API: a failed upload is announced and the picture stays as it was', async () => {
    const lumen = apiLumen(api.url)
    const wrapper = await mountApi(LumenAvatarUploader, lumen)
    await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
    await flushPromises()
    const before = wrapper.find('.lumen-avatar').html()
    api.hook = (call) => (call.path === '/auth/me/photo' ? { status: 413, code: 'PAYLOAD_TOO_LARGE' } : undefined)
    try {
      await chooseFile(fileInput(wrapper), png())
      await until(() => alerts(wrapper) !== '', 3_000, 'error')
      expect(alerts(wrapper)).toBe('Something went wrong. Please try again.')
      expect(wrapper.emitted('failed')).toEqual([['PAYLOAD_TOO_LARGE']])
      expect(wrapper.find('.lumen-avatar').html()).toBe(before)
    } finally {
      api.hook = null
    }
  })
})
