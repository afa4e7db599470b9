// What a browser app pays for: the client alone must not drag in the middleware, the service-side
// caches, Node built-ins or a framework; ./vue must not drag in the middleware either.
import { build, type Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'

async function bundleInputs(entry: string, names: string, external: string[] = []): Promise<string[]> {
  const result = await build({
    stdin: { contents: `export ${names} from '${entry}'`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    external,
    logLevel: 'silent',
  })
  const meta: Metafile = result.metafile
  return Object.keys(Object.values(meta.outputs)[0]!.inputs)
}

describe('browser bundles', () => {
  it('an app importing only LumenAccountClient gets no middleware, cache or framework code', async () => {
    const inputs = await bundleInputs('./src/index.ts', '{ LumenAccountClient }')
    expect(inputs.some((p) => p.includes('src/client/client.ts'))).toBe(true)
    expect(inputs.filter((p) => p.includes('src/middleware/'))).toEqual([])
    expect(inputs.filter((p) => /node_modules\/(vue|pinia|@vue|express|fastify|ioredis)\//.test(p))).toEqual([])
    expect(inputs.filter((p) => p.startsWith('node:'))).toEqual([])
  })

  it('./vue with every composable pulls no middleware code', async () => {
    const inputs = await bundleInputs(
      './src/vue/index.ts',
      '{ createLumen, useAuth, useOrganizations, useSessions, useLicense, useFeature }',
      ['vue', 'pinia', '@vueuse/core', 'vue-router'],
    )
    expect(inputs.some((p) => p.includes('src/stores/'))).toBe(true)
    expect(inputs.filter((p) => p.includes('src/middleware/'))).toEqual([])
  })
})
