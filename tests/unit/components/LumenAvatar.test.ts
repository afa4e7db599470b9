import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import LumenAvatar from '../../../src/components/LumenAvatar.vue'
import { initialsOf, safeImageUrl } from '../../../src/components/avatar.js'
import { createLumenUi } from '../../../src/components/lumenUi.js'

const avatar = (props: Record<string, unknown>) => mount(LumenAvatar, { props, attachTo: document.body })

describe('LumenAvatar', () => {
  it('shows the image, named after the person', () => {
    const img = avatar({ src: 'https://cdn.example/dana.webp', name: 'Dana Demo' }).find('img')
    expect(img.attributes()).toMatchObject({ src: 'https://cdn.example/dana.webp', alt: 'Dana Demo', referrerpolicy: 'no-referrer' })
  })

  it.each([
    ['https://cdn.example/a.png', true],
    ['http://127.0.0.1:4010/api/v1/assets/ast_1/content', true],
    ['blob:https://app.example/7f1c', true],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['DATA:image/webp;base64,UklGR', true],
    ['javascript:alert(1)', false],
    [' JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox', false],
    ['file:///etc/passwd', false],
    ['/relative/me.png', false],
    ['', false],
  ])('%s is shown as an image: %s', (src, shown) => {
    const wrapper = avatar({ src, name: 'Dana Demo' })
    expect(wrapper.find('img').exists()).toBe(shown)
    expect(safeImageUrl(src) !== null).toBe(shown)
    if (!shown) expect(wrapper.find('[role="img"]').text()).toBe('DD')
  })

  it('without an image: initials in an element named for assistive tech; alt overrides the name', () => {
    const initials = avatar({ name: 'Dana Demo', alt: 'Profile photo of Dana Demo' }).find('[role="img"]')
    expect(initials.text()).toBe('DD')
    expect(initials.attributes('aria-label')).toBe('Profile photo of Dana Demo')
  })

  it('initials: first and last word, an email, non-Latin scripts; "?" with no name', () => {
    expect(initialsOf('Dana Maria Demo')).toBe('DD')
    expect(initialsOf('acme')).toBe('A')
    expect(initialsOf('dana.demo@lumen.test')).toBe('D')
    expect(initialsOf('ليلى حسن')).toBe('لح')
    expect(initialsOf('Émile Zola')).toBe('ÉZ')
    expect(initialsOf('  ')).toBe('?')
    expect(initialsOf(null)).toBe('?')
    expect(initialsOf('istanbul ilçe', 'tr')).toBe('İİ')
  })

  it('sizes and shapes are classes; decorative avatars are hidden from assistive tech', () => {
    const big = avatar({ name: 'Acme', size: 'xl', shape: 'square' })
    expect(big.classes()).toEqual(expect.arrayContaining(['lumen-avatar--xl', 'lumen-avatar--square']))
    expect(avatar({ name: 'Acme' }).classes()).toEqual(expect.arrayContaining(['lumen-avatar--md', 'lumen-avatar--circle']))
    const quiet = avatar({ name: 'Acme', decorative: true })
    expect(quiet.attributes('aria-hidden')).toBe('true')
    expect(quiet.attributes('role')).toBeUndefined()
    const quietImg = avatar({ name: 'Acme', src: 'https://cdn.example/a.png', decorative: true })
    expect(quietImg.attributes()).toMatchObject({ alt: '', 'aria-hidden': 'true' })
  })

  it('an image that fails to load falls back to the initials; a new src tries again', async () => {
    const wrapper = avatar({ src: 'https://cdn.example/gone.png', name: 'Dana Demo' })
    await wrapper.find('img').trigger('error')
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toBe('DD')
    await wrapper.setProps({ src: 'https://cdn.example/new.png' })
    await nextTick()
    expect(wrapper.find('img').attributes('src')).toBe('https://cdn.example/new.png')
  })

  it('the fallback slot replaces the initials; the locale uppercases them', () => {
    const slotted = mount(LumenAvatar, { props: { name: 'Dana' }, slots: { fallback: '<svg aria-hidden="true" />' } })
    expect(slotted.find('svg').exists()).toBe(true)
    const turkish = mount(LumenAvatar, { props: { name: 'ilkay' }, global: { plugins: [createLumenUi({ locale: 'tr' })] } })
    expect(turkish.text()).toBe('İ')
  })
})
