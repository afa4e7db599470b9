#!/usr/bin/env node
// Packs the package the way npm publish would and checks the tarball with publint and attw.
import { execFileSync, spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const out = execFileSync('npm', ['pack', '--silent'], { encoding: 'utf8' }).trim().split('\n').pop()
let rc = 0
try {
  for (const [cmd, args] of [
    ['npx', ['publint', '--strict', out]],
    ['npx', ['attw', out, '--profile', 'esm-only', '--exclude-entrypoints', './vue-ui/style.css', '--format', 'table-flipped']],
  ]) {
    console.log(`$ ${cmd} ${args.join(' ')}`)
    const r = spawnSync(cmd, args, { stdio: 'inherit' })
    if (r.status !== 0) rc = 1
  }
} finally {
  rmSync(out, { force: true })
}
process.exit(rc)
