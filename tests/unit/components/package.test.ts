// Static promises of ./vue-ui: CSS variables behind :where(), no v-html, the layering rule, exports.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as ui from '../../../src/components/index.js'

const dir = 'src/components/'
// Stories sit beside the components but are not part of the package (the build leaves them out).
const files = readdirSync(dir).filter((f) => !f.endsWith('.stories.ts'))
const sfcs = files.filter((f) => f.endsWith('.vue'))
const read = (f: string) => readFileSync(dir + f, 'utf8')

/** A selector list split at its top-level commas (not those inside `:is(…)`, `:not(…)`). */
function topLevelParts(list: string): string[] {
  const parts = ['']
  let depth = 0
  for (const ch of list) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0
    if (ch === ',' && depth === 0) parts.push('')
    else parts[parts.length - 1] += ch
  }
  return parts
}

describe('./vue-ui', () => {
  it('styles.css: every rule behind :where(), themed through --lumen-* variables, no Tailwind', () => {
    const css = read('styles.css').replace(/\/\*[\s\S]*?\*\//g, '')
    for (const v of ['--lumen-color-primary', '--lumen-color-text', '--lumen-color-surface', '--lumen-color-border', '--lumen-color-danger', '--lumen-radius', '--lumen-space', '--lumen-font-family']) {
      // The kit declares only a private default; every rule reads the public name first.
      expect(css, v).toMatch(new RegExp(`--_${v.slice(2)}:`))
      expect(css, v).toMatch(new RegExp(`var\\(${v}, var\\(--_${v.slice(2)}\\)\\)`))
      expect(css, v).not.toMatch(new RegExp(`(^|[^_])${v}:`))
    }
    const selectors = [...css.replace(/@media[^{]*{/g, '}').matchAll(/(^|})\s*([^{}@]+)\{/g)].map((m) => m[2]!.trim())
    expect(selectors.length).toBeGreaterThan(20)
    for (const s of selectors) for (const part of topLevelParts(s)) expect(part.trim(), s).toMatch(/^:where\(/)
    // light-dark() does not survive production minifiers (tests/consumer proves the built result)
    expect(css).not.toMatch(/light-dark\(/)
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)/)
    expect(css).toMatch(/\[data-theme='dark'\]/)
    expect(css).toMatch(/\[data-theme='light'\]/)
    expect(css).toMatch(/color-scheme: var\(--lumen-scheme\)/)
    // logical properties only, so right-to-left locales mirror the layout
    expect(css).not.toMatch(/(margin|padding|border)-(left|right)\b|\b(left|right):|text-align: (left|right)/)
    expect(css).not.toMatch(/@tailwind|@apply/)
  })

  it('no v-html and no <style> block in any component (the stylesheet is the one place for CSS)', () => {
    expect(sfcs.length).toBeGreaterThanOrEqual(5)
    for (const f of sfcs) {
      expect(read(f), f).not.toMatch(/v-html|innerHTML/)
      expect(read(f), f).not.toMatch(/<style/)
    }
  })

  it('components use composables, never the client at run time', () => {
    for (const f of files.filter((x) => /\.(vue|ts)$/.test(x))) {
      const imports = [...read(f).matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)].map((m) => ({ type: !!m[1], from: m[2]! }))
      for (const { type, from } of imports) {
        const ok = type || from === 'vue' || from.startsWith('./') || from.startsWith('../composables/')
        expect(ok, `${f} imports ${from}`).toBe(true)
      }
    }
  })

  it('exports the components and the translation API', () => {
    expect(Object.keys(ui).sort()).toEqual(
      ['LUMEN_AVATAR_TYPES', 'LUMEN_UI_KEY', 'LumenAcceptInvitationForm', 'LumenAvatar', 'LumenAvatarUploader', 'LumenLicenseBanner', 'LumenLoginForm', 'LumenOrgSwitcher', 'LumenPasswordResetForm', 'LumenPaywallGate', 'LumenPricingTable', 'LumenRegisterForm', 'LumenSessionList', 'LumenUpgradeCard', 'LumenUserButton', 'ar', 'createLumenUi', 'de', 'en', 'lumenUiLocales', 'provideLumenUi'].sort(),
    )
  })
})
