// README.md is the front door on npm and GitHub: short, the two commands first, every public export
// named (each entry's runtime exports, read from its index file), every relative link alive.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const readme = readFileSync('README.md', 'utf8')
const ENTRIES = ['src/index.ts', 'src/vue/index.ts', 'src/components/index.ts', 'src/testing/index.ts']

/** The runtime (non-type) names an entry exports. */
function runtimeExports(file: string): string[] {
  const source = readFileSync(file, 'utf8')
  const names: string[] = []
  for (const [, list] of source.matchAll(/export\s*\{([^}]*)\}\s*from/g)) {
    for (const part of list!.split(',').map((p) => p.trim())) {
      if (part && !part.startsWith('type ')) names.push(part.split(/\s+as\s+/).pop()!)
    }
  }
  for (const [, name] of source.matchAll(/export\s+(?:const|function|class)\s+(\w+)/g)) names.push(name!)
  return names
}

describe('README.md', () => {
  it('opens with the two commands a newcomer runs', () => {
    const top = readme.split('\n').slice(0, 8).join('\n')
    expect(top).toContain('npm install && npm run dev')
    expect(top).toContain('npm install && npm test')
  })

  it('stays what an npm user reads first: at most 250 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250)
  })

  it('has the sections that error messages point to (their #anchors on npm)', () => {
    const slugs = [...readme.matchAll(/^#{2,3} (.+)$/gm)].map(([, h]) => h!.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-'))
    const pointed = ['src/client/errors.ts', 'src/stores/context.ts'].flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/lumen-account-sdk#([\w-]+)/g)].map(([, a]) => a!))
    expect(pointed.length).toBe(2)
    for (const anchor of pointed) expect(slugs, `#${anchor}`).toContain(anchor)
  })

  it('names every public export of every entry', () => {
    const missing = ENTRIES.flatMap((entry) => runtimeExports(entry).filter((name) => !readme.includes(`\`${name}\``)).map((name) => `${entry}: ${name}`))
    expect(runtimeExports('src/index.ts').length).toBeGreaterThan(50)
    expect(missing).toEqual([])
  })

  it('links only to files that exist, screenshots of the playground in light and dark included', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith('#'))
    expect(links.length).toBeGreaterThan(10)
    expect(links.filter((href) => !existsSync(resolve(dirname('README.md'), href.split('#')[0]!)))).toEqual([])
    expect(links).toEqual(expect.arrayContaining(['docs/images/playground-light.png', 'docs/images/playground-dark.png']))
  })
})
