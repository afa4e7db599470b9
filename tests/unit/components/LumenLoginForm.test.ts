import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import LumenLoginForm from '../../../src/components/LumenLoginForm.vue'
import { useFakeApi } from '../vue/fakeApi.js'
import { alerts, apiLumen, button, byLabel, mountApi, mountTesting, until } from './helpers.js'

const api = useFakeApi()

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
})
