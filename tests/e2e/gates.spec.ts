import { expect, test } from '@playwright/test'
import { login, reportsGate, switchOrg } from './helpers'

test('Advanced reports: open in Acme Corp (pro), locked in Globex (starter trial) with the upgrade card', async ({ page }) => {
  await login(page)
  await expect(page.getByTestId('license')).toContainText('pro')
  await page.getByRole('link', { name: 'Advanced reports' }).first().click()
  await expect(page).toHaveURL(/\/reports$/)
  await expect(reportsGate(page)).toHaveAttribute('data-state', 'allowed')
  await expect(page.getByTestId('report-content')).toContainText('Headcount')

  await switchOrg(page, 'Globex')
  await expect(reportsGate(page)).toHaveAttribute('data-state', 'denied')
  await expect(page.getByTestId('report-content')).toHaveCount(0)
  await expect(page.getByText('Upgrade required')).toBeVisible()
  await expect(page.getByText('included in the Pro plan')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Upgrade now' })).toBeVisible()

  // A reload keeps Globex (and the lock).
  await page.reload()
  await expect(reportsGate(page)).toHaveAttribute('data-state', 'denied')
  await switchOrg(page, 'Acme Corp')
  await expect(reportsGate(page)).toHaveAttribute('data-state', 'allowed')
})

test('the dashboard: SSO asks for Enterprise on Acme; Globex is a 5-day trial', async ({ page }) => {
  await login(page)
  const sso = page.getByTestId('sso')
  await expect(sso.locator('.lumen-gate')).toHaveAttribute('data-state', 'denied')
  await expect(sso.getByText('included in the Enterprise plan')).toBeVisible()
  await expect(sso.getByText('Single sign-on with your identity provider is set up.')).toHaveCount(0)
  await switchOrg(page, 'Globex')
  await expect(page.getByTestId('license')).toContainText('Trial, 5 days left')
})

test('Employees: the route needs a Lumen HR license, which both organizations hold', async ({ page }) => {
  await login(page)
  await page.getByRole('link', { name: 'Employees' }).first().click()
  await expect(page).toHaveURL(/\/employees$/)
  await expect(page.getByTestId('employees').getByRole('row')).toHaveCount(6)
  await switchOrg(page, 'Globex')
  await expect(page.getByTestId('employees').getByRole('row')).toHaveCount(4)
  await expect(page.getByText('3 people in Globex')).toBeVisible()
})

test('the license banner: Globex shows its trial ending in 5 days; dismissed, it stays away for the session; Acme has none', async ({ page }) => {
  await login(page)
  const banner = page.getByRole('status').filter({ hasText: /trial/i })
  await expect(page.getByTestId('license')).toContainText('pro')
  await expect(banner).toHaveCount(0)

  await switchOrg(page, 'Globex')
  await expect(banner).toContainText('Your trial ends in 5 days.')
  await expect(banner.getByRole('link', { name: /Upgrade|Choose a plan/ })).toBeVisible()
  await banner.getByRole('button', { name: 'Dismiss' }).click()
  await expect(banner).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('license')).toContainText('Trial, 5 days left')
  await expect(banner).toHaveCount(0)
})
