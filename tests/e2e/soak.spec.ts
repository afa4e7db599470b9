// Soak: access tokens live 5 s (playwright.config.ts starts the emulator with --access-ttl 5s);
// two tabs of one browser work for 60 s, refreshing side by side (Web Lock, tab sync, the
// emulator's grace window). Nobody is signed out, and the emulator never sees a rotated refresh
// token come back (reuse detection would revoke the session).
import { expect, test, type Page } from '@playwright/test'
import { emulator, login, switchOrg, userButton } from './helpers'

const SOAK_MS = 60_000
const STEPS: [link: string, ready: (page: Page) => Promise<void>][] = [
  ['Employees', (p) => expect(p.getByTestId('employees').getByRole('row')).not.toHaveCount(0)],
  ['Account', (p) => expect(p.getByText('This device')).toBeVisible()],
  ['Advanced reports', (p) => expect(p.getByTestId('reports').locator('.lumen-gate')).toHaveAttribute('data-state', /^(allowed|denied)$/)],
  ['Dashboard', (p) => expect(p.getByTestId('license')).toBeVisible()],
]

test('soak: 5 s access tokens, two busy tabs for 60 s: zero sign-outs, zero refresh-token reuse detections', async ({ page, context, request }) => {
  test.setTimeout(SOAK_MS + 45_000)
  const emu = emulator(request)
  await emu.reset() // reuseDetections counts from here
  expect((await emu.state()).reuseDetections).toBe(0)

  await login(page)
  const other = await context.newPage()
  await other.goto('/')
  await expect(other.getByRole('heading', { name: 'Welcome, Dana' })).toBeVisible()

  const tabs = [page, other]
  let signOuts = 0
  let refreshes = 0
  for (const tab of tabs) {
    tab.on('framenavigated', (frame) => {
      if (frame === tab.mainFrame() && new URL(frame.url()).pathname === '/login') signOuts++
    })
    tab.on('response', (res) => {
      if (res.url().endsWith('/auth/refresh') && res.status() === 200) refreshes++
    })
  }

  const end = Date.now() + SOAK_MS
  let steps = 0
  while (Date.now() < end) {
    const tab = tabs[steps % 2]!
    const [link, ready] = STEPS[Math.floor(steps / 2) % STEPS.length]!
    await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click()
    await ready(tab)
    // Now and then an org switch, which the other tab follows.
    if (steps % 13 === 12) await switchOrg(tab, steps % 2 ? 'Acme Corp' : 'Globex')
    steps++
    await tab.waitForTimeout(150)
  }

  test.info().annotations.push({ type: 'soak', description: `${steps} steps, ${refreshes} refreshes, ${signOuts} sign-outs` })
  console.log(`[soak] ${steps} steps, ${refreshes} refreshes, ${signOuts} sign-outs`)
  expect(signOuts).toBe(0)
  for (const tab of tabs) {
    await expect(tab).not.toHaveURL(/\/login/)
    await expect(userButton(tab)).toBeVisible()
  }
  // The tokens did expire and get refreshed many times over (about one every 3.75 s), in both tabs.
  expect(refreshes).toBeGreaterThanOrEqual(12)
  expect(steps).toBeGreaterThan(40)
  expect((await emu.state()).reuseDetections).toBe(0)
})
