import { setup } from '@storybook/vue3-vite'
import type { Preview } from '@storybook/vue3-vite'
import { http } from 'msw'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { h, ref } from 'vue'
import { createLumenUi } from '../src/components/lumenUi.js'
import { createTestingLumen, lumenPersonas } from '../src/testing/index.js'
import type { LumenPersona, TestingLumen } from '../src/testing/index.js'
import type { LumenStoryParameters } from './lumen.js'
import '../src/components/styles.css'
import './preview.css'

const locale = ref('en')
// The Lumen of each story, made in `beforeEach` (where MSW is) and installed in `setup`.
const lumens = new Map<string, TestingLumen>()
let seq = 0

/**
 * Each story gets its own Lumen: the real client calls `https://story-N.lumen.test` over the
 * network, and MSW's service worker answers with that story's `lumenHandlers` (the testing kit's
 * handlers, limited to that origin so the stories of a docs page don't share data). The persona
 * toolbar re-seeds them from the demo data.
 */
function lumenFor(parameters: LumenStoryParameters, persona: unknown, overMsw = true): TestingLumen {
  const { client: patch, ...options } = parameters
  const picked = typeof persona === 'string' && persona in lumenPersonas ? (persona as LumenPersona) : null
  const lumen = createTestingLumen({
    ...options,
    ...(picked ? { persona: picked } : {}),
    baseUrl: `https://story-${++seq}.lumen.test`,
    // Without MSW (a render that had no `beforeEach`), the handlers answer in memory instead.
    ...(overMsw ? { fetch: (input, init) => globalThis.fetch(input, init) } : {}),
  })
  patch?.(lumen.client)
  return lumen
}

// A fresh app per story: its own Pinia and the Lumen plugin made for it.
setup((app, context) => {
  const lumen = (context && lumens.get(context.id)) ?? lumenFor((context?.parameters.lumen ?? {}) as LumenStoryParameters, context?.globals.persona, false)
  app.use(lumen)
  app.use(createLumenUi({ locale }))
})

const preview: Preview = {
  // A Docs page per component: props, slots and events from the SFCs, and every story.
  tags: ['autodocs'],
  loaders: [mswLoader()],
  beforeEach(context) {
    const lumen = lumenFor((context.parameters.lumen ?? {}) as LumenStoryParameters, context.globals.persona)
    lumens.set(context.id, lumen)
    context.msw.use(...lumen.handlers.map((x) => http[x.info.method.toLowerCase() as 'get'](x.info.path, x.resolver)))
    return () => void lumens.delete(context.id)
  },
  globalTypes: {
    persona: {
      description: 'Who is signed in (re-seeds the network from the demo data)',
      toolbar: {
        title: 'Persona',
        icon: 'user',
        items: [
          { value: 'story', title: 'As the story sets it' },
          ...Object.entries(lumenPersonas).map(([value, { label }]) => ({ value, title: label })),
        ],
        dynamicTitle: true,
      },
    },
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
  initialGlobals: { locale: 'en', theme: 'light', persona: 'story' },
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
    // axe leaves WCAG 2.2's target size (24 px, 2.5.8) off by default: the kit promises it.
    a11y: { test: 'error', options: { rules: { 'target-size': { enabled: true } } } },
  },
}

export default preview
