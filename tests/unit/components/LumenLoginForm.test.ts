import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import LumenLoginForm from '../../../src/components/LumenLoginForm.vue'
import { useFakeApi } from '../vue/fakeApi.js'
import { useFailingApi } from './failingApi.js'
import { alerts, apiLumen, button, byLabel, mountApi, mountTesting, until } from './helpers.js'

const api = useFakeApi()
const failing = useFailingApi()

async function fill(wrapper: Parameters<typeof byLabel>[0], email: string, password: string) {
  await byLabel(wrapper, 'Email').setValue(email)
  await byLabel(wrapper, 'Password').setValue(password)
  await wrapper.find('form').trigger('submit')
}

describe('LumenLoginForm', () => {
  it('has labelled email and password fields with the right autocomplete and a submit button', () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null })
    expect(byLabel(wrapper, 'Email').attributes()).toMatchObject({ type: 'email', autocomplete: 'username' })
    expect(byLabel(wrapper, 'Password').attributes()).toMatchObject({ type: 'password', autocomplete: 'current-password' })
    expect(button(wrapper, 'Sign in').attributes('type')).toBe('submit')
    expect(alerts(wrapper)).toBe('')
  })

  it('signs in (testing kit) and emits signedIn with the user', async () => {
    const { wrapper, client } = mountTesting(LumenLoginForm, { user: null })
    await fill(wrapper, 'demo@lumen.test', 'lumen-demo-pass')
    await until(() => !!wrapper.emitted('signedIn'))
    expect(client.calls).toContain('auth.login')
    expect(wrapper.emitted('signedIn')![0]).toEqual([expect.objectContaining({ email: 'demo@lumen.test' })])
    expect(wrapper.emitted('success')).toEqual(wrapper.emitted('signedIn'))
  })

  it('against an API: a wrong password is announced, fields marked invalid, no signedIn', async () => {
    const wrapper = await mountApi(LumenLoginForm, apiLumen(api.url))
    await fill(wrapper, 'demo@lumen.test', 'wrong')
    await until(() => alerts(wrapper) !== '', 3_000, 'error')
    expect(alerts(wrapper)).toBe('The email or password is incorrect.')
    expect(byLabel(wrapper, 'Password').attributes('aria-invalid')).toBe('true')
    expect(wrapper.emitted('failed')).toEqual([['INVALID_CREDENTIALS']])
    expect(wrapper.emitted('signedIn')).toBeUndefined()
  })

  it('against an API: busy while signing in, then signedIn; the password is cleared', async () => {
    api.hook = (call) => (call.path === '/auth/login' ? 150 : undefined)
    try {
      const wrapper = await mountApi(LumenLoginForm, apiLumen(api.url))
      await fill(wrapper, 'demo@lumen.test', 'lumen-demo-pass')
      const submit = button(wrapper, 'Signing in…')
      expect(submit.attributes('disabled')).toBeDefined()
      expect(wrapper.find('form').attributes('aria-busy')).toBe('true')
      await until(() => !!wrapper.emitted('signedIn'), 3_000, 'signedIn')
      expect(wrapper.emitted('signedIn')![0]).toEqual([expect.objectContaining({ id: 'usr_demo', firstName: 'Dana' })])
      expect(button(wrapper, 'Sign in').attributes('disabled')).toBeUndefined()
      expect(byLabel(wrapper, 'Password').element.value).toBe('')
      expect(alerts(wrapper)).toBe('')
    } finally {
      api.hook = null
    }
  })

  it('a network failure says so (no server text shown)', async () => {
    api.hook = (call) => (call.path === '/auth/login' ? 'network' : undefined)
    try {
      const wrapper = await mountApi(LumenLoginForm, apiLumen(api.url))
      await fill(wrapper, 'demo@lumen.test', 'lumen-demo-pass')
      await until(() => alerts(wrapper) !== '', 3_000, 'error')
      expect(alerts(wrapper)).toMatch(/could not be reached/)
    } finally {
      api.hook = null
    }
  })

  it('links for forgot password and register only when given; slots replace them', async () => {
    const plain = mountTesting(LumenLoginForm, { user: null }).wrapper
    expect(plain.findAll('a')).toHaveLength(0)
    const linked = mountTesting(LumenLoginForm, { user: null }, { props: { forgotPasswordHref: '/forgot', registerHref: '/signup' } }).wrapper
    expect(linked.findAll('a').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['Forgot password?', '/forgot'],
      ['Create an account', '/signup'],
    ])
    const slotted = mountTesting(LumenLoginForm, { user: null }, { slots: { register: '<button type="button">Join us</button>', header: '<h1>Welcome</h1>' } }).wrapper
    expect(button(slotted, 'Join us').exists()).toBe(true)
    expect(slotted.find('h1').text()).toBe('Welcome')
    await flushPromises()
  })

  it('an empty or malformed submit marks the fields, focuses the first invalid one and calls nothing', async () => {
    const { wrapper, client } = mountTesting(LumenLoginForm, { user: null })
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const email = byLabel(wrapper, 'Email')
    expect(email.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(email.attributes('aria-describedby')!)!.textContent).toMatch('Please fill in this field.')
    expect(byLabel(wrapper, 'Password').attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(email.element)
    await email.setValue('not-an-email')
    await byLabel(wrapper, 'Password').setValue('secret')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('Enter a valid email address')
    expect(byLabel(wrapper, 'Password').attributes('aria-invalid')).toBeUndefined()
    expect(client.calls).not.toContain('auth.login')
    expect(wrapper.find('form').attributes('novalidate')).toBeDefined()
  })

  it('wrong credentials: focus goes to the first field, which the announced error describes', async () => {
    const wrapper = await mountApi(LumenLoginForm, apiLumen(api.url))
    await fill(wrapper, 'demo@lumen.test', 'wrong')
    await until(() => alerts(wrapper) !== '', 3_000, 'error')
    const email = byLabel(wrapper, 'Email')
    expect(document.activeElement).toBe(email.element)
    const alert = wrapper.find('[role="alert"]')
    expect(email.attributes('aria-describedby')).toContain(alert.attributes('id'))
    expect(byLabel(wrapper, 'Password').attributes('aria-describedby')).toContain(alert.attributes('id'))
  })

  it('a 429 says when to try again (Retry-After → "in 4 minutes"), in the locale; focus on the message', async () => {
    failing.answer(429, 'RATE_LIMITED', { headers: { 'retry-after': '240' } })
    const wrapper = await mountApi(LumenLoginForm, apiLumen(failing.url))
    await fill(wrapper, 'demo@lumen.test', 'lumen-demo-pass')
    await until(() => alerts(wrapper) !== '', 3_000, 'error')
    expect(alerts(wrapper)).toBe('Too many attempts. Please try again in 4 minutes.')
    expect(document.activeElement).toBe(wrapper.find('[role="alert"]').element)
    expect(wrapper.emitted('failed')).toEqual([['RATE_LIMITED']])
    expect(failing.calls.filter((c) => c.call === 'POST /auth/login')).toHaveLength(1) // never retried on its own
    const german = await mountApi(LumenLoginForm, apiLumen(failing.url), { plugins: [createLumenUi({ locale: 'de' })] })
    await byLabel(german, 'E-Mail').setValue('demo@lumen.test')
    await byLabel(german, 'Passwort').setValue('x')
    await german.find('form').trigger('submit')
    await until(() => alerts(german) !== '', 3_000, 'error')
    expect(alerts(german)).toBe('Zu viele Versuche. Bitte versuchen Sie es in 4 Minuten erneut.')
  })

  it('a 429 without Retry-After still says to wait; server text is never shown', async () => {
    failing.answer(429, 'RATE_LIMITED')
    const wrapper = await mountApi(LumenLoginForm, apiLumen(failing.url))
    await fill(wrapper, 'demo@lumen.test', 'lumen-demo-pass')
    await until(() => alerts(wrapper) !== '', 3_000, 'error')
    expect(alerts(wrapper)).toBe('Too many attempts. Please wait a moment and try again.')
    expect(wrapper.text()).not.toContain('server text')
  })

  it('#forgot and #register slots replace the links', () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null }, {
      props: { forgotPasswordHref: '/forgot' },
      slots: { forgot: '<a href="/reset-it">Reset it</a>', register: '<a href="/join">Join</a>' },
    })
    expect(wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['Reset it', '/reset-it'],
      ['Join', '/join'],
    ])
  })

  it('keyboard: every control is a native focusable in reading order, no positive tabindex', () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null }, { props: { forgotPasswordHref: '/f', registerHref: '/r' } })
    const order = wrapper.findAll('input, button, a[href]').map((e) => e.attributes('name') ?? e.text())
    expect(order).toEqual(['email', 'password', 'Sign in', 'Forgot password?', 'Create an account'])
    expect(wrapper.findAll('[tabindex]').map((e) => e.attributes('tabindex'))).toEqual(['-1']) // only the alert, for focus after a failure
  })
})
