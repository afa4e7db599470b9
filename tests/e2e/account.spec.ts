import { expect, test } from '@playwright/test'
import { login, userButton } from './helpers'

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

test('Account: the session list shows this device; an uploaded photo shows in the uploader and the user button', async ({ page }) => {
  await login(page)
  await userButton(page).click()
  await page.getByRole('menuitem', { name: 'Account' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByText('This device')).toBeVisible()

  await page.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG })
  const photo = page.getByRole('img', { name: 'Profile photo of Dana Demo' })
  await expect(photo).toHaveAttribute('src', /^http/)
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1)

  // The user button shows the same photo, loaded, not the initials.
  const avatar = userButton(page).locator('img')
  await expect(avatar).toHaveAttribute('src', (await photo.getAttribute('src'))!)
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1)
  // Still there after a reload (it is the user's photo on the server, not local state).
  await page.reload()
  await expect.poll(() => userButton(page).locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1)
})
