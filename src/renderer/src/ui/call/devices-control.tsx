/**
 * The "Devices" control in the call: a button that opens a small panel above the controls with
 * the camera, microphone and speaker lists. Escape or a click elsewhere closes it; Escape gives
 * the focus back to the button.
 */
import { useEffect, useId, useRef, useState } from 'react'
import type { CallEngine, CallState } from '../../engine/call-engine-api'
import { SettingsIcon } from '../common/icons'
import { DeviceSettings } from '../devices/device-settings'
import { ControlButton } from '../media/control-button'

export interface DevicesControlProps {
  engine: CallEngine
  state: CallState
}

export function DevicesControl({ engine, state }: DevicesControlProps) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    // Opened to choose something: start on the first list.
    panelRef.current?.querySelector('select')?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      buttonRef.current?.focus()
    }
    const onPointer = (event: PointerEvent) => {
      const target = event.target
      if (!(target instanceof Node)) return
      if (panelRef.current?.contains(target) || buttonRef.current?.contains(target)) return
      setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  return (
    <div className="devices-control">
      <ControlButton
        ref={buttonRef}
        label="Devices"
        icon={<SettingsIcon />}
        tone={open ? 'active' : 'neutral'}
        expanded={open}
        controls={panelId}
        disabled={state.self === null}
        onClick={() => setOpen(!open)}
      />
      {open ? (
        <div
          id={panelId}
          ref={panelRef}
          className="devices-popover"
          role="dialog"
          aria-label="Devices"
        >
          <DeviceSettings engine={engine} state={state} />
        </div>
      ) : null}
    </div>
  )
}
