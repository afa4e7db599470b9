import { ref, watch, watchEffect } from 'vue'

export type Theme = 'light' | 'dark' | 'system'
export type Locale = 'en' | 'de' | 'ar'

const THEME_KEY = 'lumen-playground:theme'
const LOCALE_KEY = 'lumen-playground:locale'

// Storage can be unavailable (privacy mode, a sandboxed frame): the toggles then last one page.
function read<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const value = localStorage.getItem(key)
    return allowed.includes(value as T) ? (value as T) : fallback
  } catch {
    return fallback
  }
}
function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // not persisted
  }
}

/** The UI language of the page and of the Lumen components (`createLumenUi` follows it), kept across reloads. */
export const locale = ref<Locale>(read(LOCALE_KEY, ['en', 'de', 'ar'], 'en'))
/** Light, dark or the system's preference, kept across reloads. */
export const theme = ref<Theme>(read(THEME_KEY, ['light', 'dark', 'system'], 'system'))

watch(locale, (value) => write(LOCALE_KEY, value))
watch(theme, (value) => write(THEME_KEY, value))

// The components follow `data-theme` on an ancestor (none: `prefers-color-scheme`); the page's own
// CSS (app.css) follows the same attribute and media query; `color-scheme` themes native controls.
watchEffect(() => {
  const root = document.documentElement
  root.lang = locale.value
  root.dir = locale.value === 'ar' ? 'rtl' : 'ltr'
  if (theme.value === 'system') delete root.dataset.theme
  else root.dataset.theme = theme.value
  root.style.colorScheme = theme.value === 'system' ? 'light dark' : theme.value
})
