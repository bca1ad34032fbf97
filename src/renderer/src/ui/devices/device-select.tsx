/**
 * One labelled list of devices of a kind ("Camera", "Microphone", "Speaker"). While a switch is
 * under way it shows the choice; afterwards it shows what the engine reports as in use, so a
 * failed switch falls back on its own to the device still working.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeviceInfo } from '../../engine/call-engine-api'

export interface DeviceSelectProps {
  label: string
  devices: DeviceInfo[]
  /** The device in use; null for the system default. */
  value: string | null
  onChange: (deviceId: string) => Promise<void> | void
  disabled?: boolean
  /** What an empty list says: "No camera found", or "Camera blocked" when access is refused. */
  emptyText: string
}

export function DeviceSelect({
  label,
  devices,
  value,
  onChange,
  disabled,
  emptyText,
}: DeviceSelectProps) {
  const { t } = useTranslation()
  const id = useId()
  const [pending, setPending] = useState<string | null>(null)
  // Chromium lists the system default as a device of its own: show it for "no choice made".
  const current =
    value ?? (devices.some((device) => device.deviceId === 'default') ? 'default' : null)
  const known = current !== null && devices.some((device) => device.deviceId === current)
  const shown = pending ?? (known ? current : '')
  const none = devices.length === 0

  function change(next: string) {
    setPending(next)
    // Errors come back through CallState.error; either way the engine's state is shown after.
    void Promise.resolve(onChange(next))
      .catch(() => undefined)
      .finally(() => setPending(null))
  }

  return (
    <div className="field device-select">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={shown}
        // Not disabled while switching: that would throw the keyboard's focus out of the list.
        aria-busy={pending !== null || undefined}
        disabled={disabled || none}
        onChange={(event) => change(event.target.value)}
      >
        {none ? <option value="">{emptyText}</option> : null}
        {!none && !known ? <option value="">{t('devices.systemDefault')}</option> : null}
        {devices.map((device) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label}
          </option>
        ))}
      </select>
    </div>
  )
}
