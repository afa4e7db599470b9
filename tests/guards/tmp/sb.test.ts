import { chromium } from 'playwright'
import { it } from 'vitest'
import { serveStatic } from '../../helpers/docsSite.js'
it('x', async () => {
  const site = await serveStatic('storybook-static')
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  for (const w of [900, 700, 400]) {
    const page = await b.newPage({ viewport: { width: w, height: 800 } })
    await page.goto(`${site.url}/iframe.html?id=components-lumenpricingtable--arabic&viewMode=story&globals=locale:ar`)
    await page.waitForTimeout(1500)
    await page.screenshot({ path: `/tmp/pricing-ar-${w}.png`, fullPage: true })
    await page.close()
  }
  await b.close(); await site.close()
}, 60000)
