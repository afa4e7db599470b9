import { setup } from '@storybook/vue3-vite'
import type { Preview } from '@storybook/vue3-vite'
import { h, ref } from 'vue'
import { createLumenUi } from '../src/components/lumenUi.js'
import { createTestingLumen } from '../src/testing/index.js'
import type { LumenStoryParameters } from './lumen.js'
import '../src/components/styles.css'
import './preview.css'

const locale = ref('en')

// A fresh app per story: its own Pinia and Lumen plugin from `parameters.lumen`.
setup((app, context) => {
  const { client: patch, ...options } = (context?.parameters.lumen ?? {}) as LumenStoryParameters
  const lumen = createTestingLumen(options)
  patch?.(lumen.client)
  app.use(lumen)
  app.use(createLumenUi({ locale }))
})

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Language of the components',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
          { value: 'ar', title: 'العربية' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Color scheme of the components',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light' },
  decorators: [
    (story, context) => {
      // Runs on every render, so toolbar changes apply without a remount.
      locale.value = String(context.globals.locale ?? 'en')
      const theme = context.globals.theme === 'dark' ? 'dark' : 'light'
      document.documentElement.style.colorScheme = theme
      document.documentElement.dataset.theme = theme
      return { render: () => h('div', { class: 'lumen-story', 'data-theme': theme }, [h(story())]) }
    },
  ],
  parameters: {
    layout: 'padded',
    controls: { matchers: { date: /At$/ } },
    a11y: { test: 'error' },
  },
}

export default preview
