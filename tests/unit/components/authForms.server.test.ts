// The auth-flow forms render on the server (Node, no window): the token of a link is only read
// from the URL once mounted in the browser, so the server's markup is the form, never "no token".
import { describe, expect, it } from 'vitest'
import { createSSRApp, h } from 'vue'
import type { Component } from 'vue'
import { renderToString } from 'vue/server-renderer'
import LumenAcceptInvitationForm from '../../../src/components/LumenAcceptInvitationForm.vue'
import LumenPasswordResetForm from '../../../src/components/LumenPasswordResetForm.vue'
import LumenRegisterForm from '../../../src/components/LumenRegisterForm.vue'
import { createTestingLumen } from '../../../src/testing/plugin.js'

async function render(component: Component, props: Record<string, unknown> = {}): Promise<string> {
  const app = createSSRApp({ render: () => h(component, props) })
  app.use(createTestingLumen({ user: null }))
  return renderToString(app)
}

describe('auth-flow forms in SSR', () => {
  it('render without a window: fields, no alert text, the token never in the markup', async () => {
    expect(typeof window).toBe('undefined')
    const register = await render(LumenRegisterForm, { loginHref: '/login' })
    expect(register).toContain('Create your account')
    expect(register).toContain('autocomplete="new-password"')
    const confirm = await render(LumenPasswordResetForm, { mode: 'confirm', token: 'rst_secret_value' })
    expect(confirm).toContain('Choose a new password')
    expect(confirm).not.toContain('rst_secret_value')
    const noToken = await render(LumenPasswordResetForm, { mode: 'confirm' })
    expect(noToken).toContain('name="newPassword"')
    expect(noToken).not.toContain('invalid')
    const invite = await render(LumenAcceptInvitationForm, { token: 'lumen-invite-acme-carol' })
    expect(invite).toContain('Join your team')
    expect(invite).not.toContain('lumen-invite-acme-carol')
    expect(await render(LumenAcceptInvitationForm)).toContain('name="password"')
  })
})
