import { describe, expect, it } from 'vitest'
import { createApp, defineComponent, h, ref } from 'vue'
import { createPinia } from 'pinia'
import { useFeature } from '../../../src/composables/useFeature.js'
import { useProductCatalog } from '../../../src/composables/useProductCatalog.js'
import { fakeApiSuite, testLumen, until, withSetup } from '../vue/helpers.js'

const { api, mount } = fakeApiSuite()

describe('useProductCatalog', () => {
  it('tiers cheapest first; many callers and the access rule share one request (the store cache, no second one)', async () => {
    const lumen = testLumen(api.url)
    const Card = defineComponent({
      setup() {
        const { tiers, status } = useProductCatalog()
        const gate = useFeature(null, { minTier: 'pro' })
        return () => h('i', `${status.value}:${tiers.value.map((t) => t.slug).join(',')}:${gate.requiredTier.value}|`)
      },
    })
    const app = createApp({ render: () => Array.from({ length: 20 }, (_, i) => h(Card, { key: i })) })
    const el = document.createElement('div')
    app.use(createPinia()).use(lumen).mount(el)
    mount({ unmount: () => app.unmount() })
    await until(() => el.textContent === 'ready:starter,pro,enterprise:pro|'.repeat(20), 3_000, 'the catalog')
    expect(api.count('/products/lumen-hr')).toBe(1)
  })

  it('a reactive product; an unknown one is an error, not an empty catalog', async () => {
    const product = ref('lumen-crm')
    const s = mount(withSetup(() => useProductCatalog(product), [testLumen(api.url)]))
    await until(() => s.result.status.value === 'ready', 3_000, 'Lumen CRM')
    expect(s.result.product.value?.name).toBe('Lumen CRM')
    expect(s.result.tier('pro')?.name).toBe('Pro')
    product.value = 'lumen-nope'
    await until(() => s.result.status.value === 'error', 3_000, 'the 404')
    expect(s.result.error.value?.status).toBe(404)
    expect(s.result.tiers.value).toEqual([])
  })
})
