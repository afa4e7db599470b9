/**
 * Locale and texts of the components. Zero config: English. `createLumenUi()` sets them app-wide,
 * `provideLumenUi()` for one subtree (merged over the app's). Both accept refs/getters.
 */
import { computed, inject, provide, toValue } from 'vue'
import type { ComputedRef, InjectionKey, MaybeRefOrGetter, Plugin } from 'vue'
import { en, lumenUiLocales } from './messages.js'
import type { LumenUiMessages } from './messages.js'

export interface LumenUiOptions {
  /** BCP 47 tag; `en` and `de` (and `de-AT`, …) are built in; it also formats dates. @default 'en' */
  locale?: MaybeRefOrGetter<string | null | undefined>
  /** Overrides per locale, e.g. `{ en: { loginSubmit: 'Log in' }, fr: { … } }`; missing keys fall back to English. */
  messages?: MaybeRefOrGetter<Record<string, Partial<LumenUiMessages>> | null | undefined>
}

export interface LumenUi {
  /** The effective locale. */
  locale: ComputedRef<string>
  /** The message `key` with `{name}` placeholders filled from `params`. */
  t(key: keyof LumenUiMessages, params?: Record<string, string | number>): string
}

/** Injection key of the components' locale and messages. */
export const LUMEN_UI_KEY: InjectionKey<LumenUiOptions> = Symbol('lumen-account:ui')

function merged(parent: LumenUiOptions, options: LumenUiOptions): LumenUiOptions {
  return {
    locale: () => toValue(options.locale) || toValue(parent.locale),
    messages: () => {
      const own = toValue(options.messages) ?? {}
      const base = { ...toValue(parent.messages) }
      for (const [locale, texts] of Object.entries(own)) base[locale] = { ...base[locale], ...texts }
      return base
    },
  }
}

/**
 * Set the components' locale and messages for this component's subtree (call in `setup`).
 * @example provideLumenUi({ locale: 'de', messages: { de: { loginSubmit: 'Einloggen' } } })
 */
export function provideLumenUi(options: LumenUiOptions): void {
  provide(LUMEN_UI_KEY, merged(inject(LUMEN_UI_KEY, {}), options))
}

/**
 * A plugin that sets the components' locale and messages app-wide.
 * @example app.use(createLumenUi({ locale: () => i18n.locale.value }))
 */
export function createLumenUi(options: LumenUiOptions = {}): Plugin {
  return { install: (app) => void app.provide(LUMEN_UI_KEY, merged({}, options)) }
}

/** @internal The texts a component renders, in the effective locale. */
export function useLumenUi(): LumenUi {
  const options = inject(LUMEN_UI_KEY, {})
  const locale = computed(() => toValue(options.locale) || 'en')
  const messages = computed<LumenUiMessages>(() => {
    const tag = locale.value
    const lang = tag.split('-')[0]?.toLowerCase() ?? ''
    const own = toValue(options.messages) ?? {}
    const builtIn = lumenUiLocales[lang as 'en'] ?? en
    return { ...en, ...builtIn, ...own[lang], ...own[tag] }
  })
  return {
    locale,
    t: (key, params = {}) => messages.value[key].replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)),
  }
}
