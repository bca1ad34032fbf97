/**
 * The "More" button and its menu: the controls that did not fit the bar, then the call's less
 * used settings. A menu in the ARIA sense: arrow keys, Home and End move between items, Escape
 * or Tab closes it, and Escape gives the focus back to "More".
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { MoreIcon } from '../common/icons'
import { ControlButton } from '../media/control-button'
import type { ControlAction } from '../media/media-toggles'

export type MenuEntry =
  | { kind: 'action'; action: ControlAction }
  | { kind: 'check'; id: string; label: string; checked: boolean; onChange: () => void }
  | { kind: 'radio'; id: string; label: string; checked: boolean; onChange: () => void }
  | { kind: 'separator'; id: string; label: string }

export interface MoreMenuProps {
  entries: MenuEntry[]
  labelled: boolean
  buttonRef: Ref<HTMLButtonElement>
}

export function MoreMenu({ entries, labelled, buttonRef }: MoreMenuProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)

  const items = () =>
    Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]') ?? [])
  const focusButton = () => rootRef.current?.querySelector<HTMLButtonElement>('.control')?.focus()

  useEffect(() => {
    if (!open) return
    items()
      .find((item) => !item.disabled)
      ?.focus()
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && rootRef.current?.contains(event.target)) return
      setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const list = items().filter((item) => !item.disabled)
    const index = list.indexOf(document.activeElement as HTMLButtonElement)
    const move = (next: number) => {
      event.preventDefault()
      list[(next + list.length) % list.length]?.focus()
    }
    switch (event.key) {
      case 'ArrowDown':
        return move(index + 1)
      case 'ArrowUp':
        return move(index - 1)
      case 'Home':
        return move(0)
      case 'End':
        return move(list.length - 1)
      case 'Escape':
        event.preventDefault()
        setOpen(false)
        focusButton()
        return
      case 'Tab':
        setOpen(false)
        return
    }
  }

  function choose(run: () => void) {
    setOpen(false)
    focusButton()
    run()
  }

  return (
    <div className="more-menu" ref={rootRef}>
      <ControlButton
        ref={buttonRef}
        label={t('call.more')}
        icon={<MoreIcon />}
        tone={open ? 'active' : 'neutral'}
        expanded={open}
        controls={menuId}
        hasPopup="menu"
        labelled={labelled}
        onClick={() => setOpen(!open)}
      />
      {open ? (
        <div
          id={menuId}
          ref={menuRef}
          className="menu"
          role="menu"
          aria-label={t('call.more')}
          onKeyDown={onMenuKey}
        >
          {entries.map((entry) => {
            switch (entry.kind) {
              case 'separator':
                return (
                  <div key={entry.id} className="menu__heading" role="presentation">
                    {entry.label}
                  </div>
                )
              case 'action':
                return (
                  <button
                    key={entry.action.id}
                    type="button"
                    role="menuitem"
                    className="menu__item"
                    tabIndex={-1}
                    disabled={entry.action.disabled}
                    onClick={() => choose(entry.action.onSelect)}
                  >
                    <span className="menu__icon">{entry.action.icon}</span>
                    {entry.action.label}
                  </button>
                )
              default:
                return (
                  <button
                    key={entry.id}
                    type="button"
                    role={entry.kind === 'check' ? 'menuitemcheckbox' : 'menuitemradio'}
                    aria-checked={entry.checked}
                    className="menu__item"
                    tabIndex={-1}
                    onClick={() => choose(entry.onChange)}
                  >
                    <span className="menu__check" aria-hidden="true">
                      {entry.checked ? '✓' : ''}
                    </span>
                    {entry.label}
                  </button>
                )
            }
          })}
        </div>
      ) : null}
    </div>
  )
}
