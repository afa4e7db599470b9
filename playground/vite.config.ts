// The playground runs the SDK from source: the package's entries are aliased to src/.
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const src = (p: string) => fileURLToPath(new URL(`../src/${p}`, import.meta.url))

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  resolve: {
    // Longest first: `…/vue-ui/style.css` before `…/vue-ui` before `…/vue`.
    alias: [
      { find: /^@vss-software\/lumen-account-sdk\/vue-ui\/style\.css$/, replacement: src('components/styles.css') },
      { find: /^@vss-software\/lumen-account-sdk\/vue-ui$/, replacement: src('components/index.ts') },
      { find: /^@vss-software\/lumen-account-sdk\/vue$/, replacement: src('vue/index.ts') },
      { find: /^@vss-software\/lumen-account-sdk\/testing$/, replacement: src('testing/index.ts') },
      { find: /^@vss-software\/lumen-account-sdk$/, replacement: src('index.ts') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true },
})
