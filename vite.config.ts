import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import dts from 'vite-plugin-dts'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Library entries: one per package export (see package.json `exports`). */
const entries = {
  index: r('./src/index.ts'),
  vue: r('./src/vue/index.ts'),
  testing: r('./src/testing/index.ts'),
}

// Peers stay imports in the published files.
const external = [/^vue($|\/)/, /^pinia($|\/)/, /^@vueuse\//, /^ioredis($|\/)/, /^node:/]

export default defineConfig({
  plugins: [
    dts({
      include: ['src'],
      exclude: ['**/*.test.ts', '**/*.stories.ts'],
      tsconfigPath: './tsconfig.build.json',
    }),
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
            'tests/**/*.server.test.ts',
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
          ],
          // `*.server.test.ts` (SSR) runs in the node project.
          exclude: ['tests/**/*.server.test.ts'],
        },
      },
    ],
  },
})
