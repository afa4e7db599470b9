/**
 * What a paywall gate costs in lists and tables, against the plain `v-if` it replaces.
 *
 *   npm run bench:ui
 *
 * Production Vue (prod build, SFCs compiled for production) in happy-dom, through Vitest only
 * because it compiles the SFCs (`bench/ui.config.ts`; not part of the tests). From one run, the
 * median of ROUNDS mounts (after WARMUP) of 1000 instances each, the shapes interleaved per round:
 * plain `v-if` blocks (the baseline), trivial slot components, allowed and denied
 * `<LumenPaywallGate feature="advanced_reports">`; then, with 1000 gates mounted, the time of one
 * org switch until every gate shows the new org's answer, with its license requests (counted by
 * the testing kit's handlers, `state.calls`) and its render flushes (gate re-renders grouped by
 * scheduler flush). Data source: the testing kit (the real client over in-memory handlers).
 */
/* eslint-disable vue/one-component-per-file -- app roots, not components */
import { expect, it } from 'vitest'
import { createApp, h, inject, nextTick, reactive, version } from 'vue'
import LumenPaywallGate from '../src/components/LumenPaywallGate.vue'
import { fixtures } from '../src/testing/fixtures.js'
import { createTestingLumen } from '../src/testing/plugin.js'
import type { TestingLumen } from '../src/testing/plugin.js'
import Rows from './ui/Rows.vue'

const ROWS = 1000
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 15
const WARMUP = Number(process.env.BENCH_WARMUP) || 3

type Kind = 'none' | 'vif' | 'slot' | 'gate' | 'tracked'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const gc = () => (globalThis as { gc?: () => void }).gc?.()
const ms = (x: number) => `${x.toFixed(1)} ms`
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000

/**
 * Rows whose gate is in `state`. A walk, not `querySelectorAll`: happy-dom caches every query's
 * result, which would keep each round's removed rows alive (and slow the later rounds' GC).
 */
function rowsIn(el: Element, state: string): number {
  let n = 0
  for (const row of el.children) if (row.firstElementChild?.getAttribute('data-state') === state) n++
  return n
}

/** One app with the testing kit and a `Rows` root whose shape the bench switches. */
function harness(lumen: TestingLumen) {
  const props = reactive({ kind: 'none' as Kind, rows: ROWS, allowed: true })
  const counts = { flushes: 0, updates: 0 }
  let inFlush = false
  const onGateUpdated = () => {
    counts.updates++
    if (inFlush) return
    inFlush = true
    counts.flushes++
    queueMicrotask(() => (inFlush = false))
  }
  const el = document.createElement('div')
  document.body.append(el)
  const app = createApp({ render: () => h(Rows, { kind: props.kind, rows: props.rows, allowed: props.allowed, onGateUpdated }) })
  app.use(lumen).mount(el)
  /** Mount ROWS instances of `kind` in one render flush; returns the time of that flush. */
  async function mount(kind: Kind, state: string): Promise<{ wall: number; cpu: number }> {
    gc()
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    props.kind = kind
    await nextTick()
    const t = { wall: performance.now() - t0, cpu: cpuMs(process.cpuUsage(c0)) }
    const found = rowsIn(el, state)
    if (found !== ROWS) throw new Error(`bench: ${found} of ${ROWS} ${kind} rows are ${state}: ${el.innerHTML.slice(0, 300)}`)
    return t
  }
  async function clear() {
    props.kind = 'none'
    await nextTick()
    if (el.children.length) throw new Error('bench: rows left after unmount')
  }
  return { el, app, lumen, counts, mount, clear }
}

/** `true` when `vue` is its production build (the dev build warns about inject() outside setup). */
function isProdVue(): boolean {
  let warned = false
  const app = createApp({})
  app.config.warnHandler = () => void (warned = true)
  app.runWithContext(() => inject('nothing-provided-here'))
  return !warned
}

function machine(): string {
  // Vitest runs happy-dom files as browser code: Node's modules come through `process`.
  const { readFileSync } = process.getBuiltinModule('node:fs')
  const os = process.getBuiltinModule('node:os')
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU'
  return `${os.availableParallelism()} × ${model.trim()}, Node ${process.version}, Vue ${version} (production), happy-dom`
}

async function settle(check: () => boolean, label: string): Promise<void> {
  for (let i = 0; i < 100_000 && !check(); i++) await new Promise((r) => setImmediate(r))
  if (!check()) throw new Error(`bench: ${label} never happened`)
}

it('bench:ui', { timeout: 600_000 }, async () => {
  expect(process.env.NODE_ENV).toBe('production')
  expect(isProdVue()).toBe(true)
  expect((LumenPaywallGate as { __hmrId?: string }).__hmrId).toBeUndefined() // compiled for production

  const allowed = harness(createTestingLumen()) // Lumen HR Pro: advanced_reports is in it
  const denied = harness(createTestingLumen({ entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } }))
  const shapes: Array<[name: string, h: ReturnType<typeof harness>, kind: Kind, state: string]> = [
    ['plain v-if', allowed, 'vif', 'allowed'],
    ['slot component', allowed, 'slot', 'allowed'],
    ['gate, allowed', allowed, 'gate', 'allowed'],
    ['gate, denied', denied, 'gate', 'denied'],
  ]
  // BENCH_ONLY=gate,vif: a subset (for a profiler).
  const only = process.env.BENCH_ONLY?.split(',')
  if (only) shapes.splice(0, shapes.length, ...shapes.filter(([name]) => only.some((o) => name.includes(o))))
  const times = new Map<string, Array<{ wall: number; cpu: number }>>(shapes.map(([name]) => [name, []]))
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const [name, h, kind, state] of shapes) {
      const t = await h.mount(kind, state)
      await h.clear()
      if (round >= WARMUP) times.get(name)!.push(t)
      if (process.env.BENCH_DEBUG) {
        gc()
        console.log(round, name, `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`)
      }
    }
  }

  // Org switch: Acme (Pro: allowed) ⇄ Globex (Starter trial: denied), 1000 gates mounted. Cold:
  // the target org's license was never loaded (a first switch); warm: it was (switching back).
  const switches: Record<'cold' | 'warm', Array<{ wall: number; cpu: number; requests: number; flushes: number; updates: number }>> = { cold: [], warm: [] }
  if (!only || only.includes('switch')) {
    const sw = harness(createTestingLumen({ persona: 'owner-pro' }))
    await sw.mount('tracked', 'allowed')
    const store = sw.lumen.store!
    const licenseCalls = () => sw.lumen.handlers.state.calls.filter((c) => c.name === 'licenses.get').length
    for (let round = 0; round < 2 * (WARMUP + ROUNDS); round++) {
      const [to, state] = round % 2 === 0 ? ['org_globex', 'denied'] : ['org_acme', 'allowed']
      const kind = Math.floor(round / 2) % 2 === 0 ? 'cold' : 'warm'
      if (kind === 'cold') delete store.entitlements[`${to}:lumen-hr`]
      gc()
      const before = licenseCalls()
      sw.counts.flushes = sw.counts.updates = 0
      const since = Date.now()
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      await store.switchOrg(to)
      // Done: every gate shows the new org's answer, and that answer is this switch's (not a cached one).
      await settle(() => (store.entitlement('lumen-hr')?.updatedAt ?? 0) >= since && rowsIn(sw.el, state) === ROWS, `the switch to ${to}`)
      const wall = performance.now() - t0
      const cpu = cpuMs(process.cpuUsage(c0))
      await settle(() => !store.isSwitching, 'the end of the switch')
      if (round >= 2 * WARMUP) switches[kind].push({ wall, cpu, requests: licenseCalls() - before, flushes: sw.counts.flushes, updates: sw.counts.updates })
    }
    sw.app.unmount()
  }

  const base = median(times.get('plain v-if')!.map((t) => t.cpu))
  const baseWall = median(times.get('plain v-if')!.map((t) => t.wall))
  const lines = [
    `bench:ui: ${ROWS} instances, median of ${ROUNDS} mounts each (after ${WARMUP} warm-up rounds), shapes interleaved, one run`,
    `machine: ${machine()}`,
    `CPU time of the mount's render flush (process.cpuUsage, steady under a shared machine's load), wall time beside it`,
    '',
    ...shapes.map(([name]) => {
      const cpu = median(times.get(name)!.map((t) => t.cpu))
      const wall = median(times.get(name)!.map((t) => t.wall))
      return `${name.padEnd(16)} ${ms(cpu).padStart(10)} CPU  ${(cpu / base).toFixed(2)}× v-if   ${((cpu / ROWS) * 1000).toFixed(0).padStart(4)} µs each   (wall ${ms(wall)}, ${(wall / baseWall).toFixed(2)}×)`
    }),
  ]
  for (const kind of ['cold', 'warm'] as const) {
    const runs = switches[kind]
    if (!runs.length) continue
    const set = (xs: number[]) => [...new Set(xs)].join(' or ')
    lines.push(
      '',
      `org switch, ${kind} (${kind === 'cold' ? 'the new org never loaded' : 'back to an org seen before'}), ${ROWS} gates mounted, median of ${runs.length}:`,
      `  ${ms(median(runs.map((r) => r.cpu)))} CPU, ${ms(median(runs.map((r) => r.wall)))} wall, until every gate shows the new org's fresh answer`,
      `  license requests: ${set(runs.map((r) => r.requests))}; render flushes: ${set(runs.map((r) => r.flushes))} (gate re-renders: ${set(runs.map((r) => r.updates))})`,
    )
  }
  console.log(`\n${lines.join('\n')}\n`)
  for (const h of [allowed, denied]) h.app.unmount()
})
