/**
 * Keyboard-only use of a form in happy-dom, which runs no default actions for keys: the helpers
 * perform what the browser does. Tab moves focus to the next control in document order (the kit
 * has no positive tabindex), typing fills the focused field key by key, Enter in a field submits its
 * form (implicit submission) and Enter on a button presses it. Real keyboards run in the stories.
 */
import { flushPromises } from '@vue/test-utils'
import { nextTick } from 'vue'

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

const settle = async () => {
  await flushPromises()
  await nextTick()
}

/** The focused element. */
export const focused = (): Element => document.activeElement ?? document.body

/** Tab (or Shift+Tab) to the next focusable control of the page. */
export async function tab(shift = false): Promise<void> {
  const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)]
  const from = all.indexOf(focused() as HTMLElement)
  const next = shift ? all[from <= 0 ? all.length - 1 : from - 1] : all[(from + 1) % all.length]
  const down = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: shift, bubbles: true, cancelable: true })
  if (focused().dispatchEvent(down)) next?.focus()
  await settle()
}

/** Type `text` into the focused field, one key at a time. */
export async function type(text: string): Promise<void> {
  const el = focused() as HTMLInputElement
  for (const key of text) {
    if (!el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })) || el.readOnly) continue
    el.value += key
    el.dispatchEvent(new InputEvent('input', { data: key, inputType: 'insertText', bubbles: true }))
    el.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }))
  }
  await settle()
}

/** Press Enter on the focused element. */
export async function enter(): Promise<void> {
  const el = focused()
  if (el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))) {
    if (el instanceof HTMLInputElement && el.form) el.form.requestSubmit()
    else if (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement) el.click()
  }
  await settle()
}
