/**
 * Parley's own screen and window picker (desktop app): live thumbnails in two tabs, Screens and
 * Windows, chosen by mouse or keyboard. Share tells the host which source to hand to the next
 * getDisplayMedia; Cancel (or Escape) changes nothing in the call.
 */
import { useTranslation } from 'react-i18next'
import { i18n } from '../common/translator'
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { Bridge, ScreenSourceKind } from '../../../../shared/bridge'
import { bridgeErrorText } from '../common/call-error-text'
import { AlertMessage } from '../common/alert-message'
import { SourceGrid } from './source-grid'
import { useModalDialog } from './use-modal-dialog'
import { useScreenSources } from './use-screen-sources'

export interface ScreenPickerDialogProps {
  bridge: Bridge
  /** Whether the host can share system audio with a screen (shows "Share audio"). */
  audioAvailable: boolean
  /** Where focus goes when the dialog closes: the "Share screen" button. */
  returnFocusTo: RefObject<HTMLElement | null>
  /** The host now knows the source; the caller starts capturing. */
  onShared: () => void
  onCancelled: () => void
}

const TABS: { kind: ScreenSourceKind; label: string; empty: string }[] = [
  { kind: 'screen', label: 'picker.screens', empty: 'picker.noScreens' },
  { kind: 'window', label: 'picker.windows', empty: 'picker.noWindows' },
]

export function ScreenPickerDialog({
  bridge,
  audioAvailable,
  returnFocusTo,
  onShared,
  onCancelled,
}: ScreenPickerDialogProps) {
  const { dialogRef, trapTab, keepFocusInside } = useModalDialog(returnFocusTo)
  const { t } = useTranslation()
  const { sources, error: listError, selectedId, select } = useScreenSources(bridge)
  const [activeKind, setActiveKind] = useState<ScreenSourceKind>('screen')
  const [shareAudio, setShareAudio] = useState(false)
  const [sharing, setSharing] = useState(false)
  const [shareError, setShareError] = useState<string | null>(null)
  const sharedRef = useRef(false)
  const tabRefs = useRef(new Map<ScreenSourceKind, HTMLButtonElement>())
  const baseId = useId()
  const tabId = (kind: ScreenSourceKind) => `${baseId}-tab-${kind}`
  const panelId = `${baseId}-panel`

  const visible = (sources ?? []).filter((source) => source.kind === activeKind)
  const selected = sources?.find((source) => source.id === selectedId) ?? null
  const activeTab = TABS.find((tab) => tab.kind === activeKind) ?? TABS[0]

  // Cancelling, Escape, or the call ending under the picker: make sure the host forgets any pick.
  useEffect(
    () => () => {
      if (!sharedRef.current) bridge.screenShare.clearSelection().catch(() => undefined)
    },
    [bridge],
  )

  // A refresh can remove the very option that had focus; keep focus inside the dialog.
  useEffect(() => {
    keepFocusInside(() => {
      const dialog = dialogRef.current
      return (
        dialog?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]') ??
        tabRefs.current.get(activeKind) ??
        null
      )
    })
  }, [sources, activeKind, keepFocusInside, dialogRef])

  async function share(sourceId: string | null) {
    if (!sourceId || sharing) return
    setSharing(true)
    setShareError(null)
    try {
      await bridge.screenShare.selectSource({ sourceId, shareAudio: audioAvailable && shareAudio })
      sharedRef.current = true
      onShared()
    } catch (caught) {
      const message = bridgeErrorText(caught, i18n.t)
      setShareError(
        message
          ? i18n.t('picker.shareFailedWith', { reason: message })
          : i18n.t('picker.shareFailed'),
      )
      setSharing(false)
    }
  }

  function handleTabKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      Home: -index,
      End: TABS.length - 1 - index,
    }
    const move = moves[event.key]
    if (move === undefined) return
    event.preventDefault()
    const next = TABS[(index + move + TABS.length) % TABS.length]
    if (!next) return
    setActiveKind(next.kind)
    tabRefs.current.get(next.kind)?.focus()
  }

  return (
    <dialog
      ref={dialogRef}
      className="picker"
      aria-label={t('picker.title')}
      aria-modal="true"
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Escape: close through React so the picker's state and the host stay in step.
        event.preventDefault()
        onCancelled()
      }}
      onClose={onCancelled}
    >
      <header className="picker__header">
        <h2 className="picker__title" aria-hidden="true">
          {t('picker.title')}
        </h2>
        <p className="muted">{t('picker.hint')}</p>
      </header>

      <div className="tabs" role="tablist" aria-label={t('picker.whatToShare')}>
        {TABS.map((tab, index) => (
          <button
            key={tab.kind}
            ref={(element) => {
              if (element) tabRefs.current.set(tab.kind, element)
              else tabRefs.current.delete(tab.kind)
            }}
            id={tabId(tab.kind)}
            type="button"
            role="tab"
            className="tabs__tab"
            aria-selected={tab.kind === activeKind}
            aria-controls={panelId}
            tabIndex={tab.kind === activeKind ? 0 : -1}
            onClick={() => setActiveKind(tab.kind)}
            onKeyDown={(event) => handleTabKeyDown(event, index)}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>

      <div
        className="picker__panel"
        role="tabpanel"
        id={panelId}
        aria-labelledby={tabId(activeKind)}
      >
        {sources === null ? (
          listError ? null : (
            <p className="picker__empty muted" aria-busy="true">
              {t('picker.looking')}
            </p>
          )
        ) : visible.length === 0 ? (
          <p className="picker__empty muted">{activeTab ? t(activeTab.empty) : null}</p>
        ) : (
          <SourceGrid
            label={activeTab?.label ?? ''}
            sources={visible}
            selectedId={selectedId}
            onSelect={select}
            onChoose={(sourceId) => {
              select(sourceId)
              void share(sourceId)
            }}
          />
        )}
      </div>

      {listError ? <AlertMessage message={listError} /> : null}
      {shareError ? (
        <AlertMessage message={shareError} onDismiss={() => setShareError(null)} />
      ) : null}

      <footer className="picker__footer">
        {audioAvailable ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={shareAudio}
              onChange={(event) => setShareAudio(event.target.checked)}
            />
            {t('picker.shareAudio')}
          </label>
        ) : null}
        <p className="picker__choice muted" aria-hidden="true">
          {selected ? (
            <>
              Sharing: <strong>{selected.name}</strong>
            </>
          ) : (
            t('picker.pick')
          )}
        </p>
        <div className="picker__buttons">
          <button type="button" className="button button--secondary" onClick={onCancelled}>
            {t('picker.cancel')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!selected || sharing}
            onClick={() => void share(selectedId)}
          >
            {t('picker.share')}
          </button>
        </div>
      </footer>
    </dialog>
  )
}
