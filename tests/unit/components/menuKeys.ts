/** Driving an APG menu button by keyboard, as a keyboard-only user does, and reading it back. */
import { flushPromises } from '@vue/test-utils'
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { nextTick } from 'vue'

/** Press `key` on `el` (keydown, bubbling), then let Vue render. */
export async function press(el: Element | DOMWrapper<Element>, key: string): Promise<void> {
  const target = 'element' in el ? el.element : el
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  await flushPromises()
  await nextTick()
}

/** Press `key` on whatever has focus now. */
export const pressFocused = (key: string) => press(focused(), key)

/** The focused element. */
export const focused = (): Element => document.activeElement ?? document.body

/** The accessible name: `aria-labelledby` targets, else `aria-label`, else the text. */
export function nameOf(el: Element): string {
  const ids = el.getAttribute('aria-labelledby')
  const text = (e: Element | null) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim()
  const labelled = (e: Element | null) => e?.getAttribute('aria-label') ?? text(e)
  if (ids) return ids.split(/\s+/).map((id) => labelled(document.getElementById(id))).join(' ').trim()
  return el.getAttribute('aria-label') ?? text(el)
}

/** The open menu (`role="menu"`), or `null`. */
export const menuOf = (wrapper: VueWrapper) => wrapper.find('[role="menu"]').exists() ? wrapper.find('[role="menu"]') : null

/** The menu's items as `name` (+ ` [checked]`), in order. */
export function itemsOf(wrapper: VueWrapper): string[] {
  return wrapper.findAll('[role^="menuitem"]').map((i) => nameOf(i.element) + (i.attributes('aria-checked') === 'true' ? ' [checked]' : ''))
}

/** The name of the focused element. */
export const focusedName = () => nameOf(focused())
