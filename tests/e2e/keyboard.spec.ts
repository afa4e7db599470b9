// Keyboard only on the account page of the built playground: sign another session out (Tab to its
// "Sign out", Enter, the question takes focus, confirm) and upload, then remove, a photo (Tab to
// "Upload a photo", Enter opens the file chooser). No click after sign-in.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { API, DEMO, login } from './helpers'

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement)

/** Presses Tab (at most 60 times) until `target` has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60 && !(await isFocused(target)); i++) await page.keyboard.press('Tab')
  expect(await isFocused(target), 'reached by Tab').toBe(true)
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')

test('keyboard only: sign another session out, then upload and remove a photo, on the account page', async ({ page, request }) => {
  // Another browser of the demo user: the session to sign out.
  const other = await request.post(`${API}/api/v1/auth/login`, { data: DEMO, headers: { 'user-agent': FIREFOX_WINDOWS } })
  expect(other.ok()).toBe(true)
  await login(page)
  await page.goto('/account')
  const list = page.locator('.lumen-sessions')
  const revoke = list.getByRole('button', { name: 'Sign out Firefox · Windows' })
  await expect(revoke.first()).toBeVisible()
  const before = await revoke.count()

  await tabTo(page, revoke.first())
  await page.keyboard.press('Enter')
  // The question replaced the button: focus is on its safe answer; Shift+Tab reaches "Yes".
  await expect(list.getByRole('group', { name: 'Sign out this session?' })).toBeVisible()
  expect(await focusedText(page)).toBe('Cancel')
  await page.keyboard.press('Shift+Tab')
  expect(await focusedText(page)).toBe('Yes, sign out')
  await page.keyboard.press('Enter')
  await expect(revoke).toHaveCount(before - 1)
  await expect(list.getByRole('status')).toHaveText('Firefox · Windows has been signed out.')
  // Focus stayed in the list, where the user was.
  expect(await list.evaluate((el) => el.contains(document.activeElement))).toBe(true)

  // The photo: the file button by Tab, Enter opens the system's file chooser.
  const uploader = page.locator('.lumen-avatar-uploader')
  const fileButton = uploader.getByRole('button', { name: 'Upload a photo' })
  await tabTo(page, fileButton)
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')])
  await chooser.setFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG })
  const photo = uploader.getByRole('img', { name: 'Profile photo of Dana Demo' })
  await expect.poll(() => photo.evaluate((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth)).toBe(1)
  await expect(uploader.getByRole('status')).toHaveText('Your new photo has been saved.')

  await tabTo(page, uploader.getByRole('button', { name: 'Remove photo' }))
  await page.keyboard.press('Enter')
  await expect(uploader.getByRole('status')).toHaveText('Your photo has been removed.')
  await expect(photo).toHaveText('DD')
  // The "Remove photo" button is gone: focus went back to the file button, not to the page.
  expect(await isFocused(fileButton)).toBe(true)
})
