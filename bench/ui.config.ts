// `npm run bench:ui`: the UI benchmark (bench/ui.ts) in happy-dom with production Vue. Not a test project.
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['bench/ui.ts'],
    environment: 'happy-dom',
    // Its report goes straight to the terminal.
    disableConsoleIntercept: true,
    execArgv: ['--expose-gc'],
    maxWorkers: 1,
  },
})
