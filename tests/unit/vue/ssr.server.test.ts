// SSR in Node (no window): per-request apps must never share state.
import { expect, it } from 'vitest'
import { createPinia } from 'pinia'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { LumenAccountClient } from '../../../src/client/client.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import { createLumen } from '../../../src/vue/createLumen.js'
import { useFakeApi } from './fakeApi.js'

const api = useFakeApi()

const Page = defineComponent({
  setup() {
    const { user } = useAuth()
    const reports = useFeature('advanced_reports')
    return () => h('main', `${user.value?.firstName ?? 'nobody'}|${user.value?.email ?? ''}|${reports.status.value}`)
  },
})

/** One SSR request: the server read this user's tokens from a cookie and builds its own client. */
async function render(email: string) {
  const tokens = api.issue(email)
  const app = createSSRApp(Page)
  const lumen = createLumen({ client: new LumenAccountClient({ baseUrl: api.url, retry: false, ...tokens }), product: 'lumen-hr' })
  app.use(createPinia()).use(lumen)
  await lumen.ready
  const html = await renderToString(app)
  return { html, state: lumen.dehydrate(), tokens }
}

it('100 parallel renderToString of apps with different users each see only their own user', async () => {
  const emails = Array.from({ length: 100 }, (_, i) => `user${i}@lumen.test`)
  const results = await Promise.all(emails.map((email) => render(email)))
  results.forEach(({ html }, i) => {
    expect(html).toBe(`<main>User${i}|user${i}@lumen.test|allowed</main>`)
  })
})

it('the dehydrated state carries no token', async () => {
  const { state, tokens } = await render('demo@lumen.test')
  const json = JSON.stringify(state)
  expect(state.status).toBe('authenticated')
  expect(json).not.toContain(tokens.accessToken)
  expect(json).not.toContain(tokens.refreshToken)
})

it('a signed-out request renders signed out, not restoring', async () => {
  const app = createSSRApp(Page)
  const lumen = createLumen({ baseUrl: api.url, product: 'lumen-hr' })
  app.use(createPinia()).use(lumen)
  await lumen.ready
  expect(await renderToString(app)).toBe('<main>nobody||denied</main>')
})
