// Screenshots of the built playground in light and dark, for the README and CONTRIBUTING.md (docs/images/).
// Every run writes them to test-results/; `UPDATE_SCREENSHOTS=1` also to docs/images/.
import { expect, test, type Page } from '@playwright/test'
import { emulator, login, switchOrg } from './helpers'

const update = !!process.env.UPDATE_SCREENSHOTS

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) })
  if (update) await page.screenshot({ path: `docs/images/${name}.png` })
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)

test('screenshots: the playground in light and dark', async ({ page, request }) => {
  await emulator(request).reset() // the seed as a new user sees it (no photo uploaded by an earlier test)
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto('/login')
  await page.getByTestId('theme').selectOption('light')
  await login(page)
  await switchOrg(page, 'Globex')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Advanced reports' }).click()
  await expect(page).toHaveURL(/\/reports$/)
  await expect(page.getByText('Upgrade required')).toBeVisible()
  // The page and the components both follow the switch: light, then dark.
  await expect.poll(() => background(page)).toBe('rgb(249, 250, 251)')
  await expect(page.getByRole('status').filter({ hasText: 'Your trial ends in 5 days.' })).toBeVisible()
  // One row of header on a 1280 px screen.
  expect((await page.locator('.bar').boundingBox())!.height).toBeLessThan(70)
  await shoot(page, 'playground-light')

  await switchOrg(page, 'Acme Corp')
  await expect(page.getByTestId('report-content')).toBeVisible()
  await page.getByTestId('theme').selectOption('dark')
  await expect.poll(() => background(page)).toBe('rgb(3, 7, 18)')
  await expect(page.locator('.lumen-gate')).toHaveCSS('--lumen-scheme', 'dark')
  await shoot(page, 'playground-dark')
})
