#!/usr/bin/env node
// Builds the emulator package into dist/ (run by `prepack`; Node 20 can't run .ts):
//   dist/index.js, dist/cli.js (+ shared chunks)  esbuild bundle of index.ts and cli.ts, with what
//                                                 they take of ../src/contract inlined; npm packages
//                                                 (hono, better-sqlite3, jose) stay imports
//   dist/migrations/*.sql                          read by db.ts next to the bundle at run time
//   dist/types/                                    declarations of the export (tsconfig.build.json)
import { spawnSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))
const dist = fileURLToPath(new URL('./dist/', import.meta.url))
rmSync(dist, { recursive: true, force: true })

await build({
  absWorkingDir: here,
  entryPoints: { index: 'index.ts', cli: 'cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
})
cpSync(new URL('./migrations/', import.meta.url), new URL('./migrations/', `file://${dist}`), { recursive: true })

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const types = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: here, stdio: 'inherit' })
if (types.status !== 0) process.exit(types.status ?? 1)
