import js from '@eslint/js'
import globals from 'globals'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['docs/.vitepress/dist/**', 'docs/.vitepress/cache/**', 'dist/**', 'coverage/**', 'node_modules/**', '.lumen-emulator/**', 'storybook-static/**', '.reports/**', 'playground/dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      'vue/no-v-html': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // The framework-free layer never imports a framework.
    files: ['src/client/**', 'src/middleware/**', 'src/contract/**', 'src/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vue', 'pinia', '@vueuse/*', '**/stores/*', '**/composables/*', '**/components/*'] }],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**', 'emulator/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)
