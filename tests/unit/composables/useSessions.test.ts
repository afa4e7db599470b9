import { expect, it } from 'vitest'
import { useAuth } from '../../../src/composables/useAuth.js'
import { useSessions } from '../../../src/composables/useSessions.js'
import { useFakeApi } from '../vue/fakeApi.js'
import { testLumen, until, withSetup } from '../vue/helpers.js'

const api = useFakeApi()

it('lists sessions once signed in, revokes others, and revoking the current one signs out', async () => {
  api.issue('demo@lumen.test') // another device
  const lumen = testLumen(api.url)
  const s = withSetup(() => ({ sessions: useSessions(), auth: useAuth() }), [lumen])
  await lumen.ready
  expect(s.result.sessions.sessions.value).toEqual([])
  await s.result.auth.login('demo@lumen.test', 'lumen-demo-pass')
  await until(() => s.result.sessions.sessions.value.length === 2)
  await s.result.sessions.revokeOthers()
  expect(s.result.sessions.sessions.value.map((x) => x.current)).toEqual([true])
  await s.result.sessions.revoke(s.result.sessions.sessions.value[0]!.id)
  expect(s.result.auth.isAuthenticated.value).toBe(false)
  s.unmount()
})
