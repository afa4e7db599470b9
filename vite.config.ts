import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import dts from 'vite-plugin-dts'
import { transform as transformCss } from 'lightningcss'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'

/** Chromium for browser-mode projects: `npm test` passes the one it found as CHROMIUM_PATH. */
const chromium = () =>
  playwright({
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  })

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Library entries: one per package export (see package.json `exports`). */
const entries = {
  index: r('./src/index.ts'),
  vue: r('./src/vue/index.ts'),
  testing: r('./src/testing/index.ts'),
  'vue-ui': r('./src/components/index.ts'),
}

/**
 * `./vue-ui/style.css`: the components' stylesheet, minified (no targets: nothing is lowered or
 * rewritten, only whitespace, comments and redundant syntax go). Library-mode JS never imports its
 * CSS, so the components carry no `<style>` blocks and apps import this file themselves.
 */
function componentStyles(): Plugin {
  return {
    name: 'lumen:vue-ui-styles',
    apply: 'build',
    generateBundle() {
      const { code } = transformCss({ filename: 'style.css', code: readFileSync(r('./src/components/styles.css')), minify: true })
      this.emitFile({ type: 'asset', fileName: 'vue-ui/style.css', source: code })
    },
  }
}

// Declarations must resolve under node16 (attw): `./X.vue` becomes `./X.vue.js`, next to `X.vue.d.ts`.
const vueImportsWithJs = (code: string) => code.replace(/(['"])(\.{1,2}\/[^'"]+\.vue)\1/g, '$1$2.js$1')

// Peers stay imports in the published files.
const external = [/^vue($|\/)/, /^pinia($|\/)/, /^@vueuse\//, /^ioredis($|\/)/, /^node:/]

export default defineConfig({
  plugins: [
    vue(),
    dts({
      include: ['src'],
      exclude: ['**/*.test.ts', '**/*.stories.ts'],
      tsconfigPath: './tsconfig.build.json',
      processor: 'vue',
      beforeWriteFile: (filePath, content) => ({ filePath, content: vueImportsWithJs(content) }),
    }),
    componentStyles(),
  ],
  build: {
    target: 'es2022',
    // Library mode would otherwise copy public/ (e.g. an MSW worker) into the package.
    copyPublicDir: false,
    sourcemap: true,
    minify: false,
    lib: {
      entry: entries,
      formats: ['es'],
    },
    rollupOptions: {
      external,
      // Imported constants (the contract's route strings) are inlined where used, so a bundle keeps no table.
      optimization: { inlineConst: true },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  test: {
    // Bounded waits everywhere: a hung test fails instead of stalling CI.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/unit/client/**/*.test.ts',
            'tests/unit/contract/**/*.test.ts',
            'tests/unit/middleware/**/*.test.ts',
            'tests/emulator/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/guards/**/*.test.ts',
            'tests/conformance/*.test.ts',
            'tests/consumer/**/*.test.ts',
            'tests/**/*.server.test.ts',
            // Where the seed's README keeps the client's and the middleware's suites.
            'src/**/__tests__/**/*.test.ts',
          ],
        },
      },
      {
        // The reactive layer (./vue, ./testing): components and composables in a DOM.
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: [
            'tests/unit/vue/**/*.test.ts',
            'tests/unit/stores/**/*.test.ts',
            'tests/unit/composables/**/*.test.ts',
            'tests/unit/testing/**/*.test.ts',
            'tests/conformance/vue/**/*.test.ts',
            'tests/unit/components/**/*.test.ts',
          ],
          // `*.server.test.ts` (SSR) runs in the node project.
          exclude: ['tests/**/*.server.test.ts'],
        },
      },
      {
        // Every story of src/components as a test in Chromium: renders, runs its `play`, checks axe.
        extends: true,
        plugins: [storybookTest({ configDir: r('./.storybook') })],
        test: {
          name: 'storybook',
          // Its own object: Vitest mutates `browser` (one per project, never shared).
          browser: {
            enabled: true,
            headless: true,
            provider: chromium(),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
