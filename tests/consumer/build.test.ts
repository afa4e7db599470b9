// The kit as an app meets it: the SDK built and packed, installed from the tarball into a fresh
// app, that app built with `vite build` defaults (its CSS minifier included), served, opened in
// Chromium. Dev servers and component tests never transform the CSS; this does.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consumerFiles } from './app.js'
import { contrast, parseColor, serveStatic } from './support.js'

const repo = resolve(import.meta.dirname, '../..')
const work = mkdtempSync(join(tmpdir(), 'lumen-consumer-'))
const app = join(work, 'app')
const sdk = join(app, 'node_modules/@vss-software/lumen-account-sdk')
let browser: Browser
let server: Awaited<ReturnType<typeof serveStatic>>

function run(cmd: string, args: string[], cwd: string, timeout = 180_000): string {
  // Vitest sets NODE_ENV=test; a build under it is not the one users get (Vue's dev-only code stays).
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1', NODE_ENV: 'production' } })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

beforeAll(async () => {
  // LUMEN_CONSUMER_BUILT=1 reuses an existing dist (local iteration); npm test always builds.
  if (!process.env.LUMEN_CONSUMER_BUILT) run('npm', ['run', 'build'], repo, 240_000)
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], repo)) as Array<{ filename: string }>
  // Install the tarball offline; the peers come from this repository's node_modules, as links.
  mkdirSync(app, { recursive: true })
  for (const [file, text] of Object.entries(consumerFiles)) writeFileSync(join(app, file), text)
  mkdirSync(sdk, { recursive: true })
  run('tar', ['-xzf', join(work, packed!.filename), '-C', sdk, '--strip-components=1'], app)
  for (const peer of ['vue', 'pinia']) symlinkSync(join(repo, 'node_modules', peer), join(app, 'node_modules', peer), 'dir')
  // `vite build` with defaults: no config file in the app.
  run(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app)
  server = await serveStatic(join(app, 'dist'))
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(work, { recursive: true, force: true })
})

interface Look {
  text: string
  card: string
  buttonText: string
  buttonBackground: string
  inputBorder: string
  inputBackground: string
  link: string
  dir: string
  /** The org switcher's label: text on the app's own (white) page, not on a surface of the kit. */
  pageText: string
}

async function look(page: Page): Promise<Look> {
  await page.getByRole('button', { name: /Sign in|Anmelden|تسجيل الدخول/ }).waitFor({ timeout: 10_000 })
  return page.evaluate(() => {
    const style = (sel: string) => getComputedStyle(document.querySelector(sel)!)
    const form = document.querySelector('form')!
    return {
      text: style('label').color,
      card: getComputedStyle(form).backgroundColor,
      buttonText: style('button[type="submit"]').color,
      buttonBackground: style('button[type="submit"]').backgroundColor,
      inputBorder: style('input[type="email"]').borderTopColor,
      inputBackground: style('input[type="email"]').backgroundColor,
      link: style('form a').color,
      dir: form.closest('[dir]')?.getAttribute('dir') ?? getComputedStyle(form).direction,
      pageText: style('.lumen-org-switcher .lumen-label').color,
    }
  })
}

async function open(options: { colorScheme: 'light' | 'dark'; query?: string; shot: string }): Promise<Look> {
  const context = await browser.newContext({ colorScheme: options.colorScheme, viewport: { width: 560, height: 520 } })
  try {
    const page = await context.newPage()
    await page.goto(`${server.url}/${options.query ?? ''}`)
    const seen = await look(page)
    await page.screenshot({ path: join(tmpdir(), `lumen-consumer-${options.shot}.png`) })
    return seen
  } finally {
    await context.close()
  }
}

/** Tab to the org switcher's button (on the page, outside any card): its ring and the ring's band. */
async function focusRing(options: { colorScheme: 'light' | 'dark' }): Promise<{ outline: string; band: string }> {
  const context = await browser.newContext({ colorScheme: options.colorScheme, viewport: { width: 560, height: 520 } })
  try {
    const page = await context.newPage()
    await page.goto(server.url)
    await page.locator('.lumen-menu__button:enabled').waitFor({ timeout: 10_000 })
    await page.keyboard.press('Tab')
    const seen = await page.evaluate(() => {
      const el = document.activeElement!
      const style = getComputedStyle(el)
      return { focused: el.className, outline: style.outlineColor, shadow: style.boxShadow }
    })
    await page.screenshot({ path: join(tmpdir(), `lumen-consumer-ring-${options.colorScheme}.png`), clip: { x: 0, y: 0, width: 400, height: 140 } })
    expect(seen.focused).toContain('lumen-menu__button')
    const band = /^rgba?\([^)]*\)/.exec(seen.shadow)?.[0]
    expect(band, `box-shadow ${seen.shadow}`).toBeDefined()
    expect(parseColor(band!)[3], `band ${band}`).toBe(1)
    return { outline: seen.outline, band: band! }
  } finally {
    await context.close()
  }
}

/** Opaque colors only: a transparent background (a lost variable) must fail, not pass. */
function expectReadable(seen: Look) {
  for (const key of ['card', 'buttonBackground', 'inputBorder', 'text', 'buttonText'] as const) expect(parseColor(seen[key])[3], `${key} ${seen[key]}`).toBe(1)
  expect(contrast(seen.buttonText, seen.buttonBackground), 'button text on its background').toBeGreaterThanOrEqual(4.5)
  expect(contrast(seen.inputBorder, seen.card), 'input border against the card').toBeGreaterThanOrEqual(3)
  expect(contrast(seen.text, seen.card), 'text on the card').toBeGreaterThanOrEqual(4.5)
  expect(contrast(seen.link, seen.card), 'links on the card').toBeGreaterThanOrEqual(4.5)
}

const luminance = (color: string) => contrast(color, 'rgb(0, 0, 0)') // 1 (black) … 21 (white)

describe('consumer build: packed ./vue-ui in an app built with vite defaults', () => {
  it('light: the sign-in button, input border and text are readable on a light card', async () => {
    const seen = await open({ colorScheme: 'light', shot: 'light' })
    expectReadable(seen)
    expect(luminance(seen.card)).toBeGreaterThan(15)
  })

  it('dark by the system preference (prefers-color-scheme), by data-theme="dark" and by class="dark"', async () => {
    const system = await open({ colorScheme: 'dark', shot: 'dark' })
    expectReadable(system)
    expect(luminance(system.card)).toBeLessThan(2)
    // This page stays white: text outside the kit's surfaces keeps the page's colors, readable.
    expect(contrast(system.pageText, 'rgb(255, 255, 255)'), 'label on the white page').toBeGreaterThanOrEqual(4.5)
    // The focus ring of a control on that page: the offset band in the kit's surface color sets the
    // light ring off the white page (the ring alone would be about 2:1 there).
    const ring = await focusRing({ colorScheme: 'dark' })
    expect(contrast(ring.band, 'rgb(255, 255, 255)'), 'ring band on the white page').toBeGreaterThanOrEqual(3)
    expect(contrast(ring.outline, ring.band), 'ring on its band').toBeGreaterThanOrEqual(3)
    const switched = await open({ colorScheme: 'light', query: '?theme=dark', shot: 'dark-switch' })
    expectReadable(switched)
    expect(switched).toEqual(system)
    expect(await open({ colorScheme: 'light', query: '?class=dark', shot: 'dark-class' })).toEqual(system)
  })

  it('data-theme="light" or class="light" forces light on a dark system', async () => {
    const light = await open({ colorScheme: 'light', shot: 'light-plain' })
    const forced = await open({ colorScheme: 'dark', query: '?theme=light', shot: 'light-forced' })
    expect(forced).toEqual(light)
    expect(await open({ colorScheme: 'dark', query: '?class=light', shot: 'light-class' })).toEqual(light)
  })

  it("the app's theme variables win: one on a wrapper reaches every component, one on .lumen-root every root", async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme, viewport: { width: 560, height: 520 } })
      try {
        const page = await context.newPage()
        await page.goto(`${server.url}/?vars`)
        await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 })
        const seen = await page.evaluate(() => {
          const style = (sel: string) => getComputedStyle(document.querySelector(sel)!)
          return {
            primary: style('button[type="submit"]').backgroundColor,
            inputRadius: style('input[type="email"]').borderTopLeftRadius,
            switcherRadius: style('.lumen-menu__button').borderTopLeftRadius,
          }
        })
        expect(seen, colorScheme).toEqual({ primary: 'rgb(15, 118, 110)', inputRadius: '0px', switcherRadius: '0px' })
      } finally {
        await context.close()
      }
    }
  })

  it('Arabic lays out right to left and stays readable', async () => {
    const seen = await open({ colorScheme: 'light', query: '?lang=ar', shot: 'ar' })
    expectReadable(seen)
    expect(seen.dir).toBe('rtl')
  })

  it('the built ./vue-ui imports no .css or .vue file, so Node and SSR can import it', async () => {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(file, 'utf8')
      for (const [, spec] of code.matchAll(/\b(?:import|export)\s*(?:[^'"]*?from\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        if (!spec) continue
        expect(spec, `${file} imports ${spec}`).not.toMatch(/\.(css|vue)(\?|$)/)
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec))
      }
    }
    visit(join(sdk, 'dist/vue-ui.js'))
    expect(seen.size).toBeGreaterThan(1)
    expect(readdirSync(join(sdk, 'dist/vue-ui'))).toEqual(['style.css'])
    const ui = (await import(pathToFileURL(join(sdk, 'dist/vue-ui.js')).href)) as Record<string, unknown>
    expect(ui.LumenLoginForm).toBeTypeOf('object')
  })
})
