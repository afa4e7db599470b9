// @vitest-environment happy-dom
// The sign-up, password-reset and invitation forms against the real emulator, in a DOM: its
// validation details, its mail outbox and its clock (expired invitations), as an app meets them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import LumenAcceptInvitationForm from '../../../src/components/LumenAcceptInvitationForm.vue'
import LumenLoginForm from '../../../src/components/LumenLoginForm.vue'
import LumenPasswordResetForm from '../../../src/components/LumenPasswordResetForm.vue'
import LumenRegisterForm from '../../../src/components/LumenRegisterForm.vue'
import { INVITATION_TOKEN } from '../../../emulator/seed-data.js'
import { alerts, apiLumen, byLabel, mountApi, until } from '../../unit/components/helpers.js'
import { spawnEmulator } from './emulatorProcess.js'
import type { EmulatorProcess } from './emulatorProcess.js'

let emu: EmulatorProcess
beforeAll(async () => {
  emu = await spawnEmulator()
}, 30_000)
afterAll(() => emu.close())
afterEach(async () => {
  history.replaceState(null, '', '/')
  await control('POST', '/__emulator/reset')
  await control('POST', '/__emulator/clock', { reset: true })
})

async function control(method: string, path: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`[test] ${method} ${path}: ${res.status}`)
  return res.json()
}

type Wrapper = Awaited<ReturnType<typeof mountApi>>
const describedBy = (el: { attributes(name: string): string | undefined }) =>
  (el.attributes('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' | ')

async function fill(wrapper: Wrapper, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await byLabel(wrapper, label).setValue(value)
  await wrapper.find('form').trigger('submit')
}

describe('auth-flow forms against the emulator', () => {
  it("register: the emulator's field details land under the password; then signed up; the same email again is taken", async () => {
    const form = await mountApi(LumenRegisterForm, apiLumen(emu.url))
    const person = { 'First name': 'Erin', 'Last name': 'Example', Email: 'erin@lumen.test' }
    await fill(form, { ...person, Password: 'x'.repeat(201) }) // passes the 8-character check, over the API's 200
    const password = byLabel(form, 'Password')
    await until(() => password.attributes('aria-invalid') === 'true', 5_000, 'password error')
    expect(describedBy(password)).toBe('At least 8 characters. | Must be at most 200 characters.') // the emulator's own words (an English UI)
    expect(document.activeElement).toBe(password.element)
    await password.setValue('erin-secret-1')
    await form.find('form').trigger('submit')
    await until(() => !!form.emitted('success'), 5_000, 'success')
    expect(form.emitted('success')![0]).toEqual([expect.objectContaining({ email: 'erin@lumen.test', firstName: 'Erin' })])
    form.unmount()

    const again = await mountApi(LumenRegisterForm, apiLumen(emu.url))
    await fill(again, { ...person, Password: 'erin-secret-2' })
    const email = byLabel(again, 'Email')
    await until(() => email.attributes('aria-invalid') === 'true', 5_000, 'email taken')
    expect(describedBy(email)).toBe('An account with this email already exists.')
  })

  it('password reset: the mailed link (?token=) sets a new password, which then signs in; the link works once', async () => {
    const request = await mountApi(LumenPasswordResetForm, apiLumen(emu.url))
    await fill(request, { Email: 'demo@lumen.test' })
    await until(() => !!request.emitted('success'), 5_000, 'sent')
    request.unmount()
    const mail = (await control('GET', '/__emulator/outbox?to=demo%40lumen.test')).messages.at(-1) as { link: string; token: string }
    const link = new URL(mail.link)
    history.replaceState(null, '', `${link.pathname}${link.search}&ref=mail#new`)

    const confirm = await mountApi(LumenPasswordResetForm, apiLumen(emu.url), { props: { mode: 'confirm' } })
    expect(location.search).toBe('?ref=mail')
    expect(location.hash).toBe('#new')
    await fill(confirm, { 'New password': 'demo-new-pass', 'Repeat the new password': 'demo-new-pass' })
    await until(() => !!confirm.emitted('success'), 5_000, 'changed')
    confirm.unmount()

    const login = await mountApi(LumenLoginForm, apiLumen(emu.url))
    await fill(login, { Email: 'demo@lumen.test', Password: 'demo-new-pass' })
    await until(() => !!login.emitted('signedIn'), 5_000, 'signed in')
    login.unmount()

    const reused = await mountApi(LumenPasswordResetForm, apiLumen(emu.url), { props: { mode: 'confirm', token: mail.token } })
    await fill(reused, { 'New password': 'demo-newer-pass', 'Repeat the new password': 'demo-newer-pass' })
    await until(() => alerts(reused) !== '', 5_000, 'dead link')
    expect(alerts(reused)).toBe('This reset link is invalid, expired or already used. Please request a new one.')
  })

  it('invitation: the seeded one signs Carol in; used again, or after its 7 days, each says so', async () => {
    const accept = await mountApi(LumenAcceptInvitationForm, apiLumen(emu.url), { props: { token: INVITATION_TOKEN } })
    const carol = { 'First name': 'Carol', 'Last name': 'Clark', Password: 'carol-secret-1' }
    await fill(accept, carol)
    await until(() => !!accept.emitted('success'), 5_000, 'accepted')
    expect(accept.emitted('success')![0]).toEqual([expect.objectContaining({ email: 'carol@lumen.test' })])
    accept.unmount()

    const used = await mountApi(LumenAcceptInvitationForm, apiLumen(emu.url), { props: { token: INVITATION_TOKEN } })
    await fill(used, carol)
    await until(() => alerts(used) !== '', 5_000, 'used')
    expect(alerts(used)).toBe('This invitation has already been used. Sign in instead.')
    used.unmount()

    await control('POST', '/__emulator/reset')
    await control('POST', '/__emulator/clock', { advance: '8d' })
    const expired = await mountApi(LumenAcceptInvitationForm, apiLumen(emu.url), { props: { token: INVITATION_TOKEN } })
    await fill(expired, carol)
    await until(() => alerts(expired) !== '', 5_000, 'expired')
    expect(alerts(expired)).toBe('This invitation has expired. Ask the person who invited you for a new one.')
    expect(expired.emitted('failed')).toEqual([['INVITATION_EXPIRED']])
  })
})
