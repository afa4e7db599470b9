import { expect, test } from '@playwright/test'
import { login, orgButton } from './helpers'

test('the organization menu: Enter or Space on an organization switches and closes the menu, focus back on the button, the result announced', async ({ page }) => {
  await login(page)
  await orgButton(page).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menu')).toBeVisible()
  await page.keyboard.press('End')
  await expect(page.getByRole('menuitemradio', { name: 'Globex' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(orgButton(page)).toContainText('Globex')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(orgButton(page)).toBeFocused()
  await expect(page.locator('.lumen-org-switcher [aria-live="polite"]')).toHaveText('Switched to Globex.')

  // Space: opens the menu (it stays open: the key's click doesn't toggle it shut), then chooses.
  await page.keyboard.press('Space')
  await expect(page.getByRole('menu')).toBeVisible()
  await page.keyboard.press('Home')
  await expect(page.getByRole('menuitemradio', { name: 'Acme Corp' })).toBeFocused()
  await page.keyboard.press('Space')
  await expect(orgButton(page)).toContainText('Acme Corp')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(orgButton(page)).toBeFocused()
})

// A real click runs microtasks between the item's and the menu's click listeners: the menu decides
// from what the item was when the click began (it re-renders busy while the switch runs).
test('the organization menu: a mouse click on an organization closes the menu', async ({ page }) => {
  await login(page)
  await orgButton(page).click()
  await page.getByRole('menuitemradio', { name: 'Globex' }).click()
  await expect(orgButton(page)).toContainText('Globex')
  await expect(page.getByRole('menu')).toHaveCount(0, { timeout: 1_000 })
})
