// The curated "./vue" surface: what an app uses is exported, internals are not (they would freeze at 1.0).
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import * as vue from '../../../src/vue/index.js'

it('exports the plugin, store, composables and guard an app uses', () => {
  expect(Object.keys(vue).sort()).toEqual([
    'createLumen', 'createLumenGuard', 'meetsTier', 'requiredTierFor', 'resolveLumenRoute', 'safeReturnTo',
    'useAuth', 'useFeature', 'useLicense', 'useLumenContext', 'useLumenStore', 'useOrganizations', 'useProductCatalog', 'useSessions',
  ])
})

it('keeps the internals out (listed under Removed in CHANGELOG.md)', () => {
  // Paths from the repository root (Vitest's cwd): happy-dom's import.meta.url is not a file URL.
  const changelog = readFileSync('CHANGELOG.md', 'utf8')
  const source = readFileSync('src/vue/index.ts', 'utf8')
  for (const name of ['LUMEN_CONTEXT_KEY', 'LumenStoreContext', 'LumenTabMessage', 'tabChannelName', 'tokenStorageKey', 'createWebLock', 'LumenLock', 'entitlementKey', 'LumenClientLike']) {
    expect(vue, name).not.toHaveProperty(name)
    expect(source, `${name} (types too)`).not.toMatch(new RegExp(`\\b${name}\\b`))
    expect(changelog, `${name} recorded as removed`).toContain(`\`${name}\``)
  }
})
