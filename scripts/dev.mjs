#!/usr/bin/env node
// `npm run dev`: the Lumen emulator (http://127.0.0.1:4010, data in .lumen-emulator/) and the
// playground (http://127.0.0.1:5173, Vite dev server, the SDK from source) together.
// Ctrl-C stops both; if either one exits, the other is stopped too.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url))
const api = 'http://127.0.0.1:4010'
const app = 'http://127.0.0.1:5173'

const children = [
  // E-mail links (reset, invitation) open the playground at the address the session belongs to.
  spawn(bin('tsx'), ['emulator/cli.ts', '--app-url', app, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }),
  spawn(bin('vite'), ['--config', 'playground/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_LUMEN_URL: process.env.VITE_LUMEN_URL ?? api },
  }),
]

let stopping = false
function stop(code) {
  if (stopping) return
  stopping = true
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  // A child that ignores SIGTERM must not keep `npm run dev` alive.
  setTimeout(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    process.exit(code)
  }, 3000).unref()
  Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() =>
    process.exit(code),
  )
}

for (const child of children) {
  child.once('error', (err) => {
    console.error(`[dev] ${err.message}`)
    stop(1)
  })
  child.once('exit', (code) => stop(code ?? 1))
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

setTimeout(() => {
  if (stopping) return
  console.log(
    [
      '',
      '  Lumen dev',
      `  Playground   ${app}`,
      `  Emulator     ${api}`,
      '  Demo login   demo@lumen.test / lumen-demo-pass',
      '  Ctrl-C stops both.',
      '',
    ].join('\n'),
  )
}, 1500).unref()
