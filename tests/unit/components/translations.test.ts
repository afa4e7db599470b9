import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import LumenLoginForm from '../../../src/components/LumenLoginForm.vue'
import LumenPaywallGate from '../../../src/components/LumenPaywallGate.vue'
import { createLumenUi, provideLumenUi, relativeTime as relative, useLumenUi } from '../../../src/components/lumenUi.js'
import type { LumenUi } from '../../../src/components/lumenUi.js'
import { ar, de, en } from '../../../src/components/messages.js'
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

  it('an unknown locale falls back to English; German and Arabic have every English key, translated', () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null }, { plugins: [createLumenUi({ locale: 'fr', messages: { fr: { loginSubmit: 'Se connecter' } } })] })
    expect(button(wrapper, 'Se connecter').exists()).toBe(true)
    expect(byLabel(wrapper, 'Email').exists()).toBe(true)
    for (const [name, texts, sameAsEnglish] of [['de', de, ['formOptional', 'planLimit']], ['ar', ar, ['planLimit']]] as const) {
      expect(Object.keys(texts).sort(), name).toEqual(Object.keys(en).sort())
      const same = Object.keys(en).filter((k) => texts[k as keyof typeof en] === en[k as keyof typeof en])
      expect(same, name).toEqual(sameAsEnglish)
      // placeholders survive translation
      for (const key of Object.keys(en) as Array<keyof typeof en>) {
        expect((texts[key].match(/\{\w+\}/g) ?? []).sort(), `${name}.${key}`).toEqual((en[key].match(/\{\w+\}/g) ?? []).sort())
      }
    }
  })
})

describe('Arabic, Intl and bridges', () => {
  const ui = (options: Parameters<typeof createLumenUi>[0]) => {
    let got!: LumenUi
    mount(defineComponent(() => ((got = useLumenUi(en)), () => h('i'))), { global: { plugins: [createLumenUi(options)] } }).unmount()
    return got
  }

  it("Arabic is built in and lays the form out right to left (dir and lang on the root)", () => {
    const { wrapper } = mountTesting(LumenLoginForm, { user: null }, { plugins: [createLumenUi({ locale: 'ar-EG' })] })
    expect(byLabel(wrapper, 'البريد الإلكتروني').exists()).toBe(true)
    expect(button(wrapper, 'تسجيل الدخول').exists()).toBe(true)
    expect(wrapper.find('form').attributes()).toMatchObject({ dir: 'rtl', lang: 'ar-EG' })
    const english = mountTesting(LumenLoginForm, { user: null }).wrapper
    expect(english.find('form').attributes()).toMatchObject({ dir: 'ltr', lang: 'en' })
  })

  it('relative times and numbers go through Intl in the locale', () => {
    expect(relative(ui({ locale: 'en' }), 240)).toBe('in 4 minutes')
    expect(relative(ui({ locale: 'en' }), 30)).toBe('in 30 seconds')
    expect(relative(ui({ locale: 'en' }), 7200)).toBe('in 2 hours')
    expect(relative(ui({ locale: 'de' }), 240)).toBe('in 4 Minuten')
    // an age (negative) rounds down: 5 min 40 s ago is "5 minutes ago"; under a second is "now"
    expect(relative(ui({ locale: 'en' }), -340)).toBe('5 minutes ago')
    expect(relative(ui({ locale: 'en' }), -0.4)).toBe('now')
    expect(relative(ui({ locale: 'en' }), -3 * 86_400 - 60)).toBe('3 days ago')
    expect(relative(ui({ locale: 'de' }), -7200)).toBe('vor 2 Stunden')
    expect(relative(ui({ locale: 'not a locale!' }), -120)).toMatch(/2 minutes ago/)
    expect(relative(ui({ locale: 'ar' }), 240)).toBe(new Intl.RelativeTimeFormat('ar', { numeric: 'auto' }).format(4, 'minute'))
    expect(ui({ locale: 'ar' }).dir.value).toBe('rtl')
    expect(ui({ locale: 'de' }).t('formPasswordPolicy', { min: 12 })).toBe('Mindestens 12 Zeichen.')
    expect(ui({ locale: 'ar' }).t('formPasswordPolicy', { min: 8 })).toContain(new Intl.NumberFormat('ar').format(8))
    // an invalid tag from the app never crashes a component
    expect(relative(ui({ locale: 'not a locale!' }), 60)).toMatch(/1 minute/)
  })

  it("locale: () => i18n.global.locale follows vue-i18n in either mode: a getter of a string (legacy) or of a ref (legacy: false)", async () => {
    const composition = ref('de') // vue-i18n with legacy: false: global.locale is a ref
    const legacy = { locale: 'de' } // vue-i18n's default (legacy) mode: global.locale is a string
    const viaRef = ui({ locale: () => composition })
    const viaString = ui({ locale: () => legacy.locale })
    expect([viaRef.locale.value, viaRef.t('loginSubmit')]).toEqual(['de', de.loginSubmit])
    expect([viaString.locale.value, viaString.t('loginSubmit')]).toEqual(['de', de.loginSubmit])
    composition.value = 'ar'
    await nextTick()
    expect([viaRef.locale.value, viaRef.dir.value]).toEqual(['ar', 'rtl'])
  })

  it('translate bridges an i18n library (vue-i18n style): its text first, the built-in one otherwise', () => {
    const catalog: Record<string, string> = { 'lumen.loginSubmit': 'Log in ({locale})', 'lumen.formPasswordPolicy': 'Min. {min}' }
    const translate = (key: string, params: Record<string, string>, locale: string) =>
      catalog[`lumen.${key}`]?.replace(/\{(\w+)\}/g, (_, n: string) => (n === 'locale' ? locale : (params[n] ?? '')))
    const t = ui({ locale: 'en', translate }).t
    expect(t('loginSubmit')).toBe('Log in (en)')
    expect(t('formPasswordPolicy', { min: 1000 })).toBe('Min. 1,000')
    expect(t('loginEmail')).toBe('Email')
  })
})
