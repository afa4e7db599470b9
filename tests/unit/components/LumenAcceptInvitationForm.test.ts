import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useOrganizations } from '../../../src/composables/useOrganizations.js'
import LumenAcceptInvitationForm from '../../../src/components/LumenAcceptInvitationForm.vue'
import { createLumenUi } from '../../../src/components/lumenUi.js'
import type { TestingLumenOptions } from '../../../src/testing/plugin.js'
import { useFailingApi } from './failingApi.js'
import { alerts, apiLumen, button, byLabel, mountApi, mountTesting, until } from './helpers.js'

const failing = useFailingApi()
// The demo data's open invitation: carol@lumen.test to Acme Corp.
const TOKEN = 'lumen-invite-acme-carol'

/** The form beside what the app shows of the session: who is signed in, in which organizations. */
const WithSession = defineComponent({
  setup(_, { attrs }) {
    const { user } = useAuth()
    const { organizations } = useOrganizations()
    return () => h('div', [
      h(LumenAcceptInvitationForm, attrs),
      h('output', { 'data-session': '' }, user.value ? `${user.value.email} in ${organizations.value.map((o) => `${o.name} (${o.role})`).join(', ')}` : 'signed out'),
    ])
  },
})

type Wrapper = Parameters<typeof byLabel>[0]
const describedBy = (el: { attributes(name: string): string | undefined }) =>
  (el.attributes('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' | ')
const address = () => location.pathname + location.search + location.hash

async function accept(wrapper: Wrapper, password = 'carol-secret-1') {
  await byLabel(wrapper, 'First name').setValue('Carol')
  await byLabel(wrapper, 'Last name').setValue('Clark')
  await byLabel(wrapper, 'Password').setValue(password)
  await wrapper.find('form').trigger('submit')
}

function mountInvite(props: Record<string, unknown> = { token: TOKEN }, options: TestingLumenOptions = {}) {
  const mounted = mountTesting(WithSession, { user: null, ...options }, { props })
  return { ...mounted, form: () => mounted.wrapper.findComponent(LumenAcceptInvitationForm) }
}

async function failsWith(wrapper: Wrapper, text: string) {
  await until(() => alerts(wrapper) !== '', 3_000, 'alert')
  expect(alerts(wrapper)).toBe(text)
  expect(document.activeElement).toBe(wrapper.find('[role="alert"]').element)
  expect(wrapper.findAll('input')).toHaveLength(0) // the invitation can't be used: only the way out is left
  expect(wrapper.findAll('button')).toHaveLength(0)
  expect(wrapper.find('[data-session]').text()).toBe('signed out')
}

afterEach(() => history.replaceState(null, '', '/'))

describe('LumenAcceptInvitationForm', () => {
  it('title, intro, labelled name and password fields with autocomplete tokens and the password policy', () => {
    const { wrapper } = mountInvite()
    expect(wrapper.find('h2').text()).toBe('Join your team')
    expect(wrapper.find('form').attributes('aria-labelledby')).toBe(wrapper.find('h2').attributes('id'))
    expect(wrapper.text()).toContain('Set up your account to accept the invitation.')
    expect(byLabel(wrapper, 'First name').attributes('autocomplete')).toBe('given-name')
    expect(byLabel(wrapper, 'Last name').attributes('autocomplete')).toBe('family-name')
    expect(byLabel(wrapper, 'Password').attributes()).toMatchObject({ type: 'password', autocomplete: 'new-password' })
    expect(describedBy(byLabel(wrapper, 'Password'))).toBe('At least 8 characters.')
    expect(button(wrapper, 'Accept invitation').attributes('type')).toBe('submit')
    expect(alerts(wrapper)).toBe('')
  })

  it('accepts: signed in as the invited user, a member of the organization; success carries the user; announced', async () => {
    const { wrapper, form } = mountInvite({ token: TOKEN, loginHref: '/login' })
    await accept(wrapper)
    await until(() => !!form().emitted('success'), 3_000, 'success')
    expect(form().emitted('success')![0]).toEqual([expect.objectContaining({ email: 'carol@lumen.test', firstName: 'Carol', lastName: 'Clark' })])
    expect(wrapper.find('[data-session]').text()).toBe('carol@lumen.test in Acme Corp (member)')
    const status = wrapper.find('[role="status"]')
    expect(status.text()).toBe('Your account has been created.')
    expect(document.activeElement).toBe(status.element)
    expect(wrapper.findAll('input, a')).toHaveLength(0)
  })

  it('the token from ?token= is used and removed from the address bar after mount (other params and the hash kept)', async () => {
    history.replaceState({ router: 1 }, '', `/accept-invitation?token=${TOKEN}&utm=mail#join`)
    const { wrapper, form } = mountInvite({})
    await flushPromises()
    expect(address()).toBe('/accept-invitation?utm=mail#join')
    expect(history.state).toEqual({ router: 1 })
    await accept(wrapper)
    await until(() => !!form().emitted('success'), 3_000, 'success')
    expect(wrapper.find('[data-session]').text()).toMatch(/^carol@lumen.test/)
  })

  it('an expired invitation (404 INVITATION_EXPIRED) gets its own message', async () => {
    const { wrapper, form } = mountInvite({ token: TOKEN, loginHref: '/login' }, { fail: { 'POST /auth/invitations/accept': { status: 404, code: 'INVITATION_EXPIRED' } } })
    await accept(wrapper)
    await failsWith(wrapper, 'This invitation has expired. Ask the person who invited you for a new one.')
    expect(form().emitted('failed')).toEqual([['INVITATION_EXPIRED']])
    expect(wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')])).toEqual([['Back to sign in', '/login']])
  })

  it('a used invitation (409 INVITATION_USED) gets its own message', async () => {
    const { wrapper, lumen } = mountInvite()
    lumen.handlers.state.invitations.get(TOKEN)!.acceptedAt = new Date().toISOString()
    await accept(wrapper)
    await failsWith(wrapper, 'This invitation has already been used. Sign in instead.')
  })

  it('an unknown token, or an account that already exists for the invited email, each say so', async () => {
    const unknown = mountInvite({ token: 'lumen-invite-nope' }).wrapper
    await accept(unknown)
    await failsWith(unknown, 'This invitation link is not valid. Check that you opened the whole link from the email.')
    unknown.unmount()
    const taken = mountInvite({ token: 'inv_dana' })
    taken.lumen.handlers.state.invitations.set('inv_dana', { organizationId: 'org_acme', email: 'demo@lumen.test', role: 'member' })
    await accept(taken.wrapper)
    await failsWith(taken.wrapper, 'An account with this email already exists. Sign in instead.')
    expect(taken.form().emitted('failed')).toEqual([['EMAIL_TAKEN']])
  })

  it('no token (neither prop nor URL): says so at once, no fields', async () => {
    const { wrapper, client } = mountInvite({})
    await flushPromises()
    expect(alerts(wrapper)).toBe('This invitation link is not valid. Check that you opened the whole link from the email.')
    expect(wrapper.findAll('input')).toHaveLength(0)
    expect(client.calls).not.toContain('auth.acceptInvitation')
  })

  it('checks before sending: missing names and a short password are field errors, focus on the first', async () => {
    const { wrapper, client } = mountInvite()
    await byLabel(wrapper, 'Password').setValue('short')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const first = byLabel(wrapper, 'First name')
    expect(first.attributes('aria-invalid')).toBe('true')
    expect(describedBy(first)).toBe('Please fill in this field.')
    expect(byLabel(wrapper, 'Last name').attributes('aria-invalid')).toBe('true')
    expect(describedBy(byLabel(wrapper, 'Password'))).toBe('At least 8 characters. | The password needs at least 8 characters.')
    expect(document.activeElement).toBe(first.element)
    expect(client.calls).not.toContain('auth.acceptInvitation')
  })

  it("the API's 400 details go under their fields (focused); busy while accepting", async () => {
    failing.answer(400, 'VALIDATION_FAILED', { details: [{ field: 'password', message: 'too long' }] })
    const wrapper = await mountApi(LumenAcceptInvitationForm, apiLumen(failing.url), { props: { token: TOKEN } })
    await accept(wrapper)
    expect(button(wrapper, 'Accepting…').attributes('disabled')).toBeDefined()
    expect(wrapper.find('form').attributes('aria-busy')).toBe('true')
    const password = byLabel(wrapper, 'Password')
    await until(() => password.attributes('aria-invalid') === 'true', 3_000, 'field error')
    expect(describedBy(password)).toBe('At least 8 characters. | too long')
    expect(document.activeElement).toBe(password.element)
    expect(failing.calls.at(-1)).toEqual({ call: 'POST /auth/invitations/accept', body: { token: TOKEN, firstName: 'Carol', lastName: 'Clark', password: 'carol-secret-1' } })
    expect(wrapper.emitted('failed')).toEqual([['VALIDATION_FAILED']])
  })

  it('the login and header slots replace theirs; German and Arabic', () => {
    const slotted = mountTesting(LumenAcceptInvitationForm, { user: null }, { props: { token: TOKEN }, slots: { login: '<a href="/in">Sign in</a>', header: '<h1>Join Acme</h1>' } }).wrapper
    expect(slotted.findAll('a').map((a) => a.text())).toEqual(['Sign in'])
    expect(slotted.find('h1').text()).toBe('Join Acme')
    slotted.unmount()
    const german = mountTesting(LumenAcceptInvitationForm, { user: null }, { props: { token: TOKEN }, plugins: [createLumenUi({ locale: 'de' })] }).wrapper
    expect(german.findAll('label').map((l) => l.text())).toEqual(['Vorname', 'Nachname', 'Passwort'])
    expect(button(german, 'Einladung annehmen').exists()).toBe(true)
    german.unmount()
    const arabic = mountTesting(LumenAcceptInvitationForm, { user: null }, { props: { token: TOKEN }, plugins: [createLumenUi({ locale: 'ar' })] }).wrapper
    expect(arabic.find('form').attributes()).toMatchObject({ dir: 'rtl', lang: 'ar' })
    expect(arabic.find('h2').text()).toBe('انضم إلى فريقك')
  })
})
