import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { createLumen } from '@vss-software/lumen-account-sdk/vue'
import { createLumenUi } from '@vss-software/lumen-account-sdk/vue-ui'
import '@vss-software/lumen-account-sdk/vue-ui/style.css'
import './app.css'
import App from './App.vue'
import { locale } from './prefs'
import { router } from './router'

const app = createApp(App)
app.use(createPinia()) // before createLumen: the plugin keeps its state in a Pinia store
app.use(router)
app.use(
  createLumen({
    baseUrl: import.meta.env.VITE_LUMEN_URL ?? 'http://127.0.0.1:4010',
    product: 'lumen-hr',
    // The guard reads each route's meta (src/router.ts): signed-out users go to /login?returnTo=…,
    // users without the license to /forbidden?reason=….
    router,
    guard: { loginRoute: { name: 'login' }, forbiddenRoute: { name: 'forbidden' } },
    // The end-to-end suite shortens the client's 1 s / 2 s / 4 s backoff (its fault tests wait it out).
    ...(import.meta.env.VITE_LUMEN_RETRY_BASE_MS && { clientOptions: { retry: { baseDelayMs: Number(import.meta.env.VITE_LUMEN_RETRY_BASE_MS) } } }),
  }),
)
app.use(createLumenUi({ locale: () => locale.value }))
app.mount('#app')
