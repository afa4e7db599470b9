// The documentation site (VitePress): `npm run docs:dev`, `npm run docs:build` (out: docs/.vitepress/dist).
// It runs the package from source, like the playground: the package's entries are aliased to src/.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, postcssIsolateStyles } from 'vitepress'
import type { DefaultTheme } from 'vitepress'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const pkg = '@vss-software/lumen-account-sdk'

/** The package's entries, resolved to their source (longest first, so `/vue-ui` wins over `/vue`). */
const alias = [
  { find: `${pkg}/vue-ui/style.css`, replacement: r('../../src/components/styles.css') },
  { find: `${pkg}/vue-ui`, replacement: r('../../src/components/index.ts') },
  { find: `${pkg}/testing`, replacement: r('../../src/testing/index.ts') },
  { find: `${pkg}/vue`, replacement: r('../../src/vue/index.ts') },
  { find: new RegExp(`^${pkg}$`), replacement: r('../../src/index.ts') },
]

/** One page per component of `./vue-ui`. */
const componentPages: [string, string][] = [
  ['LumenLoginForm', 'login-form'],
  ['LumenRegisterForm', 'register-form'],
  ['LumenPasswordResetForm', 'password-reset-form'],
  ['LumenAcceptInvitationForm', 'accept-invitation-form'],
  ['LumenOrgSwitcher', 'org-switcher'],
  ['LumenUserButton', 'user-button'],
  ['LumenAvatar', 'avatar'],
  ['LumenAvatarUploader', 'avatar-uploader'],
  ['LumenSessionList', 'session-list'],
  ['LumenPaywallGate', 'paywall-gate'],
  ['LumenUpgradeCard', 'upgrade-card'],
  ['LumenPricingTable', 'pricing-table'],
  ['LumenLicenseBanner', 'license-banner'],
]
const has = (page: string) => existsSync(r(`../${page}.md`))

/** Pages that exist (a page is listed once it is written; `/components/` is components/index.md). */
const exists = (item: DefaultTheme.SidebarItem) => !item.link || has(item.link.endsWith('/') ? `${item.link.slice(1)}index` : item.link.slice(1))

const sections: DefaultTheme.SidebarItem[] = [
  {
    text: 'Introduction',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Migrating from flat methods', link: '/guide/migration' },
    ],
  },
  {
    text: 'Guides',
    items: [
      { text: 'Auth flows', link: '/guide/auth' },
      { text: 'Organizations', link: '/guide/organizations' },
      { text: 'Licensing and paywalls', link: '/guide/licensing' },
      { text: 'Sessions', link: '/guide/sessions' },
      { text: 'SSR and Nuxt', link: '/guide/ssr' },
      { text: 'Testing your app', link: '/guide/testing' },
      { text: 'Tab sync and security', link: '/guide/security' },
    ],
  },
  {
    text: 'Components',
    items: [
      { text: 'Overview, theming, i18n', link: '/components/' },
      ...componentPages.map(([text, page]) => ({ text, link: `/components/${page}` })),
    ],
  },
  {
    text: 'Reference',
    items: [
      { text: 'Client', link: '/reference/client' },
      { text: 'Vue (./vue)', link: '/reference/vue' },
      { text: 'Middleware', link: '/reference/middleware' },
      { text: 'Redis and caches', link: '/reference/caching' },
      { text: 'Emulator', link: '/reference/emulator' },
      { text: 'Wire contract (HTTP API)', link: '/api' },
    ],
  },
]
const sidebar = sections.map((section) => ({ ...section, items: section.items?.filter(exists) })).filter((section) => section.items?.length)

export default defineConfig({
  title: 'Lumen Account SDK',
  description: 'Vue 3 UI kit, reactive client and license middleware for the Lumen Accounting API.',
  lang: 'en-US',
  // The team's decision log is not a page of the site.
  srcExclude: ['DECISIONS.md'],
  cleanUrls: true,
  // docs/api.md (the wire contract) is written beside the emulator; until it exists, links to it wait.
  ignoreDeadLinks: has('api') ? false : ['/api'],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Components', link: '/components/' },
      { text: 'Reference', link: '/reference/client' },
    ],
    sidebar,
    outline: [2, 3],
    search: { provider: 'local' },
    footer: { message: 'MIT licensed', copyright: '© VSS Software' },
  },
  vite: {
    resolve: { alias },
    css: {
      // The default theme's element resets (button { background: transparent }, …) and page
      // typography stay off live examples (`.vp-raw`), so they look as in an app.
      postcss: { plugins: [postcssIsolateStyles({ includeFiles: [/base\.css/, /vp-doc\.css/] })] },
    },
  },
})
