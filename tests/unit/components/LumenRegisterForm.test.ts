import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import LumenRegisterForm from '../../../src/components/LumenRegisterForm.vue'
import { ar } from '../../../src/components/messages.js'
import { useFailingApi } from './failingApi.js'
import { alerts, apiLumen, button, byLabel, mountApi, mountTesting, until } from './helpers.js'
import { enter, focused, tab, type } from './keyboard.js'

const failing = useFailingApi()

/** The form beside what the app shows of the session: who is signed in. */
const WithSession = defineComponent({
  setup(_, { attrs }) {
    const { user } = useAuth()
    return () => h('div', [h(LumenRegisterForm, attrs), h('output', { 'data-session': '' }, user.value?.email ?? 'signed out')])
  },
})

type Wrapper = Parameters<typeof byLabel>[0]

async function fill(wrapper: Wrapper, values: Partial<Record<'First name' | 'Last name' | 'Email' | 'Password' | 'Organization name (optional)', string>>) {
  for (const [label, value] of Object.entries(values)) await byLabel(wrapper, label).setValue(value)
}

const carol = { 'First name': 'Carol', 'Last name': 'Clark', Email: 'carol@lumen.test', Password: 'carol-secret-1' }
const describedBy = (el: { attributes(name: string): string | undefined }) =>
  (el.attributes('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' | ')

describe('LumenRegisterForm', () => {
  it('labelled fields with autocomplete tokens, the password policy under the password, the organization optional', () => {
    const { wrapper } = mountTesting(LumenRegisterForm, { user: null })
    expect(wrapper.find('h2').text()).toBe('Create your account')
    expect(wrapper.find('form').attributes('aria-labelledby')).toBe(wrapper.find('h2').attributes('id'))
    expect(byLabel(wrapper, 'First name').attributes()).toMatchObject({ autocomplete: 'given-name', name: 'firstName' })
    expect(byLabel(wrapper, 'Last name').attributes()).toMatchObject({ autocomplete: 'family-name' })
    expect(byLabel(wrapper, 'Email').attributes()).toMatchObject({ type: 'email', autocomplete: 'email' })
    const password = byLabel(wrapper, 'Password')
    expect(password.attributes()).toMatchObject({ type: 'password', autocomplete: 'new-password' })
    expect(describedBy(password)).toBe('At least 8 characters.')
    const org = byLabel(wrapper, 'Organization name (optional)')
    expect(org.attributes('autocomplete')).toBe('organization')
    expect(org.attributes('required')).toBeUndefined()
    expect(byLabel(wrapper, 'Email').attributes('required')).toBeDefined()
    expect(button(wrapper, 'Create account').attributes('type')).toBe('submit')
    expect(wrapper.find('form').classes()).toContain('lumen-root')
    expect(alerts(wrapper)).toBe('')
  })

  it('signs up: the user is signed in, success carries the user, the new organization is created, the result is announced', async () => {
    const { wrapper, lumen } = mountTesting(WithSession, { user: null })
    await fill(wrapper, { ...carol, 'Organization name (optional)': '  Carol & Co ' })
    await wrapper.find('form').trigger('submit')
    const form = wrapper.findComponent(LumenRegisterForm)
    await until(() => !!form.emitted('success'), 3_000, 'success')
    expect(form.emitted('success')![0]).toEqual([expect.objectContaining({ email: 'carol@lumen.test', firstName: 'Carol', lastName: 'Clark' })])
    expect(wrapper.find('[data-session]').text()).toBe('carol@lumen.test')
    expect(lumen.handlers.state.accounts.get('carol@lumen.test')!.orgs).toEqual([expect.objectContaining({ name: 'Carol & Co', role: 'owner' })])
    const status = wrapper.find('[role="status"]')
    expect(status.text()).toBe('Your account has been created.')
    expect(document.activeElement).toBe(status.element)
    expect(wrapper.findAll('input')).toHaveLength(0)
  })

  it('without an organization name none is sent; organization=false hides the field', async () => {
    const { wrapper, lumen } = mountTesting(LumenRegisterForm, { user: null })
    await fill(wrapper, carol)
    await wrapper.find('form').trigger('submit')
    await until(() => !!wrapper.emitted('success'), 3_000, 'success')
    expect(lumen.handlers.state.accounts.get('carol@lumen.test')!.orgs).toEqual([])
    const without = mountTesting(LumenRegisterForm, { user: null }, { props: { organization: false } }).wrapper
    expect(without.findAll('label').map((l) => l.text())).toEqual(['First name', 'Last name', 'Email', 'Password'])
  })

  it('busy while the account is created: button disabled and saying so, fields read-only, aria-busy', async () => {
    const { wrapper } = mountTesting(LumenRegisterForm, { user: null, delay: { 'POST /auth/register': 150 } })
    await fill(wrapper, carol)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(button(wrapper, 'Creating your account…').attributes('disabled')).toBeDefined()
    expect(wrapper.find('form').attributes('aria-busy')).toBe('true')
    expect(byLabel(wrapper, 'Email').attributes('readonly')).toBeDefined()
    await until(() => !!wrapper.emitted('success'), 3_000, 'success')
  })

  it('checks before sending: missing names, a bad email and a short password are field errors; focus on the first', async () => {
    const { wrapper, client } = mountTesting(LumenRegisterForm, { user: null })
    await fill(wrapper, { Email: 'carol@', Password: 'short' })
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const first = byLabel(wrapper, 'First name')
    expect(first.attributes('aria-invalid')).toBe('true')
    expect(describedBy(first)).toBe('Please fill in this field.')
    expect(byLabel(wrapper, 'Last name').attributes('aria-invalid')).toBe('true')
    expect(describedBy(byLabel(wrapper, 'Email'))).toBe('Enter a valid email address, like name@example.com.')
    expect(describedBy(byLabel(wrapper, 'Password'))).toBe('At least 8 characters. | The password needs at least 8 characters.')
    expect(byLabel(wrapper, 'Organization name (optional)').attributes('aria-invalid')).toBeUndefined()
    expect(document.activeElement).toBe(first.element)
    expect(client.calls).not.toContain('auth.register')
    expect(wrapper.emitted('failed')).toBeUndefined()
  })

  it('409 EMAIL_TAKEN: said under the email field, which is marked and focused; nobody is signed in', async () => {
    const { wrapper } = mountTesting(WithSession, { user: null })
    await fill(wrapper, { ...carol, Email: 'demo@lumen.test' })
    await wrapper.find('form').trigger('submit')
    const email = byLabel(wrapper, 'Email')
    await until(() => email.attributes('aria-invalid') === 'true', 3_000, 'email error')
    expect(describedBy(email)).toBe('An account with this email already exists.')
    expect(document.activeElement).toBe(email.element)
    expect(byLabel(wrapper, 'First name').attributes('aria-invalid')).toBeUndefined()
    expect(alerts(wrapper)).toBe('')
    expect(wrapper.findComponent(LumenRegisterForm).emitted('failed')).toEqual([['EMAIL_TAKEN']])
    expect(wrapper.find('[data-session]').text()).toBe('signed out')
    expect(button(wrapper, 'Create account').attributes('disabled')).toBeUndefined()
  })

  it("the API's 400/422 details go under their fields, focus on the first; details naming no field are an alert", async () => {
    failing.answer(422, 'VALIDATION_FAILED', { details: [{ field: 'email', message: 'bad' }, { field: 'lastName', message: 'too long' }] })
    const wrapper = await mountApi(LumenRegisterForm, apiLumen(failing.url))
    await fill(wrapper, carol)
    await wrapper.find('form').trigger('submit')
    const last = byLabel(wrapper, 'Last name')
    await until(() => last.attributes('aria-invalid') === 'true', 3_000, 'field errors')
    // An English UI shows the API's own words for the field (as text); the email keeps the form's own hint.
    expect(describedBy(last)).toBe('too long')
    expect(describedBy(byLabel(wrapper, 'Email'))).toBe('Enter a valid email address, like name@example.com.')
    expect(document.activeElement).toBe(last.element) // the first invalid field in the form's order
    expect(alerts(wrapper)).toBe('')
    expect(wrapper.emitted('failed')).toEqual([['VALIDATION_FAILED']])
    expect(failing.calls.at(-1)).toEqual({ call: 'POST /auth/register', body: { firstName: 'Carol', lastName: 'Clark', email: 'carol@lumen.test', password: 'carol-secret-1' } })

    failing.answer(400, 'VALIDATION_FAILED', { details: [{ field: 'captcha', message: 'missing' }] })
    await wrapper.find('form').trigger('submit')
    await until(() => alerts(wrapper) !== '', 3_000, 'alert')
    expect(alerts(wrapper)).toBe('Something went wrong. Please try again.')
    expect(last.attributes('aria-invalid')).toBeUndefined()
    expect(document.activeElement).toBe(wrapper.find('[role="alert"]').element)
  })

  it("another language shows the catalog's text under the fields the API's details name; a 409 that is not EMAIL_TAKEN is an alert", async () => {
    failing.answer(422, 'VALIDATION_FAILED', { details: [{ field: 'email', message: 'bad' }, { field: 'lastName', message: 'too long' }] })
    const wrapper = await mountApi(LumenRegisterForm, apiLumen(failing.url), { plugins: [createLumenUi({ locale: 'de' })] })
    for (const [label, value] of Object.entries({ Vorname: 'Carol', Nachname: 'Clark', 'E-Mail': 'carol@lumen.test', Passwort: 'carol-secret-1' })) await byLabel(wrapper, label).setValue(value)
    await wrapper.find('form').trigger('submit')
    const last = byLabel(wrapper, 'Nachname')
    await until(() => last.attributes('aria-invalid') === 'true', 3_000, 'field errors')
    expect(describedBy(last)).toBe('Bitte prüfen Sie dieses Feld.')
    expect(describedBy(byLabel(wrapper, 'E-Mail'))).toBe('Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.')
    expect(wrapper.text()).not.toContain('too long')

    // A race on the organization's name (or any 409 but EMAIL_TAKEN) is not the email's fault.
    failing.answer(409, 'CONFLICT')
    await wrapper.find('form').trigger('submit')
    await until(() => alerts(wrapper) !== '', 3_000, 'alert')
    expect(alerts(wrapper)).toBe('Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.')
    expect(byLabel(wrapper, 'E-Mail').attributes('aria-invalid')).toBeUndefined()
  })

  it('a network failure or a 429 is announced in the alert', async () => {
    const { wrapper } = mountTesting(LumenRegisterForm, { user: null, fail: { 'POST /auth/register': 'network' } })
    await fill(wrapper, carol)
    await wrapper.find('form').trigger('submit')
    await until(() => alerts(wrapper) !== '', 3_000, 'alert')
    expect(alerts(wrapper)).toMatch(/could not be reached/)
    const limited = mountTesting(LumenRegisterForm, { user: null, fail: { 'POST /auth/register': { status: 429, retryAfter: 90 } } }).wrapper
    await fill(limited, carol)
    await limited.find('form').trigger('submit')
    await until(() => alerts(limited) !== '', 3_000, 'alert')
    expect(alerts(limited)).toBe('Too many attempts. Please try again in 2 minutes.')
  })

  it('keyboard only: Tab through the fields, type, Enter submits; a taken email brings focus back to it', async () => {
    const { wrapper } = mountTesting(LumenRegisterForm, { user: null }, { props: { loginHref: '/login' } })
    const order = wrapper.findAll('input, button, a[href]').map((e) => e.attributes('name') ?? e.text())
    expect(order).toEqual(['firstName', 'lastName', 'email', 'password', 'organizationName', 'Create account', 'Already have an account? Sign in'])
    expect(wrapper.findAll('[tabindex]').map((e) => e.attributes('tabindex'))).toEqual(['-1', '-1']) // alert and status only
    await tab()
    expect(focused()).toBe(byLabel(wrapper, 'First name').element)
    await type('Carol')
    await tab()
    await type('Clark')
    await tab()
    await type('demo@lumen.test')
    await tab()
    await type('carol-secret-1')
    await enter()
    const email = byLabel(wrapper, 'Email')
    await until(() => email.attributes('aria-invalid') === 'true', 3_000, 'email error')
    expect(focused()).toBe(email.element)
    email.element.select()
    email.element.value = ''
    await type('carol@lumen.test')
    await tab()
    await tab()
    await tab()
    expect(focused()).toBe(button(wrapper, 'Create account').element)
    await enter()
    await until(() => !!wrapper.emitted('success'), 3_000, 'success')
    expect(wrapper.emitted('success')![0]).toEqual([expect.objectContaining({ email: 'carol@lumen.test', firstName: 'Carol' })])
  })

  it('loginHref shows the sign-in link; the login, header and success slots replace theirs', async () => {
    const plain = mountTesting(LumenRegisterForm, { user: null }).wrapper
    expect(plain.findAll('a')).toHaveLength(0)
    const linked = mountTesting(LumenRegisterForm, { user: null }, { props: { loginHref: '/login' } }).wrapper
    expect(linked.findAll('a').map((a) => [a.text(), a.attributes('href')])).toEqual([['Already have an account? Sign in', '/login']])
    const slotted = mountTesting(LumenRegisterForm, { user: null }, {
      slots: { login: '<a href="/in">Log in</a>', header: '<h1>Join Acme</h1>', success: '<template #success="{ user }">Welcome, {{ user.firstName }}!</template>' },
    }).wrapper
    expect(slotted.findAll('a').map((a) => a.text())).toEqual(['Log in'])
    expect(slotted.find('h1').text()).toBe('Join Acme')
    expect(slotted.find('form').attributes('aria-labelledby')).toBeUndefined()
    await fill(slotted, carol)
    await slotted.find('form').trigger('submit')
    await until(() => !!slotted.emitted('success'), 3_000, 'success')
    expect(slotted.find('[role="status"]').text()).toBe('Welcome, Carol!')
  })

  it('German and Arabic: translated labels; Arabic lays out right to left', () => {
    const german = mountTesting(LumenRegisterForm, { user: null }, { plugins: [createLumenUi({ locale: 'de' })] }).wrapper
    expect(german.findAll('label').map((l) => l.text())).toEqual(['Vorname', 'Nachname', 'E-Mail', 'Passwort', 'Name der Organisation (optional)'])
    expect(button(german, 'Registrieren').exists()).toBe(true)
    german.unmount() // one app per page: ids from useId() repeat across apps
    const arabic = mountTesting(LumenRegisterForm, { user: null }, { plugins: [createLumenUi({ locale: 'ar' })] }).wrapper
    expect(arabic.find('form').attributes()).toMatchObject({ dir: 'rtl', lang: 'ar' })
    expect(describedBy(byLabel(arabic, ar.loginPassword))).toBe(ar.formPasswordPolicy.replace('{min}', new Intl.NumberFormat('ar').format(8)))
    expect(button(arabic, ar.registerSubmit).exists()).toBe(true)
  })
})
