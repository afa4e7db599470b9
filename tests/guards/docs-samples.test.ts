/**
 * Every ```ts and ```vue sample of the docs site and the README compiles against the package's
 * source (the tsconfig paths map its entries to src/, as in the playground), so the docs cannot
 * drift from the API. A block opened as ```ts no-check (or ```vue no-check) is skipped: use it for
 * fragments with placeholders. Names the samples use without declaring them are declared once in
 * GLOBALS below (`email`, `router`, …).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

interface Sample {
  /** Where the block starts (the line after its opening fence), 1-based. */
  source: string
  line: number
  lang: 'ts' | 'vue'
  code: string
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (entry.startsWith('.') || entry === 'node_modules') return []
    if (statSync(path).isDirectory()) return markdownFiles(path)
    return entry.endsWith('.md') && entry !== 'DECISIONS.md' ? [path] : []
  })
}

/** The ```ts / ```vue blocks of one markdown file, except those marked no-check. */
export function extractSamples(source: string, text: string): Sample[] {
  const samples: Sample[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!.match(/^(\s*)(`{3,})(\w+)?(.*)$/)
    if (!open) continue
    const [, indent, fence, lang = '', info = ''] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence!); j++) body.push(lines[j]!.slice(indent!.length))
    if ((lang === 'ts' || lang === 'vue') && !/\bno-check\b/.test(info)) samples.push({ source, line: i + 2, lang, code: body.join('\n') })
    i = j
  }
  return samples
}

/** The reader's own variables and functions that samples use without declaring them. */
const GLOBALS = `// Names the docs' samples use without declaring them: the reader's own variables and functions.
// Every sample is compiled as a module of its own, so a sample that declares one of these shadows it.
import type { Router } from 'vue-router'
import type { App } from 'vue'
import type { LumenAccountClient } from '@vss-software/lumen-account-sdk'

declare global {
  const email: string
  const password: string
  const router: Router
  const app: App
  const client: LumenAccountClient
  const baseUrl: string
  const accessToken: string
  const refreshToken: string
  const file: File
  const taskId: string
  const currentOrgId: string
  const invitationToken: string
  const tokenFromEmail: string
  const pngBytes: Uint8Array
  const authorizationHeader: string
  const i18n: { global: { locale: import('vue').WritableComputedRef<string> } } // vue-i18n with legacy: false (legacy mode: a string)
  const inputEl: HTMLInputElement
  function countActiveEmployees(): Promise<number>
  function openUpgrade(url: string | null): void
  function showReports(): void
  function countApiCallsThisMinute(): Promise<number>
  function showWait(seconds: number | null): void
  function authenticate(req: unknown, res: unknown, next: () => void): void
}
`

const root = process.cwd()
const out = join(root, '.reports', 'docs-samples')

describe('code samples in the docs', () => {
  const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))]
  const samples = files.flatMap((file) => extractSamples(relative(root, file), readFileSync(file, 'utf8')))

  it('finds the samples of the site and the README', () => {
    expect(samples.length).toBeGreaterThan(20)
    expect(samples.some((s) => s.lang === 'vue')).toBe(true)
  })

  it('compile against the package source (vue-tsc --noEmit)', () => {
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out, { recursive: true })
    const names = new Map<string, Sample>()
    samples.forEach((sample, index) => {
      const name = `s${String(index).padStart(3, '0')}_${sample.source.replace(/[^\w]+/g, '_')}_L${sample.line}.${sample.lang}`
      // `export {}` keeps every .ts sample a module of its own (its names never clash with another's).
      writeFileSync(join(out, name), sample.lang === 'ts' ? `${sample.code}\nexport {}\n` : sample.code)
      names.set(name, sample)
    })
    writeFileSync(join(out, 'globals.d.ts'), GLOBALS)
    // Stylesheet imports, as a bundler's client types declare them.
    writeFileSync(join(out, 'css.d.ts'), "declare module '*.css' {}\n")
    // The app's own modules that setup samples import (`./router`, `./App.vue`, its pages).
    writeFileSync(join(out, 'router.ts'), "import { createMemoryHistory, createRouter } from 'vue-router'\nexport const router = createRouter({ history: createMemoryHistory(), routes: [] })\n")
    writeFileSync(join(out, 'App.vue'), '<template><RouterView /></template>\n')
    writeFileSync(join(out, 'AdvancedReports.vue'), '<template><p>Reports</p></template>\n')
    mkdirSync(join(out, 'pages'), { recursive: true })
    for (const page of ['LoginPage', 'HomePage', 'ReportsPage', 'UpgradePage']) writeFileSync(join(out, 'pages', `${page}.vue`), `<template><p>${page}</p></template>\n`)
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noUnusedLocals: false }, include: ['./*.ts', './*.vue'] }, null, 2),
    )
    const run = spawnSync('npx', ['vue-tsc', '--noEmit', '--pretty', 'false', '-p', join(out, 'tsconfig.json')], { encoding: 'utf8', timeout: 240_000 })
    const output = `${run.stdout}${run.stderr}`
    const errors = output
      .split('\n')
      .map((line) => line.match(/([^/\s]+\.(?:ts|vue))\((\d+),(\d+)\): error (TS\d+: .*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map(([, file, line, , message]) => {
        const sample = names.get(file!)
        // Errors inside src/ (or anywhere else) are reported as they are.
        if (!sample) return `${file}:${line}: ${message}`
        return `${sample.source}:${sample.line + Number(line) - 1}: ${message}`
      })
    if (run.status !== 0 && errors.length === 0) throw new Error(`vue-tsc failed without a diagnostic:\n${output}`)
    expect(errors, 'broken samples (file:line: error); fix them, or open the block with ```ts no-check').toEqual([])
  }, 300_000)
})
