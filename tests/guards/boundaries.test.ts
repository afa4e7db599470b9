// The import boundaries of eslint.config.js (docs/DECISIONS.md "Import boundaries") fail on what
// they are for: snippets linted at virtual paths through ESLint's Node API, with the repository's
// own config. The cycle needs real files (no-cycle follows imports on disk): a temp folder in src/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = process.cwd()
const eslint = new ESLint({ cwd: root })

/** The rule ids ESLint reports for `code` placed at `path` (relative to the repository). */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) })
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`)
}

const restricted = expect.stringContaining('no-restricted-imports')

describe('import boundaries (eslint.config.js)', () => {
  it('a component may not import the client at run time, only its types', async () => {
    const runtime = `<script setup lang="ts">
import { LumenAccountClient } from '../client/client.js'
const client = new LumenAccountClient({ baseUrl: 'http://x' })
</script>
<template><p>{{ client }}</p></template>
`
    expect(await violations('src/components/LumenBoundaryProbe.vue', runtime)).toEqual([restricted])
    expect(await violations('src/components/boundaryProbe.ts', "export { useLumenStore } from '../stores/lumen.js'\n")).toEqual([restricted])

    const typeOnly = `<script setup lang="ts">
import type { LumenAccountClient } from '../client/client.js'
import { useAuth } from '../composables/useAuth.js'
const { user } = useAuth()
defineProps<{ client?: LumenAccountClient }>()
</script>
<template><p>{{ user }}</p></template>
`
    expect(await violations('src/components/LumenBoundaryProbe.vue', typeOnly)).toEqual([])
  })

  it('a store may not import a composable, nor the client a store', async () => {
    expect(await violations('src/stores/boundaryProbe.ts', "import { useAuth } from '../composables/useAuth.js'\nexport const probe = useAuth\n"))
      .toEqual([restricted])
    expect(await violations('src/client/boundaryProbe.ts', "import { useLumenStore } from '../stores/lumen.js'\nexport const probe = useLumenStore\n"))
      .toEqual([restricted])
    expect(await violations('src/client/boundaryProbe.ts', "import { ref } from 'vue'\nexport const probe = ref\n")).toEqual([restricted])
    expect(await violations('src/contract/boundaryProbe.ts', "import { isLumenApiError } from '../client/guards.js'\nexport const probe = isLumenApiError\n"))
      .toEqual([restricted])
  })

  it('the emulator may import the contract of src/, nothing else', async () => {
    expect(await violations('emulator/boundaryProbe.ts', "import { LumenAccountClient } from '../src/client/client.js'\nexport const probe = LumenAccountClient\n"))
      .toEqual([restricted])
    expect(await violations('emulator/routes/boundaryProbe.ts', "import { lumenHandlers } from '../../src/testing/index.js'\nexport const probe = lumenHandlers\n"))
      .toEqual([restricted])
    expect(await violations('emulator/boundaryProbe.ts', "import { API_PREFIX } from '../src/contract/routes.js'\nexport const probe = API_PREFIX\n"))
      .toEqual([])
  })

  describe('cycles', () => {
    const CYCLE = "import { a } from './a.js'\nexport const c = (): number => a()\n"
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(join(root, 'src', '__boundaries_tmp__'))
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js'\nexport const a = (): number => b() + 1\n")
      writeFileSync(join(dir, 'b.ts'), "import { c } from './c.js'\nexport const b = (): number => c()\n")
      writeFileSync(join(dir, 'c.ts'), CYCLE)
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('any import cycle in src/ fails, type-only imports do not count', async () => {
      const path = `src/${basename(dir)}/c.ts`
      expect(await violations(path, CYCLE))
        .toEqual([expect.stringContaining('import-x/no-cycle')])
      expect(await violations(path, "import type { a } from './a.js'\nexport const c = (): number => 1 as ReturnType<typeof a>\n")).toEqual([])
    })
  })
})
