/**
 * Locale and texts of the components. Zero config: English. `createLumenUi()` sets them app-wide,
 * `provideLumenUi()` for one subtree (merged over the app's). Both accept refs/getters.
 */
import { computed, inject, provide, toValue } from 'vue'
import type { ComputedRef, InjectionKey, MaybeRefOrGetter, Plugin } from 'vue'
import { en, lumenUiLocales } from './messages.js'
import type { LumenUiMessages } from './messages.js'

/** A message key of the components. */
export type LumenUiMessageKey = keyof LumenUiMessages

/** Parameters of a message: numbers are formatted for the locale (`Intl.NumberFormat`). */
export type LumenUiParams = Record<string, string | number>

export interface LumenUiOptions {
  /** BCP 47 tag; `en`, `de` and `ar` (and `de-AT`, `ar-EG`, …) are built in; it also formats dates, numbers and relative times. @default 'en' */
  locale?: MaybeRefOrGetter<string | null | undefined>
  /** Overrides per locale, e.g. `{ en: { loginSubmit: 'Log in' }, fr: { … } }`; missing keys fall back to English. */
  messages?: MaybeRefOrGetter<Record<string, Partial<LumenUiMessages>> | null | undefined>
  /**
   * Ask your own i18n first (e.g. vue-i18n): return the text for `key`, or `undefined` to use the
   * built-in one. `params` are already formatted for the locale.
   */
  translate?: (key: LumenUiMessageKey, params: Record<string, string>, locale: string) => string | null | undefined
}

export interface LumenUi {
  /** The effective locale. */
  locale: ComputedRef<string>
  /** `rtl` for right-to-left languages (Arabic, Hebrew, Persian, Urdu), else `ltr`. */
  dir: ComputedRef<'ltr' | 'rtl'>
  /** The message `key` with `{name}` placeholders filled from `params`. */
  t(key: LumenUiMessageKey, params?: LumenUiParams): string
  /** A number in the locale's digits and separators. */
  number(value: number): string
  /** "in 4 minutes" for `seconds` from now, in the locale (`Intl.RelativeTimeFormat`). */
  relativeTime(seconds: number): string
}

/** Injection key of the components' locale and messages. */
export const LUMEN_UI_KEY: InjectionKey<LumenUiOptions> = Symbol('lumen-account:ui')

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'ckb', 'dv'])

function merged(parent: LumenUiOptions, options: LumenUiOptions): LumenUiOptions {
  return {
    locale: () => toValue(options.locale) || toValue(parent.locale),
    messages: () => {
      const own = toValue(options.messages) ?? {}
      const base = { ...toValue(parent.messages) }
      for (const [locale, texts] of Object.entries(own)) base[locale] = { ...base[locale], ...texts }
      return base
    },
    translate: options.translate ?? parent.translate,
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

/** The largest unit that keeps a wait readable: 40 s, 4 minutes, 2 hours. Rounded up. */
function relativeParts(seconds: number): [number, Intl.RelativeTimeFormatUnit] {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return [s, 'second']
  if (s < 3600) return [Math.ceil(s / 60), 'minute']
  if (s < 86_400) return [Math.ceil(s / 3600), 'hour']
  return [Math.ceil(s / 86_400), 'day']
}

/** @internal The texts a component renders, in the effective locale. */
export function useLumenUi(): LumenUi {
  const options = inject(LUMEN_UI_KEY, {})
  const locale = computed(() => toValue(options.locale) || 'en')
  const lang = computed(() => locale.value.split('-')[0]?.toLowerCase() ?? '')
  const messages = computed<LumenUiMessages>(() => {
    const own = toValue(options.messages) ?? {}
    const builtIn = lumenUiLocales[lang.value as 'en'] ?? en
    return { ...en, ...builtIn, ...own[lang.value], ...own[locale.value] }
  })
  const safe = <T>(make: () => T, fallback: () => T): T => {
    try {
      return make()
    } catch {
      return fallback() // an invalid tag from the app: English formatting, never a crash
    }
  }
  const number = (value: number) => safe(() => new Intl.NumberFormat(locale.value).format(value), () => String(value))
  const t = (key: LumenUiMessageKey, params: LumenUiParams = {}) => {
    const formatted = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? number(v) : v]))
    const text = options.translate?.(key, formatted, locale.value) ?? messages.value[key] ?? en[key]
    return text.replace(/\{(\w+)\}/g, (m, name: string) => formatted[name] ?? m)
  }
  return {
    locale,
    dir: computed(() => (RTL.has(lang.value) ? 'rtl' : 'ltr')),
    t,
    number,
    relativeTime: (seconds) => {
      const [value, unit] = relativeParts(seconds)
      return safe(() => new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' }).format(value, unit), () => `in ${value} ${unit}s`)
    },
  }
}
