// The account flows of the tour: create an account, reset a password through the emulator's
// outbox link, accept the seeded invitation, pricing, the paywalled export.
import { expect, test, type APIRequestContext } from '@playwright/test'
import { API, login, reportsGate, submitLogin, switchOrg, userButton } from './helpers'

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

async function outboxLink(request: APIRequestContext, to: string, kind: string): Promise<string> {
  let link: string | null = null
  await expect.poll(async () => {
    const { messages } = (await (await request.get(`${API}/__emulator/outbox?to=${encodeURIComponent(to)}`)).json()) as { messages: { kind: string; link: string | null }[] }
    link = messages.filter((m) => m.kind === kind).at(-1)?.link ?? null
    return link
  }).not.toBeNull()
  return link!
}

test('create an account with a new organization: signed in as its owner, no Lumen HR license yet', async ({ page }) => {
  const email = `new-${unique()}@lumen.test`
  await page.goto('/login')
  await page.getByRole('link', { name: 'Create an account' }).click()
  await expect(page).toHaveURL(/\/register$/)
  await page.getByLabel('First name').fill('Nora')
  await page.getByLabel('Last name').fill('New')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('a-new-password-1')
  await page.getByLabel(/^Organization name/).fill('Nora Labs')
  await page.getByRole('button', { name: 'Create account' }).click()

  await expect(page.getByRole('heading', { name: 'Welcome, Nora' })).toBeVisible()
  await expect(userButton(page)).toHaveAccessibleName('Account menu for Nora New')
  await expect(page.getByRole('button', { name: /^Organization/ })).toContainText('Nora Labs')
  await expect(page.getByText('No valid license for Lumen HR.')).toBeVisible()
  // Employees needs the license: the guard sends the new owner to the forbidden page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Employees' }).click()
  await expect(page.getByTestId('forbidden')).toHaveAttribute('data-reason', 'no_license')
  await expect(page.getByTestId('employees')).toHaveCount(0)

  // The same email again is refused.
  await userButton(page).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await page.getByRole('link', { name: 'Create an account' }).click()
  await page.getByLabel('First name').fill('Nora')
  await page.getByLabel('Last name').fill('Again')
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('a-new-password-1')
  await page.getByRole('button', { name: 'Create account' }).click()
  // Said at the field it is about.
  const emailField = page.getByLabel('Email', { exact: true })
  await expect(emailField).toHaveAttribute('aria-invalid', 'true')
  await expect(emailField).toHaveAccessibleDescription(/An account with this email already exists\./)
  await expect(page).toHaveURL(/\/register$/)
})

test('forgot password: request, follow the outbox link, set a new one, sign in with it (the old one fails)', async ({ page, request }) => {
  const email = `reset-${unique()}@lumen.test`
  const created = await request.post(`${API}/api/v1/auth/register`, { data: { email, password: 'the-old-password', firstName: 'Rita', lastName: 'Reset' } })
  expect(created.status()).toBe(201)

  await page.goto('/login')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page).toHaveURL(/\/forgot-password$/)
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'If an account exists for that email address' })).toBeVisible()

  const link = await outboxLink(request, email, 'password-reset')
  await page.goto(link)
  await expect(page).toHaveURL(/\/reset-password/)
  await page.getByLabel('New password', { exact: true }).fill('the-new-password')
  await page.getByLabel('Repeat the new password').fill('the-new-password')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('Your password has been changed. Sign in with the new password.')).toBeVisible()

  // The link is single use.
  await page.goto(link)
  await page.getByLabel('New password', { exact: true }).fill('another-password')
  await page.getByLabel('Repeat the new password').fill('another-password')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByRole('alert')).toHaveText('This reset link is invalid, expired or already used. Please request a new one.')

  await page.goto('/login')
  await submitLogin(page, 'the-old-password', email)
  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.')
  await submitLogin(page, 'the-new-password', email)
  await expect(page.getByRole('heading', { name: 'Welcome, Rita' })).toBeVisible()
})

test('accept the seeded invitation from the sign-in page: a new member of Acme Corp, signed in', async ({ page }) => {
  await page.goto('/login')
  const invite = page.getByTestId('invitation-link')
  await expect(page.getByText('Invitation for carol@lumen.test:')).toBeVisible()
  await invite.click()
  await expect(page).toHaveURL(/\/accept-invitation/)
  await expect(page.getByRole('heading', { name: 'Join your team' })).toBeVisible()
  await page.getByLabel('First name').fill('Carol')
  await page.getByLabel('Last name').fill('Carver')
  await page.getByLabel('Password', { exact: true }).fill('carols-password')
  await page.getByRole('button', { name: 'Accept invitation' }).click()

  await expect(page.getByRole('heading', { name: 'Welcome, Carol' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Organization/ })).toContainText('Acme Corp')
  await expect(page.getByTestId('license')).toContainText('pro')
  // Used now: the sign-in page no longer offers it.
  await userButton(page).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByTestId('invitation-link')).toHaveCount(0)
})

test('Pricing: the tiers with the current one marked; "Upgrade now" on a locked page leads there', async ({ page }) => {
  await login(page)
  await switchOrg(page, 'Globex')
  await page.goto('/reports')
  await expect(reportsGate(page)).toHaveAttribute('data-state', 'denied')
  await page.getByRole('link', { name: 'Upgrade now' }).click()
  await expect(page).toHaveURL(/\/pricing(\?|$)/)
  for (const tier of ['Starter', 'Pro', 'Enterprise']) await expect(page.getByRole('listitem', { name: tier, exact: true })).toBeVisible()
  await expect(page.locator('.lumen-plan[aria-current=true]')).toHaveAttribute('data-tier', 'starter')
  await page.getByRole('button', { name: 'Choose Pro' }).click()
  await expect(page.getByTestId('checkout')).toHaveText('Your app would start the checkout for pro here.')
})

test('the paywalled export: a CSV download on Acme (pro); disabled with a hint on Globex (starter)', async ({ page }) => {
  await login(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Employees' }).click()
  const exportButton = page.getByTestId('export').getByRole('button', { name: 'Export to CSV' })
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()])
  expect(download.suggestedFilename()).toBe('employees-acme.csv')
  const csv = await (await download.createReadStream()).toArray()
  expect(Buffer.concat(csv).toString()).toMatch(/^Name,Role,Team\nDana Demo,Owner,Management\n/)

  await switchOrg(page, 'Globex')
  const gate = page.getByTestId('export').locator('.lumen-gate')
  await expect(gate).toHaveAttribute('data-state', 'denied')
  await expect(page.getByTestId('export').getByText('Available in the Pro plan and above.')).toBeVisible()
  // Inert: no focus, no click, no download.
  await expect(page.getByTestId('export').locator('[inert]')).toContainText('Export to CSV')
  let downloaded = false
  page.on('download', () => (downloaded = true))
  await page.getByTestId('export').getByText('Export to CSV').click({ force: true })
  await page.waitForTimeout(300)
  expect(downloaded).toBe(false)
})
