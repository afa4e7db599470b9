import type { StorybookConfig } from '@storybook/vue3-vite'
import type { PluginOption } from 'vite'

// Plugins of the repository's vite.config.ts that only make sense for the library build.
const LIBRARY_ONLY = new Set(['vite:dts', 'unplugin-dts', 'lumen:vue-ui-styles'])

const config: StorybookConfig = {
  stories: ['./docs/*.mdx', '../src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest', 'msw-storybook-addon'],
  // MSW's service worker (`npx msw init .storybook/public`): stories talk to Lumen over the network.
  staticDirs: ['./public'],
  framework: { name: '@storybook/vue3-vite', options: {} },
  core: { disableTelemetry: true },
  // Storybook reads the repository's vite.config.ts: drop library mode and the .d.ts plugin.
  async viteFinal(viteConfig) {
    const keep = (plugins: PluginOption[]): PluginOption[] =>
      plugins
        .map((p) => (Array.isArray(p) ? keep(p) : p))
        .filter((p) => !(p && typeof p === 'object' && 'name' in p && LIBRARY_ONLY.has(p.name)))
    viteConfig.plugins = keep(viteConfig.plugins ?? [])
    if (viteConfig.build) {
      delete viteConfig.build.lib
      delete viteConfig.build.rollupOptions
    }
    return viteConfig
  },
}

export default config
