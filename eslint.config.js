import js from '@eslint/js'
import globals from 'globals'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

// ---- Boundaries (docs/DECISIONS.md "Import boundaries"): imports flow one way,
// components → composables → stores (+ src/vue, beside them) → client → contract.
// A relative import whose path names a folder of src/ (`../stores/lumen.js`, `../../client/x.js`).
const into = (...folders) => `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})(?:/|\\.js$|$)`
const layer = (message, ...folders) => ({ regex: into(...folders), message, allowTypeImports: true })
const selfImport = { regex: '^@vss-software/lumen-account-sdk', message: 'Inside src/, import the source file, not the package.' }
const frameworks = { regex: '^(?:vue|pinia|@vueuse/.*|vue-router)(?:/|$)', message: 'The framework-free layer imports no framework.' }
const restrict = (...patterns) => ['error', { patterns: [selfImport, ...patterns] }]

export default tseslint.config(
  {
    ignores: ['docs/.vitepress/dist/**', 'docs/.vitepress/cache/**', 'dist/**', 'emulator/dist/**', 'coverage/**', 'node_modules/**', '.lumen-emulator/**', 'storybook-static/**', '.storybook/public/**', '.reports/**', 'playground/dist/**'],
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
    // Any import cycle in src/ (type-only imports are erased and don't count).
    files: ['src/**/*.ts', 'src/**/*.vue'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/extensions': ['.ts', '.js', '.vue'],
      'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts'] },
    },
    // no-cycle parses the files it follows with this file's parser options: a .vue file reached from a
    // .ts file needs the TypeScript parser for its <script lang="ts">.
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/contract/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(frameworks,
        { regex: '^\\.\\./', message: 'src/contract is the bottom layer: it imports nothing else of src/.' }),
    },
  },
  {
    files: ['src/client/**', 'src/middleware/**', 'src/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(frameworks,
        layer('The framework-free layer (client, middleware) imports no store, composable, component, plugin or testing kit.',
          'stores', 'composables', 'components', 'vue', 'testing')),
    },
  },
  {
    files: ['src/stores/**', 'src/vue/**'],
    ignores: ['src/vue/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        layer('src/stores and src/vue sit below the composables: they import no composable, component or testing kit.',
          'composables', 'components', 'testing')),
    },
  },
  {
    // The "./vue" entry re-exports the composables beside the plugin and the store.
    files: ['src/vue/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(layer('"./vue" exports no component or testing kit.', 'components', 'testing')),
    },
  },
  {
    files: ['src/composables/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(layer('Composables import no component or testing kit.', 'components', 'testing')),
    },
  },
  {
    // Stories are the catalog, not components: they use the testing kit and .storybook/.
    files: ['src/components/**'],
    ignores: ['src/components/**/*.stories.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        regex: '^\\.\\./(?!composables/)',
        message: 'Components import at run time only composables and their own folder (`import type` is fine).',
        allowTypeImports: true,
      }),
    },
  },
  {
    // The testing kit may use anything below the components.
    files: ['src/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(layer('The testing kit imports no component.', 'components')),
    },
  },
  {
    // The emulator is its own package: of src/ it takes only the contract (the demo catalog lives there).
    files: ['emulator/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: '^@vss-software/lumen-account-sdk', message: 'The emulator imports only src/contract of the SDK.' },
        { regex: '^(?:\\.\\./)+src/(?!contract/)', message: 'The emulator imports only src/contract of the SDK.' },
      ] }],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**', 'emulator/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)
