/**
 * Locale and texts of the components. Zero config: English. `createLumenUi()` sets them app-wide,
 * `provideLumenUi()` for one subtree (merged over the app's). Both accept refs/getters, and they are
 * what brings the built-in German and Arabic texts along: a component used without them costs
 * English only (each catalog is as large as a component).
 */
import { computed, getCurrentInstance, inject, provide, toValue, unref } from 'vue'
import type { ComputedRef, InjectionKey, MaybeRef, MaybeRefOrGetter, Plugin } from 'vue'
import { lumenUiLocales } from './messages.js'
import type { LumenUiMessages } from './messages.js'

/** A message key of the components. */
export type LumenUiMessageKey = keyof LumenUiMessages

/** Parameters of a message: numbers are formatted for the locale (`Intl.NumberFormat`). */
export type LumenUiParams = Record<string, string | number>

export interface LumenUiOptions {
  /**
   * BCP 47 tag; `en`, `de` and `ar` (and `de-AT`, `ar-EG`, …) are built in; it also formats dates, numbers and relative times.
   * A getter may return a ref: `() => i18n.global.locale` follows vue-i18n in both its modes. @default 'en'
   */
  locale?: MaybeRefOrGetter<MaybeRef<string | null | undefined>>
  /** Overrides per locale, e.g. `{ en: { loginSubmit: 'Log in' }, fr: { … } }`; missing keys fall back to English. */
  messages?: MaybeRefOrGetter<Record<string, Partial<LumenUiMessages>> | null | undefined>
  /**
   * Ask your own i18n first (e.g. vue-i18n): return the text for `key`, or `undefined` to use the
   * built-in one. `params` are already formatted for the locale.
   */
  translate?: (key: LumenUiMessageKey, params: Record<string, string>, locale: string) => string | null | undefined
}

/** The texts and formats of the components; `K`: the message keys a component may ask for. */
export interface LumenUi<K extends LumenUiMessageKey = LumenUiMessageKey> {
  /** The effective locale. */
  locale: ComputedRef<string>
  /** `rtl` for right-to-left languages (Arabic, Hebrew, Persian, Urdu), else `ltr`. */
  dir: ComputedRef<'ltr' | 'rtl'>
  /** The message `key` with `{name}` placeholders filled from `params`. */
  t: (key: K, params?: LumenUiParams) => string
  /** A number in the locale's digits and separators. */
  number(value: number): string
}

/** What `createLumenUi` / `provideLumenUi` provide: the options, plus the built-in catalogs. */
interface LumenUiContext extends LumenUiOptions {
  /** @internal */
  builtIn?: Record<string, LumenUiMessages>
}

/** Injection key of the components' locale and messages. */
export const LUMEN_UI_KEY: InjectionKey<LumenUiContext> = Symbol('lumen-account:ui')

/** Languages written right to left. */
const RTL = /^(ar|he|fa|ur|ps|sd|yi|ckb|dv)$/

function merged(parent: LumenUiContext, options: LumenUiOptions): LumenUiContext {
  return {
    builtIn: lumenUiLocales,
    locale: () => unref(toValue(options.locale)) || unref(toValue(parent.locale)),
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


// One core per options object (a provider's, else the app's): every component under it reads the
// same computeds, so 1000 gates build them once. A cache of derived values, not state.
const shared = new WeakMap<object, UiCore>()

/** The message keys of English groups. */
type KeysOf<G extends Partial<LumenUiMessages>[]> = { [I in keyof G]: keyof G[I] }[number] & LumenUiMessageKey

/**
 * @internal The texts a component renders, in the effective locale. `english`: the groups of
 * `messages.ts` it shows (the fallback when the locale has no text), so a component carries only
 * its own English and TypeScript refuses a key outside them.
 */
export function useLumenUi<G extends Partial<LumenUiMessages>[]>(...english: G): LumenUi<KeysOf<G>> {
  const options = inject(LUMEN_UI_KEY, null)
  const key = options ?? getCurrentInstance()?.appContext
  let core = key && shared.get(key)
  if (!core) {
    core = createCore(options ?? {})
    if (key) shared.set(key, core)
  }
  // One object per provider and set of groups: 1000 gates share it (the groups are module constants).
  for (const ui of core.uis) if (ui.english.length === english.length && ui.english.every((g, i) => g === english[i])) return ui
  const { text } = core
  const ui = { ...core, english, t: (k: LumenUiMessageKey, params?: LumenUiParams) => text(k, params, english) }
  core.uis.push(ui)
  return ui
}

interface SharedUi extends LumenUi<LumenUiMessageKey> {
  english: Partial<LumenUiMessages>[]
}

/** A formatter for the app's locale tag, or `null` when the tag is invalid (English formatting, never a crash). */
const safe = <T>(make: () => T): T | null => {
  try {
    return make()
  } catch {
    return null
  }
}

interface UiCore extends Omit<LumenUi<never>, 't'> {
  text(key: LumenUiMessageKey, params: LumenUiParams | undefined, english: Partial<LumenUiMessages>[]): string
  /** The `LumenUi` of each set of English groups asked for so far (a handful: one per component kind). */
  uis: SharedUi[]
}

function createCore(options: LumenUiContext): UiCore {
  const locale = computed(() => unref(toValue(options.locale)) || 'en')
  const lang = computed(() => locale.value.split('-')[0]?.toLowerCase() ?? '')
  const messages = computed<Partial<LumenUiMessages>>(() => {
    const own = toValue(options.messages) ?? {}
    // Only a provider brings the built-in catalogs along (see `merged`); else the component's English.
    return { ...options.builtIn?.[lang.value], ...own[lang.value], ...own[locale.value] }
  })
  // Formatters are built once per locale, not per call.
  const numbers = computed(() => safe(() => new Intl.NumberFormat(locale.value)))
  const number = (value: number) => numbers.value?.format(value) ?? String(value)
  return {
    uis: [],
    locale,
    dir: computed(() => (RTL.test(lang.value) ? 'rtl' : 'ltr')),
    text(key, params = {}, english) {
      const formatted = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? number(v) : v]))
      const text = options.translate?.(key, formatted, locale.value) ?? messages.value[key] ?? english.find((group) => key in group)?.[key] ?? key
      return text.replace(/\{(\w+)\}/g, (m, name: string) => formatted[name] ?? m)
    },
    number,
  }
}

/**
 * The largest unit that keeps a time readable: 40 s, 4 minutes, 2 hours. A wait (`seconds` > 0)
 * rounds up ("in 4 minutes", never sooner than true); an age (< 0) rounds down ("5 minutes ago").
 */
function relativeParts(seconds: number): [number, Intl.RelativeTimeFormatUnit] {
  const round = seconds < 0 ? Math.floor : Math.ceil
  const s = Math.abs(seconds)
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    s < 60 ? [Math.max(seconds < 0 ? 0 : 1, round(s)), 'second'] : s < 3600 ? [round(s / 60), 'minute'] : s < 86_400 ? [round(s / 3600), 'hour'] : [round(s / 86_400), 'day']
  return [seconds < 0 ? -value || 0 : value, unit]
}

/**
 * @internal `value` through `Intl.NumberFormat` with `options` (a percent, a unit) in the UI's
 * locale; `fallback` when the app's locale tag is invalid.
 */
export function formatNumber(ui: Pick<LumenUi, 'locale'>, value: number, options: Intl.NumberFormatOptions, fallback: string): string {
  return safe(() => new Intl.NumberFormat(ui.locale.value, options).format(value)) ?? fallback
}

// One formatter per locale (`null`: the app's tag is invalid).
const relativeFormats = new Map<string, Intl.RelativeTimeFormat | null>()

/**
 * @internal "in 4 minutes" for `seconds` from now, "5 minutes ago" for an age (`seconds` < 0), in
 * the UI's locale (`Intl.RelativeTimeFormat`). A function of its own, not a member of `LumenUi`:
 * only the components that say when pay for it.
 */
export function relativeTime(ui: Pick<LumenUi, 'locale'>, seconds: number): string {
  const locale = ui.locale.value
  let format = relativeFormats.get(locale)
  if (format === undefined) relativeFormats.set(locale, (format = safe(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))))
  const [value, unit] = relativeParts(seconds)
  return format?.format(value, unit) ?? (value < 0 ? `${-value} ${unit}s ago` : `in ${value} ${unit}s`)
}
