import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import LumenLoginForm from '../../../src/components/LumenLoginForm.vue'
import LumenPaywallGate from '../../../src/components/LumenPaywallGate.vue'
import { createLumenUi, provideLumenUi } from '../../../src/components/lumenUi.js'
import { de, en } from '../../../src/components/messages.js'
import { createTestingLumen } from '../../../src/testing/plugin.js'
import { fixtures } from '../../../src/testing/fixtures.js'
import { button, byLabel, mountTesting } from './helpers.js'

describe('translations', () => {
  it('English without any configuration', () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null })
    expect(byLabel(wrapper, 'Email').exists()).toBe(true)
    expect(button(wrapper, 'Sign in').exists()).toBe(true)
  })

  it("createLumenUi({ locale: 'de' }) renders German", () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null }, { plugins: [createLumenUi({ locale: 'de' })] })
    expect(byLabel(wrapper, 'E-Mail').exists()).toBe(true)
    expect(byLabel(wrapper, 'Passwort').exists()).toBe(true)
    expect(button(wrapper, 'Anmelden').exists()).toBe(true)
    const gate = mountTesting(LumenPaywallGate, { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } }, {
      props: { feature: 'advanced_reports' },
      plugins: [createLumenUi({ locale: 'de-AT' })],
    }).wrapper
    expect(gate.text()).toContain('Upgrade erforderlich')
    expect(gate.text()).toContain('Diese Funktion ist ab dem Tarif Pro enthalten.')
  })

  it('messages override single keys; provideLumenUi overrides the app for a subtree; the locale is reactive', async () => {
    const locale = ref('en')
    const Section = defineComponent(() => {
      provideLumenUi({ messages: { en: { loginSubmit: 'Log in' }, de: { loginSubmit: 'Einloggen' } } })
      return () => h(LumenLoginForm)
    })
    const wrapper = mount(Section, {
      attachTo: document.body,
      global: { plugins: [createTestingLumen({ user: null }), createLumenUi({ locale, messages: { en: { loginEmail: 'Work email' } } })] },
    })
    expect(byLabel(wrapper, 'Work email').exists()).toBe(true)
    expect(button(wrapper, 'Log in').exists()).toBe(true)
    locale.value = 'de'
    await nextTick()
    expect(button(wrapper, 'Einloggen').exists()).toBe(true)
    expect(byLabel(wrapper, 'Passwort').exists()).toBe(true)
    wrapper.unmount()
  })

  it('an unknown locale falls back to English; German has every English key, translated', () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null }, { plugins: [createLumenUi({ locale: 'fr', messages: { fr: { loginSubmit: 'Se connecter' } } })] })
    expect(button(wrapper, 'Se connecter').exists()).toBe(true)
    expect(byLabel(wrapper, 'Email').exists()).toBe(true)
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort())
    const same = Object.keys(en).filter((k) => de[k as keyof typeof de] === en[k as keyof typeof en])
    expect(same).toEqual([])
    // placeholders survive translation
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(de[key].match(/\{\w+\}/g) ?? [], key).toEqual(en[key].match(/\{\w+\}/g) ?? [])
    }
  })
})
