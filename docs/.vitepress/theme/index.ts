// The default theme plus the components' stylesheet and <LumenDemo> for live examples.
import DefaultTheme from 'vitepress/theme'
import type { Theme } from 'vitepress'
import '@vss-software/lumen-account-sdk/vue-ui/style.css'
import './custom.css'
import LumenDemo from './LumenDemo.vue'

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('LumenDemo', LumenDemo)
  },
} satisfies Theme
