/**
 * The camera, microphone and speaker lists in a call: a small panel above the controls, opened by
 * "Devices" (in the bar, or in "More" when the bar is narrow). Escape or a click elsewhere closes
 * it; Escape gives the focus back to whatever opened it.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallEngine, CallState } from '../../engine/call-engine-api'
import { DeviceSettings } from '../devices/device-settings'

export interface DevicesPanelProps {
  id: string
  engine: CallEngine
  state: CallState
  onClose: () => void
  /** The control that opened the panel: clicks on it are its own (it toggles). */
  opener: () => HTMLElement | null
}

export function DevicesPanel({ id, engine, state, onClose, opener }: DevicesPanelProps) {
  const { t } = useTranslation()
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    // Opened to choose something: start on the first list.
    panelRef.current?.querySelector('select')?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      onClose()
      opener()?.focus()
    }
    const onPointer = (event: PointerEvent) => {
      const target = event.target
      if (!(target instanceof Node)) return
      if (panelRef.current?.contains(target) || opener()?.contains(target)) return
      onClose()
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [onClose, opener])

  return (
    <div
      id={id}
      ref={panelRef}
      className="devices-popover"
      role="dialog"
      aria-label={t('call.devices')}
    >
      <DeviceSettings engine={engine} state={state} />
    </div>
  )
}
