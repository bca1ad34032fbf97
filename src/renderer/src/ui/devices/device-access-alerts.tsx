/**
 * What is said about the camera and microphone beside the preview (or above the call): a device
 * the browser or system blocks reads as blocked, with the way to allow it and "Try again"; a
 * device that is not there reads as a neutral note; other camera or microphone errors (in use by
 * another app, a failed switch) are shown here too, since they are about these devices.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallEngine, CallState, DeviceAccessState } from '../../engine/call-engine-api'
import { AlertMessage } from '../common/alert-message'
import { callErrorText } from '../common/call-error-text'
import './devices.css'

export interface DeviceAccessAlertsProps {
  engine: CallEngine
  state: CallState
  /** The desktop app: the system, not a browser, decides about devices. */
  isDesktop: boolean
  /** In a call only what needs doing is said: an absent device is no news there. */
  showAbsent: boolean
}

/** Whether an error belongs beside the devices rather than with the call or the server. */
export function isDeviceError(state: CallState): boolean {
  return state.error?.scope === 'camera' || state.error?.scope === 'microphone'
}

export function DeviceAccessAlerts({
  engine,
  state,
  isDesktop,
  showAbsent,
}: DeviceAccessAlertsProps) {
  const { t } = useTranslation()
  const { camera, microphone } = state.deviceAccess
  // A dismissed "blocked" comes back with the next answer from the browser: the engine makes a
  // new access record for each (a refusal to a click on the camera button included).
  const [dismissed, setDismissed] = useState<DeviceAccessState | null>(null)
  const cameraBlocked = camera === 'blocked'
  const microphoneBlocked = microphone === 'blocked'
  const both = cameraBlocked && microphoneBlocked
  const where = isDesktop ? 'InSystem' : 'InBrowser'
  const what = both ? 'Both' : cameraBlocked ? 'Camera' : 'Microphone'

  function tryAgain() {
    setDismissed(null)
    if (cameraBlocked) void engine.retryDevice('camera')
    if (microphoneBlocked) void engine.retryDevice('microphone')
  }

  const absentNote =
    camera === 'absent' && microphone === 'absent'
      ? t('devices.noneNote')
      : camera === 'absent'
        ? t('devices.noCameraNote')
        : microphone === 'absent'
          ? t('devices.noMicrophoneNote')
          : null

  const showBlocked = (cameraBlocked || microphoneBlocked) && dismissed !== state.deviceAccess
  const showNote = showAbsent && absentNote !== null
  const deviceError = state.error && isDeviceError(state) ? state.error : null
  // Nothing to say takes no room (the call's alert area hides when empty).
  if (!showBlocked && !showNote && !deviceError) return null

  return (
    <div className="device-access">
      {showBlocked ? (
        <div className="alert device-access__blocked" role="alert">
          <div className="alert__text">
            <strong className="alert__title">
              {t(
                both
                  ? 'devices.bothBlocked'
                  : cameraBlocked
                    ? 'devices.cameraBlocked'
                    : 'devices.microphoneBlocked',
              )}
            </strong>
            <span>{t(`devices.allow${what}${where}`)}</span>
          </div>
          <div className="device-access__actions">
            <button type="button" className="button button--secondary" onClick={tryAgain}>
              {t('devices.tryAgain')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setDismissed(state.deviceAccess)}
            >
              {t('common.dismiss')}
            </button>
          </div>
        </div>
      ) : null}
      {showNote ? <p className="device-access__note muted small">{absentNote}</p> : null}
      {deviceError ? (
        <AlertMessage
          message={callErrorText(deviceError, t)}
          onDismiss={() => engine.dismissError()}
        />
      ) : null}
    </div>
  )
}
