/**
 * What pressing "Share screen" does on this host: on the web and on Wayland the system picks
 * (getDisplayMedia straight away); in the desktop app Parley's own picker opens first; where the
 * OS has not granted screen recording, the host's help text says how to grant it.
 */
import { i18n } from '../common/translator'
import { useCallback, useState } from 'react'
import type { Bridge, ScreenShareCapabilities } from '../../../../shared/bridge'
import type { CallEngine } from '../../engine/call-engine-api'

export interface ScreenShareControl {
  /** The capabilities, once asked for; the picker needs them (Share audio). */
  capabilities: ScreenShareCapabilities | null
  pickerOpen: boolean
  error: string | null
  /** Starts the flow for this host: system picker, Parley's picker, or the permission help. */
  requestShare: () => Promise<void>
  /** The picker chose a source and the host was told; now capture it. */
  startAfterPick: () => Promise<void>
  closePicker: () => void
  dismissError: () => void
}

/** The person closing the system's own picker is not an error worth telling them about. */
function isCancel(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'AbortError' ||
      (error.name === 'NotAllowedError' && error.message === 'Permission denied'))
  )
}

function describeShareError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'NotAllowedError') {
    return i18n.t('inCall.shareNotAllowed')
  }
  if (error instanceof DOMException && error.name === 'NotFoundError') {
    return i18n.t('inCall.shareSourceGone')
  }
  const message = error instanceof Error ? error.message : ''
  return message
    ? i18n.t('inCall.shareFailedWith', { reason: message })
    : i18n.t('inCall.shareFailed')
}

export function useScreenShare(bridge: Bridge, engine: CallEngine): ScreenShareControl {
  const [capabilities, setCapabilities] = useState<ScreenShareCapabilities | null>(null)
  const [pickerOpen, setPickerOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const start = useCallback(async () => {
    try {
      await engine.startScreenShare()
    } catch (caught) {
      // The engine may already have said it in CallState.error; one alert is enough.
      if (isCancel(caught) || engine.getState().error) return
      setError(describeShareError(caught))
    }
  }, [engine])

  const requestShare = useCallback(async () => {
    setError(null)
    let caps: ScreenShareCapabilities
    try {
      caps = await bridge.screenShare.getCapabilities()
    } catch {
      // A host that cannot say falls back to the browser's own picker.
      caps = { picker: 'system', audio: false, permission: 'unknown', help: null }
    }
    setCapabilities(caps)
    if (caps.permission === 'denied') {
      setError(
        caps.help
          ? i18n.t(caps.help.key, caps.help.values ?? {})
          : i18n.t('inCall.shareNotPermitted'),
      )
      return
    }
    if (caps.picker === 'parley') {
      setPickerOpen(true)
      return
    }
    await start()
  }, [bridge, start])

  const closePicker = useCallback(() => setPickerOpen(false), [])
  const dismissError = useCallback(() => setError(null), [])

  return {
    capabilities,
    pickerOpen,
    error,
    requestShare,
    startAfterPick: start,
    closePicker,
    dismissError,
  }
}
