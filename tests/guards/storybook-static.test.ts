/**
 * The static Storybook (`npm run build-storybook`) in Chromium, served like any static host: the
 * components are styled by the package's stylesheet after Storybook's production build (a sign-in
 * button with a visible background, fields with visible borders) in light and dark, and stories get
 * their data over MSW from the built service worker; every story (each a state: empty, loading,
 * error, locked, trial…) passes axe in dark Arabic too. Screenshots go to .reports/.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contrast, luminance, parseColor } from '../helpers/colors.js'
import { newest, serveStatic } from '../helpers/docsSite.js'

const OUT = resolve('storybook-static')

/** Builds it unless a build newer than its sources exists (`.ci/run` builds it first). */
function buildStorybook(): void {
  const index = join(OUT, 'index.html')
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newest(resolve('src')), newest(resolve('.storybook')))) return
  // As users get it: Vitest's NODE_ENV=test would leak into the build.
  const run = spawnSync('npx', ['storybook', 'build', '--quiet', '--output-dir', OUT], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } })
  if (run.status !== 0) throw new Error(`build-storybook failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout}\n${run.stderr}`)
}

describe('the static Storybook build', () => {
  let browser: Browser
  let site: Awaited<ReturnType<typeof serveStatic>>

  beforeAll(async () => {
    buildStorybook()
    site = await serveStatic(OUT)
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    })
    mkdirSync('.reports', { recursive: true })
  }, 360_000)

  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('ships MSW\'s service worker', () => {
    expect(existsSync(join(OUT, 'mockServiceWorker.js')) && statSync(join(OUT, 'mockServiceWorker.js')).size).toBeGreaterThan(1000)
  })

  for (const theme of ['light', 'dark'] as const) {
    it(`the login form story is styled in the ${theme} theme`, async () => {
      const page = await browser.newPage({ colorScheme: theme, viewport: { width: 900, height: 700 } })
      try {
        await page.goto(`${site.url}/iframe.html?id=components-lumenloginform--default&viewMode=story&globals=theme:${theme}`, { waitUntil: 'load', timeout: 30_000 })
        const button = page.getByRole('button', { name: 'Sign in' })
        await button.waitFor({ state: 'visible', timeout: 30_000 })
        await page.screenshot({ path: `.reports/storybook-login-form-${theme}.png` })
        const styles = await page.evaluate(() => {
          const b = getComputedStyle(document.querySelector('button[type="submit"]')!)
          const f = getComputedStyle(document.querySelector('input[type="email"]')!)
          const card = getComputedStyle(document.querySelector('.lumen-root')!)
          return { card: card.backgroundColor, button: b.backgroundColor, text: b.color, border: f.borderTopColor, borderStyle: f.borderTopStyle, borderWidth: f.borderTopWidth, field: f.backgroundColor }
        })
        expect(theme === 'dark' ? luminance(styles.field) < 0.1 : luminance(styles.field) > 0.8).toBe(true)
        expect(parseColor(styles.button)[3]).toBe(1)
        expect(contrast(styles.text, styles.button)).toBeGreaterThanOrEqual(4.5)
        expect(styles.borderStyle).toBe('solid')
        expect(parseFloat(styles.borderWidth)).toBeGreaterThanOrEqual(1)
        expect(contrast(styles.border, styles.field)).toBeGreaterThanOrEqual(3)
      } finally {
        await page.close()
      }
    }, 60_000)
  }

  // The README's screenshots of the kit (`UPDATE_SCREENSHOTS=1` writes them to docs/images/).
  for (const theme of ['light', 'dark'] as const) {
    it(`the kit overview renders in the ${theme} theme (README screenshot)`, async () => {
      const page = await browser.newPage({ colorScheme: theme, viewport: { width: 1216, height: 900 } })
      try {
        await page.goto(`${site.url}/iframe.html?id=components-overview--kit&viewMode=story&globals=theme:${theme}`, { waitUntil: 'load', timeout: 30_000 })
        for (const text of ['Upgrade required', 'Your trial ends in 5 days.', 'Current plan', 'This device']) await page.getByText(text).first().waitFor({ state: 'visible', timeout: 30_000 })
        const shot = { path: `.reports/kit-${theme}.png`, fullPage: true }
        await page.screenshot(shot)
        if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ ...shot, path: `docs/images/kit-${theme}.png` })
        const card = await page.evaluate(() => getComputedStyle(document.querySelector('.lumen-login')!).backgroundColor)
        expect(theme === 'dark' ? luminance(card) < 0.1 : luminance(card) > 0.8).toBe(true)
      } finally {
        await page.close()
      }
    }, 60_000)
  }

  it('a story gets its data over MSW: the session list shows the sessions of the demo data', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } })
    try {
      await page.goto(`${site.url}/iframe.html?id=components-lumensessionlist--several&viewMode=story`, { waitUntil: 'load', timeout: 30_000 })
      await page.getByText('This device').waitFor({ state: 'visible', timeout: 30_000 })
      const worker = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? null)
      expect(worker).toMatch(/mockServiceWorker\.js$/)
      expect(await page.getByRole('listitem').count()).toBeGreaterThanOrEqual(2)
    } finally {
      await page.close()
    }
  }, 60_000)

  it('has a Recipes page and a Docs page per component with its props, events and slots', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    try {
      await page.goto(`${site.url}/iframe.html?id=recipes--docs&viewMode=docs`, { waitUntil: 'load', timeout: 30_000 })
      for (const name of ['A paywall around a route', 'A paywalled button', 'A paywalled table column', 'Match your design system']) {
        await page.getByRole('heading', { name }).waitFor({ state: 'visible', timeout: 30_000 })
      }
      await page.goto(`${site.url}/iframe.html?id=components-lumenpaywallgate--docs&viewMode=docs`, { waitUntil: 'load', timeout: 30_000 })
      const table = page.locator('table.docblock-argstable')
      await table.waitFor({ state: 'visible', timeout: 30_000 })
      const text = await table.innerText()
      for (const part of [/props/i, /events/i, /slots/i, /feature/, /minTier/, /locked/]) expect(text).toMatch(part)
    } finally {
      await page.close()
    }
  }, 60_000)

  // The story tests (`--project storybook`) scan every story in light English; here every story
  // again in the dark palette and right to left, where contrast and layout differ.
  // As the story tests' axe: every rule but `region` (a story has no landmarks), target size (24 px) included.
  it('every story passes axe in dark Arabic', async () => {
    const { entries } = JSON.parse(readFileSync(join(OUT, 'index.json'), 'utf8')) as { entries: Record<string, { id: string; type: string }> }
    const stories = Object.values(entries).filter((e) => e.type === 'story').map((e) => e.id)
    expect(stories.length).toBeGreaterThan(100)
    const axe = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8')
    const found: string[] = []
    let rightToLeft = 0
    const scan = async (page: Page, id: string) => {
      await page.goto(`${site.url}/iframe.html?id=${id}&viewMode=story&globals=theme:dark;locale:ar`, { waitUntil: 'load', timeout: 30_000 })
      // Rendered and played (a play that expects English text may fail: the state it reached is scanned).
      await page.waitForFunction(() => {
        const phase = (window as { __STORYBOOK_PREVIEW__?: { storyRenders?: Array<{ phase?: string }> } }).__STORYBOOK_PREVIEW__?.storyRenders?.[0]?.phase
        return phase === 'finished' || phase === 'completed' || phase === 'errored' || phase === 'aborted'
      }, undefined, { timeout: 30_000 })
      // The story took both globals: its wrapper is dark, and the kit lays out right to left (not
      // where a story fixes German, nor in a gate's own loading or error state or a lone avatar).
      const [dark, rtl] = await page.evaluate(() => [!!document.querySelector('#storybook-root [data-theme="dark"]'), !!document.querySelector('#storybook-root [dir="rtl"]')])
      if (!dark) found.push(`${id}: not dark`)
      if (rtl) rightToLeft++
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe })
      const violations = await page.evaluate(async () => {
        const { axe } = window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }
        const result = await axe.run({ include: ['#storybook-root'] }, { rules: { region: { enabled: false }, 'target-size': { enabled: true } } })
        return result.violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
      })
      for (const v of violations) found.push(`${id}: ${v}`)
    }
    // Two pages at a time (2 cores): one scan is about a second.
    const queue = [...stories]
    await Promise.all(
      [0, 1].map(async () => {
        const page = await browser.newPage({ colorScheme: 'dark', viewport: { width: 900, height: 700 } })
        try {
          for (let id = queue.shift(); id; id = queue.shift()) await scan(page, id)
        } finally {
          await page.close()
        }
      }),
    )
    expect(found).toEqual([])
    expect(rightToLeft).toBeGreaterThan(stories.length * 0.8)
  }, 600_000)
})
