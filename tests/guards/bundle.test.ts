// What a browser app pays for, and what each layer may pull in: the client alone brings no
// middleware, cache, framework or Node built-in; everything a browser entry exports (not a chosen
// list) brings no middleware; the middleware brings no framework, Redis client or Node built-in
// (it runs on edge runtimes too).
import { existsSync, readFileSync } from 'node:fs'
import { build } from 'esbuild'
import type { Plugin } from 'esbuild'
import { compileScript, parse } from 'vue/compiler-sfc'
import { describe, expect, it } from 'vitest'

const FRAMEWORKS = ['vue', 'pinia', '@vueuse/core', 'vue-router']

/** `.vue` files (./vue-ui): bundle their `<script>` blocks, whose imports are what this guard checks. */
const sfcScripts: Plugin = {
  name: 'sfc-scripts',
  setup(b) {
    b.onLoad({ filter: /\.vue$/ }, ({ path }) => {
      const { descriptor } = parse(readFileSync(path, 'utf8'), { filename: path })
      return { contents: compileScript(descriptor, { id: path }).content, loader: 'ts' }
    })
  },
}

async function bundle(contents: string, external: string[] = []) {
  return build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    external,
    plugins: [sfcScripts],
    logLevel: 'silent',
  })
}

async function bundleInputs(contents: string, external: string[] = []): Promise<string[]> {
  const result = await bundle(contents, external)
  return Object.keys(Object.values(result.metafile.outputs)[0]!.inputs)
}

const browserEntries = ['./src/vue/index.ts', './src/components/index.ts'].filter((entry) => existsSync(entry))

describe('bundle boundaries', () => {
  it('an app importing only LumenAccountClient gets no middleware, cache, framework or node: code', async () => {
    const inputs = await bundleInputs(`export { LumenAccountClient } from './src/index.ts'`)
    expect(inputs.some((p) => p.includes('src/client/client.ts'))).toBe(true)
    expect(inputs.filter((p) => p.includes('src/middleware/'))).toEqual([])
    expect(inputs.filter((p) => /node_modules\/(vue|pinia|@vue|express|fastify|ioredis)\//.test(p))).toEqual([])
    expect(inputs.filter((p) => p.startsWith('node:'))).toEqual([])
  })

  it.each(browserEntries)('export * from %s pulls no middleware code', async (entry) => {
    const inputs = await bundleInputs(`export * from '${entry}'`, FRAMEWORKS)
    expect(inputs.length).toBeGreaterThan(5)
    expect(inputs.filter((p) => p.includes('src/middleware/'))).toEqual([])
  })

  it('the whole middleware bundles without express, fastify, ioredis or node: built-ins', async () => {
    const inputs = await bundleInputs(
      `export { requiresLicenseExpress, requiresLicenseFastify, createRequireLicense, checkLicenseCore, RedisCache, InMemoryCache, cacheKey, checkUsageLimit } from './src/index.ts'`,
    )
    expect(inputs.some((p) => p.includes('src/middleware/check.ts'))).toBe(true)
    expect(inputs.filter((p) => /node_modules\/(express|fastify|ioredis|vue|pinia)\//.test(p))).toEqual([])
    expect(inputs.filter((p) => p.startsWith('node:'))).toEqual([])
  })

  it('an unused error guard is dropped: each is(...) call is pure', async () => {
    const { outputFiles } = await bundle(`export { isPaywallError } from './src/index.ts'`)
    const text = outputFiles[0]!.text
    expect(text).toContain('"Paywall"')
    for (const unused of ['OriginNotAllowed', 'LumenConfig', 'Validation', 'Conflict']) expect(text).not.toContain(`"${unused}"`)
  })

  it('createLumen builds a user-mode client: no service namespace, flat seed methods or service-key checks', async () => {
    const { outputFiles } = await bundle(`export { createLumen, useAuth, useOrganizations, useSessions, useLicense, useFeature } from './src/vue/index.ts'`, FRAMEWORKS)
    const text = outputFiles[0]!.text
    expect(text).toContain('/auth/login')
    for (const absent of ['/service/verify-token', '/service/usage', 'never reach a browser', 'not both', 'reportUsage', 'getSessions']) expect(text).not.toContain(absent)
  })

  it('a component carries only the English it shows: the gate has no sign-in texts, the login form no plan texts, neither German or Arabic', async () => {
    const text = async (name: string) => (await bundle(`export { ${name} } from './src/components/index.ts'`, FRAMEWORKS)).outputFiles[0]!.text
    const gate = await text('LumenPaywallGate')
    expect(gate).toContain('Upgrade now')
    expect(gate).toContain('Checking your plan')
    const login = await text('LumenLoginForm')
    expect(login).toContain('Forgot password?')
    expect(login).toContain('Enter a valid email address')
    for (const foreign of ['Passwort', 'كلمة المرور']) {
      expect(gate).not.toContain(foreign)
      expect(login).not.toContain(foreign)
    }
    expect(gate).not.toContain('Forgot password?')
    expect(gate).not.toContain('Active sessions')
    expect(login).not.toContain('Upgrade now')
    expect(login).not.toContain('Create your account')
  })
})
