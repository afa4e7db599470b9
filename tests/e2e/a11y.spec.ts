import { createRequire } from 'node:module'
import { expect, test, type Page } from '@playwright/test'
import type { AxeResults } from 'axe-core'
import { orgButton, reportsGate, submitLogin, switchOrg, userButton } from './helpers'

// axe-core (the engine @axe-core/playwright runs) is in every document from its start: a scan is
// one `axe.run`, not a 500 KB injection each time (32 scans; the suite must stay under 4 minutes).
const axePath = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js')
test.beforeEach(({ page }) => page.addInitScript({ path: axePath }))

/** Every axe violation, of any impact, as one readable line each. */
async function violations(page: Page) {
  // Target size (WCAG 2.2, 24 px) is off in axe by default: the kit and the playground promise it.
  const violations = await page.evaluate(async () => {
    // Colors settled first: a theme switch runs the buttons' 120 ms color transition.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    return (await axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] })).violations
  })
  return violations.map((v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

type Check = (page: Page) => Promise<void>
const PAGES: Record<string, [string, Check]> = {
  dashboard: ['/', (p) => expect(p.getByTestId('sso').locator('.lumen-gate')).toHaveAttribute('data-state', 'denied')],
  employees: ['/employees', (p) => expect(p.getByTestId('employees').getByRole('row')).not.toHaveCount(0)],
  reports: ['/reports', (p) => expect(reportsGate(p)).toHaveAttribute('data-state', 'allowed')],
  account: ['/account', (p) => expect(p.locator('.lumen-sessions li').first()).toBeVisible()],
  forbidden: ['/forbidden?reason=no_license&product=lumen-hr', (p) => expect(p.getByTestId('forbidden')).toBeVisible()],
  pricing: ['/pricing', (p) => expect(p.locator('.lumen-plan[aria-current]')).toBeVisible()],
}
// Signed out: the account flows (a reset link and an invitation with made-up tokens: the forms render before any call).
const GUEST_PAGES: Record<string, [string, Check]> = {
  register: ['/register', (p) => expect(p.locator('form')).toBeVisible()],
  'forgot password': ['/forgot-password', (p) => expect(p.locator('form')).toBeVisible()],
  'reset password': ['/reset-password?token=made-up', (p) => expect(p.locator('form')).toBeVisible()],
  'accept invitation': ['/accept-invitation?token=made-up', (p) => expect(p.locator('form')).toBeVisible()],
}
const MENUS = { 'organization menu': '.lumen-org-switcher', 'user menu': '.lumen-user-button' }

// Every page and menu in light English; the other combinations scan the pages whose parts differ
// (the suite must stay under 4 minutes: one scan is about 1.5 s on 2 cores).
const MATRIX: [theme: 'light' | 'dark', language: 'en' | 'ar', guest: string[], pages: string[], menus: (keyof typeof MENUS)[]][] = [
  ['light', 'en', Object.keys(GUEST_PAGES), Object.keys(PAGES), ['organization menu', 'user menu']],
  ['dark', 'en', ['register'], ['dashboard', 'employees', 'pricing'], ['user menu']],
  ['light', 'ar', ['accept invitation'], ['employees', 'account'], ['organization menu']],
  ['dark', 'ar', ['forgot password'], ['pricing'], ['user menu']],
]

for (const [theme, language, guest, pages, menus] of MATRIX) {
  test(`axe (${theme}, ${language}): signed out, signed in, open and locked, no violations of any impact`, async ({ page }) => {
    test.setTimeout(60_000)
    await page.goto('/login')
    await page.getByTestId('theme').selectOption(theme)
    await page.getByTestId('language').selectOption(language)
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr')
    await expect(page.locator('.lumen-login')).toBeVisible()
    expect(await violations(page), 'login').toEqual([])
    for (const name of guest) {
      const [path, ready] = GUEST_PAGES[name]!
      await page.goto(path)
      await ready(page)
      expect(await violations(page), name).toEqual([])
    }
    await page.goto('/login')

    // The form by its parts, whatever the language of its labels.
    await page.locator('.lumen-login input[type=email]').fill('demo@lumen.test')
    await page.locator('.lumen-login input[type=password]').fill('lumen-demo-pass')
    await page.locator('.lumen-login button[type=submit]').click()
    const orgs = page.locator('.lumen-org-switcher .lumen-menu__button')
    await expect(orgs).toContainText('Acme Corp')
    for (const name of pages) {
      const [path, ready] = PAGES[name]!
      await page.goto(path)
      await ready(page)
      expect(await violations(page), name).toEqual([])
    }
    for (const name of menus) {
      await page.locator(`${MENUS[name]} button[aria-haspopup]`).click()
      await expect(page.getByRole('menu')).toBeVisible()
      expect(await violations(page), name).toEqual([])
      await page.keyboard.press('Escape')
      await expect(page.getByRole('menu')).toHaveCount(0)
    }

    // Locked: Advanced reports in Globex.
    await orgs.click()
    await page.getByRole('menuitemradio').filter({ hasText: 'Globex' }).click()
    await expect(orgs).toContainText('Globex')
    if (await page.getByRole('menu').isVisible()) await page.keyboard.press('Escape') // tests/e2e/menus.spec.ts
    await page.goto('/reports')
    await expect(reportsGate(page)).toHaveAttribute('data-state', 'denied')
    expect(await violations(page), 'reports, locked').toEqual([])
  })
}

test('keyboard only: sign in, switch organization, open Advanced reports, sign out', async ({ page }) => {
  /** Presses Tab until `target` has focus (at most 40 times): the way a keyboard user gets there. */
  async function tabTo(target: ReturnType<Page['locator']>) {
    for (let i = 0; i < 40; i++) {
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
      await page.keyboard.press('Tab')
    }
    throw new Error(`could not reach ${target} with Tab`)
  }

  await page.goto('/login')
  await tabTo(page.getByLabel('Email', { exact: true }))
  await page.keyboard.type('demo@lumen.test')
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused()
  await page.keyboard.type('lumen-demo-pass')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Welcome, Dana' })).toBeVisible()

  await tabTo(orgButton(page))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menu')).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menuitemradio', { name: 'Globex' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(orgButton(page)).toContainText('Globex')
  await expect(orgButton(page)).toBeFocused()

  // Shift+Tab back into the navigation.
  const reportsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Advanced reports' })
  for (let i = 0; i < 10 && !(await reportsLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab')
  await expect(reportsLink).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/reports$/)
  await expect(reportsGate(page)).toHaveAttribute('data-state', 'denied')
  await expect(page.getByRole('link', { name: 'Upgrade now' })).toBeVisible()

  await tabTo(userButton(page))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menu')).toBeVisible()
  await page.keyboard.press('End')
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/login/)
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
})

test('theme and language are kept across reloads; "system" follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/login')
  const html = page.locator('html')
  const bg = () => html.evaluate((el) => getComputedStyle(el).backgroundColor)

  await page.getByTestId('theme').selectOption('light')
  await expect.poll(bg).toBe('rgb(249, 250, 251)')
  await page.getByTestId('theme').selectOption('system')
  await expect.poll(bg).toBe('rgb(3, 7, 18)') // the emulated system is dark
  await expect(page.locator('.lumen-login')).toHaveCSS('--lumen-scheme', 'dark')
  await page.getByTestId('theme').selectOption('dark')
  await page.getByTestId('language').selectOption('de')
  await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible()

  await page.emulateMedia({ colorScheme: 'light' })
  await page.reload()
  await expect(page.getByTestId('theme')).toHaveValue('dark')
  await expect(page.getByTestId('language')).toHaveValue('de')
  await expect(html).toHaveAttribute('lang', 'de')
  await expect.poll(bg).toBe('rgb(3, 7, 18)')
  await expect(page.getByLabel('E-Mail', { exact: true })).toBeVisible()

  await page.getByTestId('language').selectOption('ar')
  await page.reload()
  await expect(html).toHaveAttribute('dir', 'rtl')
  await expect(html).toHaveAttribute('lang', 'ar')
  await expect(page.locator('.lumen-login')).toHaveAttribute('dir', 'rtl')
  await page.getByTestId('language').selectOption('en')
  await submitLogin(page)
  await expect(page.getByRole('heading', { name: 'Welcome, Dana' })).toBeVisible()
  await switchOrg(page, 'Globex')
})
