import { ref, watchEffect } from 'vue'

/** The UI language of the Lumen components (`createLumenUi` follows it). */
export const locale = ref<'en' | 'de'>('en')
/** Dark mode: the components' colors follow the page's `color-scheme`. */
export const dark = ref(false)

watchEffect(() => {
  document.documentElement.lang = locale.value
  document.documentElement.style.colorScheme = dark.value ? 'dark' : 'light'
})
