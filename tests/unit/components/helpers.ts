/**
 * Mounting the ./vue-ui components as an app would: inside `createTestingLumen` (no network) or
 * `createLumen` against the local FakeApi. Queries by label, role and name, like a user looks.
 * Every mounted wrapper is unmounted after its test (`enableAutoUnmount`).
 */
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach } from 'vitest'
import { nextTick } from 'vue'
import type { Component, Plugin } from 'vue'
import { createTestingLumen } from '../../../src/testing/plugin.js'
import type { TestingLumenOptions } from '../../../src/testing/plugin.js'
import { createLumen } from '../../../src/vue/createLumen.js'

enableAutoUnmount(afterEach)

interface MountOptions {
  props?: Record<string, unknown>
  slots?: Record<string, string>
  plugins?: Plugin[]
}

/** Mount `component` inside `createTestingLumen(options)`; returns the wrapper and the fake client. */
export function mountTesting(component: Component, options: TestingLumenOptions = {}, extra: MountOptions = {}) {
  const lumen = createTestingLumen(options)
  const wrapper = mount(component, {
    props: extra.props,
    slots: extra.slots,
    attachTo: document.body,
    global: { plugins: [lumen, ...(extra.plugins ?? [])] },
  })
  return { wrapper, lumen, client: lumen.client }
}

/** `createLumen` against a test API: memory storage, no retries, no tab sync. */
export function apiLumen(baseUrl: string) {
  return createLumen({ baseUrl, product: 'lumen-hr', storage: 'memory', tabSync: false, clientOptions: { retry: false } })
}

/** Mount `component` in an app with Pinia and `lumen` (a `createLumen` plugin); waits for its restore. */
export async function mountApi(component: Component, lumen: ReturnType<typeof apiLumen>, extra: MountOptions = {}) {
  const wrapper = mount(component, {
    props: extra.props,
    slots: extra.slots,
    attachTo: document.body,
    global: { plugins: [createPinia(), lumen, ...(extra.plugins ?? [])] },
  })
  await lumen.ready
  return wrapper
}

/** Wait until `check` passes, at most `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3_000, label = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`)
    await new Promise((r) => setTimeout(r, 5))
    await flushPromises()
    await nextTick()
  }
}

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()

/** The form control labelled `name` (by `<label for>`), as a user finds it. */
export function byLabel(wrapper: VueWrapper, name: string | RegExp): DOMWrapper<HTMLInputElement & HTMLSelectElement> {
  const label = wrapper.findAll('label').find((l) => (typeof name === 'string' ? text(l.element) === name : name.test(text(l.element))))
  if (!label) throw new Error(`no label ${String(name)}; labels: ${wrapper.findAll('label').map((l) => text(l.element)).join(', ')}`)
  const control = wrapper.find<HTMLInputElement & HTMLSelectElement>(`[id="${label.attributes('for')}"]`)
  if (!control.exists()) throw new Error(`label ${String(name)} points at nothing`)
  return control
}

/** The accessible name of an element: `aria-label`, else its text. */
export const accessibleName = (el: Element) => el.getAttribute('aria-label') ?? text(el)

/** Every `<button>` (or `role=button`) whose accessible name matches. */
export function buttons(wrapper: VueWrapper, name: string | RegExp): DOMWrapper<HTMLButtonElement>[] {
  return wrapper
    .findAll<HTMLButtonElement>('button, [role="button"]')
    .filter((b) => (typeof name === 'string' ? accessibleName(b.element) === name : name.test(accessibleName(b.element))))
}

/** The one button named `name`. */
export function button(wrapper: VueWrapper, name: string | RegExp): DOMWrapper<HTMLButtonElement> {
  const found = buttons(wrapper, name)
  if (found.length !== 1) throw new Error(`expected one button ${String(name)}, found ${found.length}: ${wrapper.findAll('button').map((b) => accessibleName(b.element)).join(' | ')}`)
  return found[0]!
}

/** The text of every `role="alert"` region, joined (empty when nothing is announced). */
export const alerts = (wrapper: VueWrapper) => wrapper.findAll('[role="alert"]').map((a) => text(a.element)).filter(Boolean).join(' | ')

/** Choose `file` in a file input, as the browser's picker does. */
export async function chooseFile(input: DOMWrapper<HTMLInputElement>, file: File): Promise<void> {
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}
