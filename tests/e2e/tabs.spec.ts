import { expect, test } from '@playwright/test'
import { login, orgButton, switchOrg, userButton } from './helpers'

test('two tabs: signing out in one signs the other out within a second', async ({ page, context }) => {
  await login(page)
  const other = await context.newPage()
  await other.goto('/employees')
  await expect(other.getByRole('heading', { name: 'Employees', level: 1 })).toBeVisible()

  await userButton(page).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
  await expect(other).toHaveURL(/\/login/, { timeout: 1_000 })
  await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible()
})

test('two tabs: switching the organization in one switches the other', async ({ page, context }) => {
  await login(page)
  const other = await context.newPage()
  await other.goto('/reports')
  await expect(other.getByTestId('report-content')).toBeVisible()
  await expect(orgButton(other)).toContainText('Acme Corp')

  await switchOrg(page, 'Globex')
  await expect(orgButton(other)).toContainText('Globex')
  // The other tab's gate follows the new organization's license: locked on Globex's starter trial.
  await expect(other.getByTestId('reports').locator('.lumen-gate')).toHaveAttribute('data-state', 'denied')
  await expect(other.getByTestId('report-content')).toHaveCount(0)

  await switchOrg(other, 'Acme Corp')
  await expect(orgButton(page)).toContainText('Acme Corp')
})
