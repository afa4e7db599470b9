/** @internal What the sign-up, password-reset and invitation forms share. */
import { computed, onMounted, shallowRef, toValue } from 'vue'
import type { MaybeRefOrGetter } from 'vue'
import { removeTokenFromUrl, tokenFromUrl } from './form.js'

/** The API's password rule (8 to 200 characters): shown under the field and checked before sending. */
export const PASSWORD_MIN = 8

/**
 * The one-time token of an email link: the `token` prop, else the page's `?token=`. The URL's copy
 * is removed after mount (history, screenshots and the Referer of the next page never see it);
 * `ready` turns true then, so "no token" is only said once the page has been read (SSR-safe).
 */
export function useLinkToken(prop: MaybeRefOrGetter<string | undefined>, enabled: () => boolean = () => true) {
  const fromUrl = shallowRef<string | null>(null)
  const ready = shallowRef(false)
  onMounted(() => {
    if (enabled()) {
      fromUrl.value = tokenFromUrl()
      removeTokenFromUrl()
    }
    ready.value = true
  })
  const token = computed(() => toValue(prop)?.trim() || fromUrl.value || null)
  return { token, ready }
}
