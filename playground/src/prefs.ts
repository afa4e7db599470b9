import { ref, watchEffect } from 'vue'

/** The UI language of the Lumen components (`createLumenUi` follows it). */
export const locale = ref<'en' | 'de'>('en')
/** Dark mode: the components follow `data-theme` on <html>; the page's own CSS follows `color-scheme`. */
export const dark = ref(false)

watchEffect(() => {
  document.documentElement.lang = locale.value
  document.documentElement.style.colorScheme = dark.value ? 'dark' : 'light'
  document.documentElement.dataset.theme = dark.value ? 'dark' : 'light'
})
