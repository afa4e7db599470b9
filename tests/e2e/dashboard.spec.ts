import { expect, test } from '@playwright/test'
import { login } from './helpers'

test('paywall: Acme (pro) sees advanced reports; SSO asks for Enterprise; Globex is a trial', async ({ page }) => {
  await login(page)
  const reports = page.getByTestId('reports')
  const sso = page.getByTestId('sso')

  await expect(page.getByTestId('license')).toContainText('pro')
  await expect(reports.locator('.lumen-gate')).toHaveAttribute('data-state', 'allowed')
  await expect(reports.getByText('Headcount, turnover')).toBeVisible()
  await expect(sso.locator('.lumen-gate')).toHaveAttribute('data-state', 'denied')
  await expect(sso.getByText('Upgrade required')).toBeVisible()
  await expect(sso.getByText('included in the Enterprise plan')).toBeVisible()
  await expect(sso.getByRole('link', { name: 'Upgrade now' })).toBeVisible()

  await page.getByRole('button', { name: /^Organization/ }).click()
  await page.getByRole('menuitemradio', { name: 'Globex' }).click()
  await expect(page.getByTestId('license')).toContainText('Trial, 5 days left')
  await expect(reports.locator('.lumen-gate')).toHaveAttribute('data-state', 'denied')
  await expect(reports.getByText('Headcount, turnover')).toHaveCount(0)
  await expect(reports.getByText('included in the Pro plan')).toBeVisible()
})

test('settings: the session list shows this device; a PNG upload shows the photo', async ({ page }) => {
  await login(page)
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByText('This device')).toBeVisible()

  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
  await page.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png })
  const photo = page.getByRole('img', { name: 'Profile photo of Dana Demo' })
  await expect(photo).toHaveAttribute('src', /^http/)
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1)
})
