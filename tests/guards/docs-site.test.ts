/**
 * The built documentation site in Chromium: a live example runs the real components, styled by the
 * package's stylesheet after the production build (a sign-in button with a visible background,
 * fields with visible borders), in the light and the dark theme. Screenshots go to .reports/.
 */
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contrast, luminance, parseColor } from '../helpers/colors.js'
import { ensureDocsBuilt, serveStatic } from '../helpers/docsSite.js'

interface Styles {
  stage: string
  button: { background: string; color: string }
  field: { background: string; borderColor: string; borderWidth: string; borderStyle: string }
}

async function openLoginExample(browser: Browser, url: string, theme: 'light' | 'dark', system = theme): Promise<{ page: Page; styles: Styles }> {
  const page = await browser.newPage({ colorScheme: system, viewport: { width: 1280, height: 900 } })
  await page.addInitScript((t) => localStorage.setItem('vitepress-theme-appearance', t), theme)
  await page.goto(`${url}/components/login-form`, { waitUntil: 'load', timeout: 30_000 })
  const demo = page.locator('[data-demo="login-form"]')
  const button = demo.getByRole('button', { name: 'Sign in' })
  await button.waitFor({ state: 'visible', timeout: 30_000 })
  const styles = await demo.evaluate((el): Styles => {
    const stage = el.querySelector('.lumen-demo__stage')!
    const button = el.querySelector('button[type="submit"]')!
    const field = el.querySelector('input[type="email"]')!
    const b = getComputedStyle(button)
    const f = getComputedStyle(field)
    return {
      stage: getComputedStyle(stage).backgroundColor,
      button: { background: b.backgroundColor, color: b.color },
      field: { background: f.backgroundColor, borderColor: f.borderTopColor, borderWidth: f.borderTopWidth, borderStyle: f.borderTopStyle },
    }
  })
  return { page, styles }
}

describe('the built docs site', () => {
  let browser: Browser
  let site: Awaited<ReturnType<typeof serveStatic>>

  beforeAll(async () => {
    ensureDocsBuilt()
    site = await serveStatic()
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    })
    mkdirSync('.reports', { recursive: true })
  }, 480_000)

  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  const cases = [
    { theme: 'light', system: 'light' },
    { theme: 'dark', system: 'dark' },
    // The site's switch wins over the system preference, for the components too.
    { theme: 'light', system: 'dark' },
  ] as const
  for (const { theme, system } of cases) {
    it(`shows the live login form styled in the ${theme} theme (system: ${system})`, async () => {
      const { page, styles } = await openLoginExample(browser, site.url, theme, system)
      try {
        await page.locator('[data-demo="login-form"]').screenshot({ path: `.reports/docs-login-form-${theme}-${system}.png` })
        await page.screenshot({ path: `.reports/docs-page-${theme}-${system}.png`, fullPage: false })
        const { stage } = styles
        const button = styles.button.background
        const border = styles.field.borderColor
        // The page follows the theme, and so do the components.
        expect(theme === 'dark' ? luminance(stage) < 0.1 : luminance(stage) > 0.8).toBe(true)
        expect(theme === 'dark' ? luminance(styles.field.background) < 0.1 : luminance(styles.field.background) > 0.8).toBe(true)
        // A sign-in button with a visible, opaque background and readable text on it.
        expect(parseColor(button)[3]).toBe(1)
        expect(contrast(button, stage)).toBeGreaterThan(2)
        expect(contrast(styles.button.color, button)).toBeGreaterThan(3)
        // Fields with a visible border.
        expect(styles.field.borderStyle).toBe('solid')
        expect(parseFloat(styles.field.borderWidth)).toBeGreaterThanOrEqual(1)
        expect(parseColor(border)[3]).toBeGreaterThan(0.5)
        expect(contrast(border, stage)).toBeGreaterThan(1.2)
      } finally {
        await page.close()
      }
    }, 90_000)
  }
})
