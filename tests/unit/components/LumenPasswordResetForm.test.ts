import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import LumenPasswordResetForm from '../../../src/components/LumenPasswordResetForm.vue'
import { useFailingApi } from './failingApi.js'
import { alerts, apiLumen, button, byLabel, mountApi, mountTesting, until } from './helpers.js'

const failing = useFailingApi()

/** The form beside what the app shows of the session: who is signed in. */
const WithSession = defineComponent({
  setup(_, { attrs }) {
    const { user } = useAuth()
    return () => h('div', [h(LumenPasswordResetForm, attrs), h('output', { 'data-session': '' }, user.value?.email ?? 'signed out')])
  },
})

type Wrapper = Parameters<typeof byLabel>[0]
const describedBy = (el: { attributes(name: string): string | undefined }) =>
  (el.attributes('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' | ')
const status = (wrapper: Wrapper) => wrapper.find('[role="status"]')
const address = () => location.pathname + location.search + location.hash

async function choose(wrapper: Wrapper, password: string, again = password) {
  await byLabel(wrapper, 'New password').setValue(password)
  await byLabel(wrapper, 'Repeat the new password').setValue(again)
  await wrapper.find('form').trigger('submit')
}

afterEach(() => history.replaceState(null, '', '/'))

describe('LumenPasswordResetForm mode="request"', () => {
  it('title, intro and a labelled email field; the confirmation is the same whether or not the account exists', async () => {
    const { wrapper, lumen } = mountTesting(LumenPasswordResetForm, { user: null })
    expect(wrapper.find('h2').text()).toBe('Reset your password')
    expect(wrapper.text()).toContain('Enter the email of your account')
    expect(byLabel(wrapper, 'Email').attributes()).toMatchObject({ type: 'email', autocomplete: 'email' })
    await byLabel(wrapper, 'Email').setValue(' demo@lumen.test ')
    await button(wrapper, 'Send reset link').trigger('click')
    await until(() => !!wrapper.emitted('success'), 3_000, 'success')
    expect(wrapper.emitted('success')).toEqual([['request']])
    const sent = 'If an account exists for that email address, we have sent it a link to reset the password. Check your inbox.'
    expect(status(wrapper).text()).toBe(sent)
    expect(document.activeElement).toBe(status(wrapper).element)
    expect(wrapper.findAll('input')).toHaveLength(0)
    expect([...lumen.handlers.state.resetTokens.values()]).toEqual(['demo@lumen.test'])

    const unknown = mountTesting(LumenPasswordResetForm, { user: null })
    await byLabel(unknown.wrapper, 'Email').setValue('nobody@lumen.test')
    await unknown.wrapper.find('form').trigger('submit')
    await until(() => !!unknown.wrapper.emitted('success'), 3_000, 'success')
    // Word for word the same confirmation for an address with no account.
    expect(status(unknown.wrapper).text()).toBe(status(wrapper).text())
    expect(unknown.lumen.handlers.state.resetTokens.size).toBe(0)
  })

  it('a malformed email is a field error (focused), nothing is sent; a 429 or network failure is announced', async () => {
    const { wrapper, client } = mountTesting(LumenPasswordResetForm, { user: null }, { props: { email: 'demo@' } })
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const email = byLabel(wrapper, 'Email')
    expect(email.attributes('aria-invalid')).toBe('true')
    expect(describedBy(email)).toBe('Enter a valid email address, like name@example.com.')
    expect(document.activeElement).toBe(email.element)
    expect(client.calls).not.toContain('auth.requestPasswordReset')
    const limited = mountTesting(LumenPasswordResetForm, { user: null, fail: { 'POST /auth/password-reset/request': { status: 429, retryAfter: 30 } } }, { props: { email: 'demo@lumen.test' } }).wrapper
    await limited.find('form').trigger('submit')
    await until(() => alerts(limited) !== '', 3_000, 'alert')
    expect(alerts(limited)).toBe('Too many attempts. Please try again in 30 seconds.')
    expect(limited.emitted('failed')).toEqual([['RATE_LIMITED']])
    expect(status(limited).text()).toBe('')
  })

  it('busy while sending; the address bar is left alone in request mode', async () => {
    history.replaceState(null, '', '/forgot?token=keep-me')
    const { wrapper } = mountTesting(LumenPasswordResetForm, { user: null, delay: { 'POST /auth/password-reset/request': 150 } }, { props: { email: 'demo@lumen.test' } })
    await flushPromises()
    expect(address()).toBe('/forgot?token=keep-me')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(button(wrapper, 'Sending…').attributes('disabled')).toBeDefined()
    expect(wrapper.find('form').attributes('aria-busy')).toBe('true')
    await until(() => !!wrapper.emitted('success'), 3_000, 'success')
  })
})

describe('LumenPasswordResetForm mode="confirm"', () => {
  const seeded = (wrapper: ReturnType<typeof mountTesting>) => wrapper.lumen.handlers.state.resetTokens.set('rst_demo', 'demo@lumen.test')

  it('the token from the prop: the new password twice changes it; no automatic sign-in', async () => {
    const mounted = mountTesting(WithSession, { user: null }, { props: { mode: 'confirm', token: 'rst_demo', loginHref: '/login' } })
    seeded(mounted)
    const { wrapper, lumen } = mounted
    expect(wrapper.find('h2').text()).toBe('Choose a new password')
    expect(byLabel(wrapper, 'New password').attributes()).toMatchObject({ type: 'password', autocomplete: 'new-password' })
    expect(describedBy(byLabel(wrapper, 'New password'))).toBe('At least 8 characters.')
    expect(byLabel(wrapper, 'Repeat the new password').attributes('autocomplete')).toBe('new-password')
    await choose(wrapper, 'a-brand-new-pass')
    const form = wrapper.findComponent(LumenPasswordResetForm)
    await until(() => !!form.emitted('success'), 3_000, 'success')
    expect(form.emitted('success')).toEqual([['confirm']])
    expect(status(wrapper).text()).toBe('Your password has been changed. Sign in with the new password.')
    expect(document.activeElement).toBe(status(wrapper).element)
    expect(lumen.handlers.state.accounts.get('demo@lumen.test')!.password).toBe('a-brand-new-pass')
    expect(lumen.handlers.state.resetTokens.has('rst_demo')).toBe(false)
    expect(wrapper.find('[data-session]').text()).toBe('signed out')
    expect(wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')])).toEqual([['Back to sign in', '/login']])
  })

  it('the token from ?token= is used and removed from the address bar after mount (other params and the hash kept)', async () => {
    history.replaceState({ router: 'state' }, '', '/reset-password?lang=de&token=rst_demo&from=mail#top')
    const mounted = mountTesting(LumenPasswordResetForm, { user: null }, { props: { mode: 'confirm' } })
    seeded(mounted)
    await flushPromises()
    expect(address()).toBe('/reset-password?lang=de&from=mail#top')
    expect(history.state).toEqual({ router: 'state' })
    await choose(mounted.wrapper, 'a-brand-new-pass')
    await until(() => !!mounted.wrapper.emitted('success'), 3_000, 'success')
    expect(mounted.lumen.handlers.state.accounts.get('demo@lumen.test')!.password).toBe('a-brand-new-pass')
  })

  it('passwords that differ, or a short one, are field errors (focused); nothing is sent', async () => {
    const { wrapper, client } = mountTesting(LumenPasswordResetForm, { user: null }, { props: { mode: 'confirm', token: 'rst_demo' } })
    await choose(wrapper, 'a-brand-new-pass', 'a-brand-new-pas')
    await flushPromises()
    const again = byLabel(wrapper, 'Repeat the new password')
    expect(again.attributes('aria-invalid')).toBe('true')
    expect(describedBy(again)).toBe('The passwords do not match.')
    expect(document.activeElement).toBe(again.element)
    expect(byLabel(wrapper, 'New password').attributes('aria-invalid')).toBeUndefined()
    await choose(wrapper, 'short')
    await flushPromises()
    expect(describedBy(byLabel(wrapper, 'New password'))).toBe('At least 8 characters. | The password needs at least 8 characters.')
    expect(document.activeElement).toBe(byLabel(wrapper, 'New password').element)
    expect(client.calls).not.toContain('auth.resetPassword')
  })

  it('an invalid, expired or used link gets its own message, focused; the fields go, a way to a new link stays', async () => {
    const { wrapper } = mountTesting(LumenPasswordResetForm, { user: null }, { props: { mode: 'confirm', token: 'rst_gone', requestHref: '/forgot', loginHref: '/login' } })
    await choose(wrapper, 'a-brand-new-pass')
    await until(() => alerts(wrapper) !== '', 3_000, 'alert')
    expect(alerts(wrapper)).toBe('This reset link is invalid, expired or already used. Please request a new one.')
    expect(document.activeElement).toBe(wrapper.find('[role="alert"]').element)
    expect(wrapper.findAll('input')).toHaveLength(0)
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(wrapper.emitted('failed')).toEqual([['INVALID_TOKEN']])
    expect(wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')])).toEqual([['Reset your password', '/forgot'], ['Back to sign in', '/login']])
  })

  it('no token at all (neither prop nor URL): says so at once, no fields', async () => {
    const { wrapper } = mountTesting(LumenPasswordResetForm, { user: null }, { props: { mode: 'confirm', requestHref: '/forgot' } })
    await flushPromises()
    expect(alerts(wrapper)).toBe('This reset link is invalid, expired or already used. Please request a new one.')
    expect(wrapper.findAll('input')).toHaveLength(0)
    expect(wrapper.find('a').attributes('href')).toBe('/forgot')
  })

  it("the API's details on the new password go under the field; busy while changing", async () => {
    failing.answer(400, 'VALIDATION_FAILED', { details: [{ field: 'newPassword', message: 'too long' }] })
    const wrapper = await mountApi(LumenPasswordResetForm, apiLumen(failing.url), { props: { mode: 'confirm', token: 'rst_demo' } })
    await choose(wrapper, 'a-brand-new-pass')
    expect(button(wrapper, 'Changing password…').attributes('disabled')).toBeDefined()
    const field = byLabel(wrapper, 'New password')
    await until(() => field.attributes('aria-invalid') === 'true', 3_000, 'field error')
    expect(describedBy(field)).toBe('At least 8 characters. | too long')
    expect(document.activeElement).toBe(field.element)
    expect(failing.calls.at(-1)).toEqual({ call: 'POST /auth/password-reset/confirm', body: { token: 'rst_demo', newPassword: 'a-brand-new-pass' } })
    expect(alerts(wrapper)).toBe('')
  })

  it('German and Arabic', () => {
    const german = mountTesting(LumenPasswordResetForm, { user: null }, { props: { mode: 'confirm', token: 't' }, plugins: [createLumenUi({ locale: 'de' })] }).wrapper
    expect(german.findAll('label').map((l) => l.text())).toEqual(['Neues Passwort', 'Neues Passwort wiederholen'])
    expect(button(german, 'Passwort ändern').exists()).toBe(true)
    const arabic = mountTesting(LumenPasswordResetForm, { user: null }, { plugins: [createLumenUi({ locale: 'ar' })] }).wrapper
    expect(arabic.find('form').attributes()).toMatchObject({ dir: 'rtl', lang: 'ar' })
    expect(arabic.find('h2').text()).toBe('إعادة تعيين كلمة المرور')
  })
})
