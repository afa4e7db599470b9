import { expect, test } from '@playwright/test'
import { DEMO, login, submitLogin } from './helpers'

test('signs in as the demo user and lands on the dashboard', async ({ page }) => {
  await login(page)
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByTestId('user')).toContainText(DEMO.email)
})

test('a wrong password shows the error and stays on /login', async ({ page }) => {
  await page.goto('/login')
  await submitLogin(page, 'not-the-password')
  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.')
  await expect(page).toHaveURL(/\/login/)
})

test('a deep link while signed out goes through login and back (returnTo)', async ({ page }) => {
  await page.goto('/settings')
  await expect(page).toHaveURL(/\/login\?returnTo=(%2F|\/)settings$/)
  await submitLogin(page)
  await expect(page).toHaveURL(/\/settings$/)
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
})

test('signing out in one tab signs out the other', async ({ page, context }) => {
  await login(page)
  const other = await context.newPage()
  await other.goto('/')
  await expect(other.getByRole('heading', { name: 'Welcome, Dana' })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
  await expect(other).toHaveURL(/\/login/)
  await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible()
})

test('the German toggle translates the login form', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible()
  await expect(page.getByLabel('E-Mail', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Passwort', { exact: true })).toBeVisible()
})
