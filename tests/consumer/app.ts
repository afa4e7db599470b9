/**
 * The consumer app's files: what a Vue team writes after `npm install`ing the packed SDK. The login
 * form (and the org switcher, whose label sits on the page) on a plain page that has no dark styles, `?lang=ar` for Arabic, `?theme=dark|light` for the explicit switch on <html> (`?class=dark|light`: the class switch), `?vars` for an app's theme variables.
 * Rendered with `h()` so the consumer needs no SFC plugin: `vite build` with defaults, no config.
 */
export const consumerFiles: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'lumen-consumer', private: true, type: 'module' }, null, 2),
  'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Consumer</title></head>
  <body><div id="app"></div><script type="module" src="/main.js"></script></body>
</html>
`,
  'main.js': `import { createApp, h } from 'vue'
import { createPinia } from 'pinia'
import { createLumen } from '@vss-software/lumen-account-sdk/vue'
import { createLumenUi, LumenLoginForm, LumenOrgSwitcher } from '@vss-software/lumen-account-sdk/vue-ui'
import '@vss-software/lumen-account-sdk/vue-ui/style.css'

const query = new URLSearchParams(location.search)
const theme = query.get('theme')
if (theme) document.documentElement.dataset.theme = theme
const themeClass = query.get('class')
if (themeClass) document.documentElement.classList.add(themeClass)
// ?vars: the app's theme, the two ways the docs show: a variable on a wrapper, one on .lumen-root.
const vars = query.has('vars')
if (vars) document.head.append(Object.assign(document.createElement('style'), { textContent: '.lumen-root { --lumen-radius: 0px }' }))
const locale = query.get('lang') ?? 'en'
document.documentElement.lang = locale

const app = createApp({
  render: () =>
    h('main', { style: 'padding: 2rem; display: grid; gap: 1rem; justify-items: start' + (vars ? '; --lumen-color-primary: #0f766e' : '') }, [
      h(LumenOrgSwitcher, { createOrganizationHref: '/organizations/new' }),
      h(LumenLoginForm, { forgotPasswordHref: '/forgot', registerHref: '/register' }),
    ]),
})
app.use(createPinia())
app.use(createLumen({ baseUrl: 'http://127.0.0.1:9', product: 'lumen-hr', storage: 'memory', tabSync: false }))
app.use(createLumenUi({ locale }))
app.mount('#app')
`,
}
