/** The list of keyboard shortcuts, opened with "?": a modal dialog, closed with Escape or Close. */
import { useTranslation } from 'react-i18next'
import type { RefObject } from 'react'
import { useModalDialog } from '../screen-picker/use-modal-dialog'
import {
  PUSH_TO_TALK,
  SHORTCUTS,
  shortcutLabel,
  type Platform,
  type ShortcutAction,
} from './shortcut-map'
import './shortcuts-dialog.css'

export interface ShortcutsDialogProps {
  platform: Platform
  /** Only the shortcuts that do something here are listed. */
  available: ReadonlySet<ShortcutAction>
  returnFocusTo: RefObject<HTMLElement | null>
  onClose: () => void
}

export function ShortcutsDialog({
  platform,
  available,
  returnFocusTo,
  onClose,
}: ShortcutsDialogProps) {
  const { dialogRef, trapTab } = useModalDialog(returnFocusTo)
  const { t } = useTranslation()
  const rows = SHORTCUTS.filter((shortcut) => available.has(shortcut.action)).map((shortcut) => ({
    keys: shortcutLabel(shortcut.action, platform),
    description: t(shortcut.descriptionKey),
  }))
  rows.splice(1, 0, { keys: t(PUSH_TO_TALK.labelKey), description: t(PUSH_TO_TALK.descriptionKey) })

  return (
    <dialog
      ref={dialogRef}
      className="card shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Escape: React unmounts the dialog rather than the browser closing it under React.
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id="shortcuts-title" className="shortcuts-dialog__title">
        {t('inCall.shortcutsTitle')}
      </h2>
      <table className="shortcuts-dialog__table">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('inCall.shortcutKeys')}</th>
            <th scope="col">{t('inCall.shortcutAction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.keys}>
              <td>
                <kbd>{row.keys}</kbd>
              </td>
              <td>{row.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button--secondary" onClick={onClose} autoFocus>
        {t('inCall.close')}
      </button>
    </dialog>
  )
}
