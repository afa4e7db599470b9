#!/usr/bin/env node
// README.md is assembled from docs/readme/*.md, one file per layer, so engineers working on
// different layers never edit the same file. `npm run readme` writes it; `--check` fails when stale.
import { readFileSync, writeFileSync } from 'node:fs'

const part = (name) => readFileSync(new URL(`../docs/readme/${name}.md`, import.meta.url), 'utf8').trim()

/** Demote every `## ` heading after the first to `### ` (outside code fences). */
function nestUnderFirst(md) {
  let first = true
  let fence = false
  return md
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) fence = !fence
      if (fence || !line.startsWith('## ')) return line
      if (first) return (first = false), line
      return `#${line}`
    })
    .join('\n')
}

export function buildReadme() {
  const [quickStart, reference] = part('client').split(/^(?=## Client reference)/m)
  return [
    part('00-head'),
    quickStart.trim(),
    part('vue'),
    part('vue-ui'),
    part('storybook'),
    part('emulator'),
    part('playground'),
    reference.trim(),
    nestUnderFirst(part('middleware')),
    part('security'),
    part('99-tail'),
  ].join('\n\n') + '\n'
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const target = new URL('../README.md', import.meta.url)
  const next = buildReadme()
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== next) {
      console.error('README.md is stale: run `npm run readme` (it is built from docs/readme/*.md).')
      process.exit(1)
    }
  } else writeFileSync(target, next)
}
