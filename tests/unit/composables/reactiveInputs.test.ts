// Inputs as refs, getters or values; the 60 s default TTL; error and refresh fields of useLicense / useSessions.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import { useSessions } from '../../../src/composables/useSessions.js'
import { fakeApiSuite, testLumen, until, withSetup } from '../vue/helpers.js'

const { api, mount } = fakeApiSuite()
// Runs before the suite's own afterEach (hooks unwind in reverse), as it did inline.
afterEach(() => {
  vi.useRealTimers()
})

async function signedIn<T>(fn: () => T, options: Parameters<typeof testLumen>[1] = {}) {
  const lumen = testLumen(api.url, options)
  const s = mount(withSetup(fn, [lumen]))
  await lumen.ready
  await lumen.runWithContext(() => useAuth()).login('demo@lumen.test', 'lumen-demo-pass')
  return { result: s.result, lumen }
}

describe('reactive inputs', () => {
  it('useLicense follows a product ref and a product getter', async () => {
    const product = ref('lumen-hr')
    const { result } = await signedIn(() => ({ byRef: useLicense(product), byGetter: useLicense(() => product.value) }))
    await until(() => result.byRef.status.value === 'valid' && result.byGetter.tier.value === 'pro')
    product.value = 'lumen-crm' // no license for it in org_acme
    await until(() => result.byRef.status.value === 'invalid' && result.byGetter.status.value === 'invalid', 1000, 'lumen-crm invalid')
    expect(result.byRef.license.value?.productSlug).toBe('lumen-crm')
    expect(api.count('/licenses/lumen-crm')).toBe(1)
  })

  it('useFeature follows a feature ref, a product getter and an amount ref', async () => {
    const feature = ref('advanced_reports')
    const product = ref('lumen-hr')
    const amount = ref(1)
    const { result } = await signedIn(() => useFeature(feature, { product: () => product.value, amount }))
    await until(() => result.status.value === 'allowed')
    feature.value = 'sso'
    expect(result.status.value).toBe('denied')
    expect(result.reason.value).toBe('not_in_tier')
    feature.value = 'seats'
    expect(result.canUse.value).toBe(true)
    amount.value = 40 // 12 of 50 used
    expect(result.canUse.value).toBe(false)
    expect(result.reason.value).toBe('limit_reached')
    product.value = 'lumen-crm'
    await until(() => result.reason.value === 'no_license', 1000, 'no_license for lumen-crm')
    expect(result.status.value).toBe('denied')
  })
})

describe('cache lifetime', () => {
  it('a license answer is fresh for 60 s by default; focus refetches only after that', async () => {
    const { result } = await signedIn(() => useLicense())
    await until(() => result.status.value === 'valid')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 59_000)
    window.dispatchEvent(new Event('focus'))
    await new Promise((r) => setTimeout(r, 30))
    expect(api.count('/licenses/lumen-hr')).toBe(1)
    vi.setSystemTime(Date.now() + 2_000)
    window.dispatchEvent(new Event('focus'))
    await until(() => api.count('/licenses/lumen-hr') === 2, 1000, 'refetch after 60 s')
  })
})

describe('error and refresh fields', () => {
  it('useLicense: error with no answer, then refresh() recovers', async () => {
    api.hook = (c) => (c.path.startsWith('/licenses/') ? { status: 503, code: 'INTERNAL_ERROR' } : undefined)
    const { result } = await signedIn(() => useLicense())
    await until(() => result.status.value === 'error')
    expect(result.error.value).toMatchObject({ name: 'ServerError', status: 503 })
    expect(result.license.value).toBeNull()
    api.hook = null
    await result.refresh()
    expect(result.status.value).toBe('valid')
    expect(result.error.value).toBeNull()
  })

  it('useSessions: isLoading while listing, error when it fails, refresh() reloads', async () => {
    const { result } = await signedIn(() => useSessions({ immediate: false }))
    api.hook = (c) => (c.path === '/auth/sessions' ? 30 : undefined)
    const loading = result.refresh()
    expect(result.isLoading.value).toBe(true)
    await loading
    expect(result.isLoading.value).toBe(false)
    expect(result.sessions.value.some((s) => s.current)).toBe(true)
    api.hook = (c) => (c.path === '/auth/sessions' ? { status: 500, code: 'INTERNAL_ERROR' } : undefined)
    await expect(result.refresh()).rejects.toMatchObject({ name: 'ServerError' })
    expect(result.error.value).toMatchObject({ status: 500 })
    api.hook = null
    await result.refresh()
    expect(result.error.value).toBeNull()
  })
})
