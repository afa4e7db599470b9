/**
 * @internal The menu button of the WAI-ARIA Authoring Practices, shared by LumenOrgSwitcher and
 * LumenUserButton: the button opens the menu with Enter, Space, ArrowDown (first item) or ArrowUp
 * (last item); in the menu, arrows move with wrap-around, Home/End jump, typed letters jump to the
 * next item that starts with them, Enter/Space activate, Escape closes, and focus returns to the
 * button. Tab or a click elsewhere closes it without stealing focus.
 */
import { nextTick, onBeforeUnmount, ref, useId, watch } from 'vue'

const ITEM = '[role="menuitem"],[role="menuitemradio"],[role="menuitemcheckbox"]'
/** What a slot spreads on its own menu item: the role, roving focus and the kit's look. */
export const MENU_ITEM = { role: 'menuitem', tabindex: -1, class: 'lumen-menu__item' } as const
export type LumenMenuItemProps = typeof MENU_ITEM
// Letters typed within this window form one type-ahead search ("gl" finds Globex).
const TYPEAHEAD_MS = 500

/** How far `el` runs past the window's sides, in pixels (0: it fits). */
function overflow(el: HTMLElement): number {
  const box = el.getBoundingClientRect()
  return Math.max(0, -box.left) + Math.max(0, box.right - document.documentElement.clientWidth)
}

export function useMenu() {
  const id = useId()
  const ids = { button: `${id}-button`, menu: `${id}-menu` }
  const open = ref(false)
  const button = ref<HTMLElement | null>(null)
  const menu = ref<HTMLElement | null>(null)
  let typed = ''
  let typedAt = 0

  const items = () => Array.from(menu.value?.querySelectorAll<HTMLElement>(ITEM) ?? [])
  const focusAt = (index: number) => {
    const list = items()
    if (list.length) list[((index % list.length) + list.length) % list.length]!.focus()
  }
  const current = () => items().indexOf(document.activeElement as HTMLElement)

  async function show(at: 'first' | 'last'): Promise<void> {
    open.value = true
    await nextTick()
    // A menu that would run off the side of the window (a user button at the start of a header, an
    // org switcher at the end) opens toward the other side instead.
    const el = menu.value
    const before = el ? overflow(el) : 0
    if (el && before) {
      el.dataset.flip = ''
      if (overflow(el) >= before) delete el.dataset.flip // no better there (a narrow window): as it was
    }
    focusAt(at === 'first' ? 0 : -1)
  }

  function close(returnFocus = true): void {
    if (!open.value) return
    open.value = false
    if (returnFocus) button.value?.focus()
  }

  function typeahead(char: string): void {
    const now = Date.now()
    typed = now - typedAt > TYPEAHEAD_MS ? char : typed + char
    typedAt = now
    // The same letter again cycles through the items that start with it.
    const query = [...typed].every((c) => c === typed[0]) ? typed[0]! : typed
    const list = items()
    const from = current() + (query.length === 1 ? 1 : 0)
    const ordered = [...list.slice(from), ...list.slice(0, from)]
    const label = (el: HTMLElement) => (el.dataset.lumenLabel ?? el.textContent ?? '').trim().toLocaleLowerCase()
    ordered.find((el) => label(el).startsWith(query))?.focus()
  }

  function onButtonClick(): void {
    if (open.value) close()
    else void show('first')
  }

  function onButtonKeydown(event: KeyboardEvent): void {
    const at = { Enter: 'first', ' ': 'first', ArrowDown: 'first', ArrowUp: 'last' }[event.key] as 'first' | 'last' | undefined
    if (at) {
      // Handled here, so the button's own click (from Enter/Space) does not toggle it back.
      event.preventDefault()
      void show(at)
    } else if (event.key === 'Escape') close()
  }

  function onMenuKeydown(event: KeyboardEvent): void {
    const { key } = event
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusAt(current() + 1),
      ArrowUp: () => focusAt(current() < 0 ? -1 : current() - 1),
      Home: () => focusAt(0),
      End: () => focusAt(-1),
      PageUp: () => focusAt(0),
      PageDown: () => focusAt(-1),
      Escape: () => close(),
      Enter: () => activate(),
      ' ': () => activate(),
    }
    if (moves[key]) {
      event.preventDefault()
      moves[key]()
    } else if (key === 'Tab') close(false)
    else if (key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault()
      typeahead(key.toLocaleLowerCase())
    }
  }

  function activate(): void {
    const item = items()[current()]
    // The item's own click handler acts; the menu's click handler closes the menu.
    if (item) item.click()
  }

  const itemOf = (event: Event) => (event.target as Element | null)?.closest?.(ITEM) ?? null
  // Read before the item's own handler runs: a real click runs microtasks between listeners, so by
  // the menu's (bubbling) handler Vue may have re-rendered the item busy (`aria-disabled`).
  let pressed: Element | null = null
  const onCapture = (event: Event) => {
    const item = itemOf(event)
    pressed = item && item.getAttribute('aria-disabled') !== 'true' ? item : null
  }
  watch(menu, (el, old) => {
    old?.removeEventListener('click', onCapture, true)
    el?.addEventListener('click', onCapture, true)
  })

  function onMenuClick(event: MouseEvent): void {
    const item = itemOf(event)
    if (item && item === pressed && menu.value?.contains(item)) close()
    pressed = null
  }

  function onMenuFocusout(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null
    if (next && !menu.value?.contains(next) && !button.value?.contains(next)) close(false)
  }

  // A press outside the button and the menu closes it (focus stays where the user put it).
  const outside = (event: Event) => {
    const target = event.target as Node
    if (!menu.value?.contains(target) && !button.value?.contains(target)) close(false)
  }
  watch(open, (isOpen) => {
    if (isOpen) document.addEventListener('pointerdown', outside, true)
    else document.removeEventListener('pointerdown', outside, true)
  })
  onBeforeUnmount(() => document.removeEventListener('pointerdown', outside, true))

  const buttonAttrs = () => ({
    id: ids.button,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open.value,
    'aria-controls': open.value ? ids.menu : undefined,
  })
  const menuAttrs = () => ({ id: ids.menu, role: 'menu', tabindex: -1 })

  return { ids, open, button, menu, show, close, buttonAttrs, menuAttrs, onButtonClick, onButtonKeydown, onMenuKeydown, onMenuClick, onMenuFocusout }
}

export type LumenMenu = ReturnType<typeof useMenu>
