import { expect, type Page } from '@playwright/test'

export const DEMO = { email: 'demo@lumen.test', password: 'lumen-demo-pass' }

/** Fills and submits the login form on the current page. */
export async function submitLogin(page: Page, password = DEMO.password): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(DEMO.email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Signs the demo user in from /login and waits for the dashboard. */
export async function login(page: Page): Promise<void> {
  await page.goto('/login')
  await submitLogin(page)
  await expect(page.getByRole('heading', { name: 'Welcome, Dana' })).toBeVisible()
}
