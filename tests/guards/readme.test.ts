import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without types
import { buildReadme } from '../../scripts/readme.mjs'

describe('README.md', () => {
  const readme = readFileSync('README.md', 'utf8')

  it('is the assembly of docs/readme/*.md (run `npm run readme` after editing them)', () => {
    expect(readme).toBe(buildReadme())
  })

  it('opens with the two commands a newcomer runs', () => {
    const top = readme.split('\n').slice(0, 8).join('\n')
    expect(top).toContain('npm install && npm run dev')
    expect(top).toContain('npm install && npm test')
  })
})
