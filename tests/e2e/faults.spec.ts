// Lumen's license service failing (the emulator's fault injection, docs/api.md `/__emulator/faults`):
// the gate says so and offers a retry; it never shows the locked card, never the content.
import { expect, test, type Page } from '@playwright/test'
import { emulator, login, reportsGate, submitLogin } from './helpers'

test.afterEach(async ({ request }) => {
  await emulator(request).clearFaults()
})

async function expectErrorThenRecovery(page: Page, clear: () => Promise<unknown>, retryWhileFailing: boolean) {
  const gate = reportsGate(page)
  // The client retries 5xx and network errors (backoff: 0.2, 0.4, 0.8 s in this suite, 1, 2, 4 s
  // by default) before the gate gives up.
  await expect(gate).toHaveAttribute('data-state', 'error', { timeout: 20_000 })
  await expect(gate.getByRole('alert')).toHaveText('Your plan could not be checked. Please try again.')
  await expect(gate.getByText('Upgrade required')).toHaveCount(0)
  await expect(gate.getByRole('link', { name: 'Upgrade now' })).toHaveCount(0)
  await expect(page.getByTestId('report-content')).toHaveCount(0)
  // Nothing else on the page turns the outage into "no license" either (the shell's license banner).
  await expect(page.getByText(/has no Lumen HR license|license has expired/)).toHaveCount(0)

  if (retryWhileFailing) {
    // Still failing: a retry lands in the error state again, never in "locked".
    await gate.getByRole('button', { name: 'Try again' }).click()
    await expect(gate).toHaveAttribute('data-state', /^(loading|error)$/)
    await expect(page.getByTestId('report-content')).toHaveCount(0)
    await expect(gate).toHaveAttribute('data-state', 'error', { timeout: 20_000 })
    await expect(gate.getByText('Upgrade required')).toHaveCount(0)
  }

  await clear()
  await gate.getByRole('button', { name: 'Try again' }).click()
  await expect(gate).toHaveAttribute('data-state', 'allowed')
  await expect(page.getByTestId('report-content')).toContainText('Headcount')
}

for (const [name, spec] of [
  ['answering 503', { route: '/licenses/*', status: 503, headers: { 'Retry-After': '1' } } as { route: string; status?: number }],
  ['dropping connections', { route: '/licenses/*', dropConnection: true } as { route: string; status?: number }],
] as const) {
  test(`/licenses ${name}: Advanced reports shows the error with a retry, then opens after the fault clears`, async ({ page, request }) => {
    test.setTimeout(75_000)
    const emu = emulator(request)
    await emu.fault(spec)
    await page.goto('/reports')
    await submitLogin(page) // back on returnTo
    await expect(page).toHaveURL(/\/reports$/)
    // The retry-while-failing step once (it costs the client's whole backoff again).
    await expectErrorThenRecovery(page, () => emu.clearFaults(), spec.status === 503)
  })
}

test('/licenses answering 503: a route that needs the license goes to the error page, whose retry opens it once the fault clears', async ({ page, request }) => {
  test.setTimeout(60_000)
  const emu = emulator(request)
  await login(page)
  await emu.fault({ route: '/licenses/*', status: 503 })
  // Reload: the license is checked afresh (nothing of it is persisted) and fails.
  await page.goto('/employees')
  await expect(page.getByTestId('forbidden')).toHaveAttribute('data-reason', 'error', { timeout: 25_000 })
  await expect(page.getByRole('alert')).toHaveText('The license could not be checked, so this page stays closed for now.')
  await expect(page.getByTestId('employees')).toHaveCount(0)
  await emu.clearFaults()
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page).toHaveURL(/\/employees$/)
  await expect(page.getByTestId('employees').getByRole('row')).toHaveCount(6)
})
