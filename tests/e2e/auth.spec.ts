import { expect, test } from '@playwright/test'
import { DEMO, login, reportsGate, submitLogin, userButton } from './helpers'

test('signs in as the demo user and lands on the dashboard in the app shell', async ({ page }) => {
  await login(page)
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByTestId('user')).toContainText(DEMO.email)
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Dashboard', 'Employees', 'Advanced reports', 'Pricing', 'Account'])
  await expect(userButton(page)).toHaveAccessibleName('Account menu for Dana Demo')
})

test('a wrong password shows the error and stays on /login', async ({ page }) => {
  await page.goto('/login')
  await submitLogin(page, 'not-the-password')
  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.')
  await expect(page).toHaveURL(/\/login/)
  await expect(userButton(page)).toHaveCount(0)
})

test('a signed-out deep link to Advanced reports goes through sign-in and back (returnTo)', async ({ page }) => {
  await page.goto('/reports')
  await expect(page).toHaveURL(/\/login\?returnTo=(%2F|\/)reports$/)
  await submitLogin(page)
  await expect(page).toHaveURL(/\/reports$/)
  await expect(page.getByRole('heading', { name: 'Advanced reports', level: 1 })).toBeVisible()
  await expect(reportsGate(page)).toHaveAttribute('data-state', 'allowed')
})

test('the login card is centered on a wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto('/login')
  const card = page.getByRole('region', { name: 'Sign in to Lumen HR' })
  const box = (await card.boundingBox())!
  expect(box.width).toBeLessThan(500)
  // Its middle within a few pixels of the viewport's middle.
  expect(Math.abs(box.x + box.width / 2 - 800)).toBeLessThan(4)
})

test('a session revoked from another device is signed out on its next action', async ({ page, browser }) => {
  const laptop = await browser.newContext()
  try {
    const other = await laptop.newPage()
    await login(other)

    await login(page)
    await page.getByRole('link', { name: 'Account', exact: true }).click()
    await expect(page.getByText('This device')).toBeVisible()
    await page.getByRole('button', { name: 'Sign out all other sessions' }).click()
    await page.getByRole('button', { name: 'Yes, sign out' }).click()
    await expect(page.locator('.lumen-sessions__item')).toHaveCount(1)
    await expect(page.getByRole('button', { name: /^Sign out .+/ }).filter({ hasNotText: 'all other' })).toHaveCount(0)

    // The other device's next action (opening a page that calls the API) finds its session gone. A
    // background request (a license refetch) may find it first: then the device is already at login.
    const account = other.getByRole('link', { name: 'Account', exact: true })
    if (await account.isVisible()) await account.click().catch(() => undefined) // gone meanwhile: signed out already
    await expect(other).toHaveURL(/\/login/)
    await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible()
    // And stays signed out after a reload: the refresh token was revoked, not just forgotten.
    await other.reload()
    await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible()
    // This device is unaffected.
    await page.reload()
    await expect(page.getByText('This device')).toBeVisible()
  } finally {
    await laptop.close()
  }
})
