/**
 * @internal What every form of the kit does the same way: field errors (client checks and the API's
 * 400/422 `details`), one announced alert, a 429 that says when to try again, focus to the first
 * invalid field (else the alert) after a failed submit, busy while the call runs.
 */
import { nextTick, reactive, ref } from 'vue'
import { errorCode, errorText } from './errorText.js'
import type { LumenUi, LumenUiMessageKey } from './lumenUi.js'
import type { errorTexts, fieldTexts } from './messages.js'

/** The announced failure of a submit. */
export interface LumenFormFailure {
  message: string
  code: string | null
}

/** The texts every form shows (its own go through `K`). */
type FormKey = keyof typeof fieldTexts | keyof typeof errorTexts

export interface LumenFormOptions<F extends string, K extends LumenUiMessageKey> {
  /** API error codes with their own text: on a field of the form, or in the alert. */
  codes?: Record<string, { field?: F; key: K }>
  /**
   * The form's own text under a field the API's `details` name. Without one (`undefined`): the
   * API's message in an English UI, else `formFieldInvalid`.
   */
  fieldText?: (field: F) => string | undefined
  /** The alert of a 400/422 that names none of the form's fields. @default the generic error */
  invalidKey?: K
}

interface ErrorShape {
  status?: unknown
  details?: unknown
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function useLumenForm<F extends string, K extends LumenUiMessageKey>(ui: LumenUi<K | FormKey>, fields: readonly F[], options: LumenFormOptions<F, NoInfer<K>> = {}) {
  const form = ref<HTMLFormElement | null>(null)
  const busy = ref(false)
  const errors = reactive<Partial<Record<F, string>>>({}) as Partial<Record<F, string>>
  const failure = ref<LumenFormFailure | null>(null)

  const clear = () => {
    for (const f of fields) delete errors[f]
    failure.value = null
  }

  /** Focus the first invalid field, else the alert: where a keyboard or screen reader user continues. */
  async function focusProblem(): Promise<void> {
    await nextTick()
    const root = form.value
    const target = root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('[data-lumen-alert]')
    target?.focus()
  }

  /** Turn a failed call into field errors or the alert; returns the API's code. */
  function fail(e: unknown): string | null {
    const code = errorCode(e)
    const { status, details } = (e ?? {}) as ErrorShape
    const mapped = code ? options.codes?.[code] : undefined
    if (mapped?.field) errors[mapped.field] = ui.t(mapped.key)
    else if (mapped) failure.value = { code, message: ui.t(mapped.key) }
    else if (status === 400 || status === 422) {
      // The API speaks English: its own words for a field ("Must be at most 100 characters.") when
      // the UI does too, else the catalog's. Rendered as text, like every server string.
      const english = /^en([-_]|$)/i.test(ui.locale.value)
      for (const d of Array.isArray(details) ? (details as Array<{ field?: unknown; message?: unknown }>) : []) {
        const field = d.field as F
        const said = english && typeof d.message === 'string' ? d.message.trim() : ''
        if (fields.includes(field) && !errors[field]) errors[field] = options.fieldText?.(field) ?? (said || ui.t('formFieldInvalid'))
      }
      if (!fields.some((f) => errors[f])) failure.value = { code, message: options.invalidKey ? ui.t(options.invalidKey) : errorText(e, ui) }
    } else failure.value = { code, message: errorText(e, ui) }
    return code
  }

  /**
   * Check the fields (`check` returns the errors it finds), then run `perform`. On any failure the
   * errors show and focus moves to them. Resolves `true` when `perform` succeeded.
   */
  async function submit(check: () => Partial<Record<F, string>>, perform: () => Promise<void>, failed?: (code: string | null) => void): Promise<boolean> {
    if (busy.value) return false
    clear()
    const found = check()
    if (fields.some((f) => found[f])) {
      Object.assign(errors, found)
      await focusProblem()
      return false
    }
    busy.value = true
    try {
      await perform()
      return true
    } catch (e) {
      failed?.(fail(e))
      busy.value = false
      await focusProblem()
      return false
    } finally {
      busy.value = false
    }
  }

  /** The usual client checks: required, email shape, password length. */
  const required = (value: string) => (value.trim() ? undefined : ui.t('formRequired'))
  const email = (value: string) => required(value) ?? (EMAIL.test(value.trim()) ? undefined : ui.t('formEmailInvalid'))
  const password = (value: string, min: number) => required(value) ?? (value.length >= min ? undefined : ui.t('formPasswordShort', { min }))

  return { form, busy, errors, failure, clear, fail, submit, focusProblem, check: { required, email, password } }
}

/** @internal A one-time token from the page's query string (`?token=`), if the app gave none. */
export function tokenFromUrl(name = 'token'): string | null {
  if (typeof window === 'undefined') return null
  return new URLSearchParams(window.location.search).get(name)
}

/** @internal Drop the token from the address bar (history, screenshots, Referer), keeping router state. */
export function removeTokenFromUrl(name = 'token'): void {
  if (typeof window === 'undefined') return
  const url = new URL(window.location.href)
  if (!url.searchParams.has(name)) return
  url.searchParams.delete(name)
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
}
