import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test'

export const DEMO = { email: 'demo@lumen.test', password: 'lumen-demo-pass' }
/** The in-memory emulator playwright.config.ts starts (same env and default as there). */
export const API = `http://127.0.0.1:${Number(process.env.E2E_API_PORT ?? 4310)}`

/** Fills and submits the login form on the current page. */
export async function submitLogin(page: Page, password = DEMO.password, email = DEMO.email): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Signs the demo user in from /login and waits for the dashboard. */
export async function login(page: Page): Promise<void> {
  await page.goto('/login')
  await submitLogin(page)
  await expect(page.getByRole('heading', { name: 'Welcome, Dana' })).toBeVisible()
}

/** The organization menu button in the app shell. */
export const orgButton = (page: Page): Locator => page.getByRole('button', { name: /^Organization/ })
/** The user menu button in the app shell. */
export const userButton = (page: Page): Locator => page.getByRole('button', { name: /^Account menu for/ })

/** Switches the active organization through the shell's switcher and waits until it is checked. */
export async function switchOrg(page: Page, name: 'Acme Corp' | 'Globex'): Promise<void> {
  await orgButton(page).click()
  await page.getByRole('menuitemradio', { name }).click()
  await expect(orgButton(page)).toContainText(name)
  await expect(page.getByRole('menu')).toHaveCount(0)
}

/** The Advanced reports page's gate. */
export const reportsGate = (page: Page): Locator => page.getByTestId('reports').locator('.lumen-gate')

/** The emulator's controls (`/__emulator`, docs/api.md): faults, reset, state. */
export function emulator(request: APIRequestContext) {
  const ok = async (res: Awaited<ReturnType<APIRequestContext['get']>>) => {
    expect(res.ok(), `${res.url()} → ${res.status()}`).toBe(true)
    return res
  }
  return {
    state: async () => (await (await ok(await request.get(`${API}/__emulator`))).json()) as { reuseDetections: number; invitation: { link: string } | null },
    fault: async (spec: Record<string, unknown>) => ok(await request.post(`${API}/__emulator/faults`, { data: spec })),
    clearFaults: async () => ok(await request.delete(`${API}/__emulator/faults`)),
    reset: async () => ok(await request.post(`${API}/__emulator/reset`, { data: {} })),
  }
}
