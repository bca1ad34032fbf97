/**
 * Devices that come and go: "Your microphone 'X' was disconnected: using 'Y'", and a new device
 * offered with "Use" and "Dismiss". In a call every notice is said through the call's one live
 * region and only the offers stay on screen, to be acted on; in the lobby the notices are their
 * own log beside the preview.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallEngine, DeviceNotice } from '../../engine/call-engine-api'
import { i18n } from '../common/translator'
import type { Announce } from '../notices/notices'
import './devices.css'

const lostKeys = {
  camera: ['devices.lostCamera', 'devices.lostCameraNone'],
  microphone: ['devices.lostMicrophone', 'devices.lostMicrophoneNone'],
  // The system default speaker is always there to fall back on.
  speaker: ['devices.lostSpeaker', 'devices.lostSpeaker'],
} as const

const pluggedKeys = {
  camera: 'devices.pluggedCamera',
  microphone: 'devices.pluggedMicrophone',
  speaker: 'devices.pluggedSpeaker',
} as const

/** The notice as one sentence, in the current language. */
export function deviceNoticeText(notice: DeviceNotice): string {
  if (notice.kind === 'plugged') return i18n.t(pluggedKeys[notice.role], { label: notice.label })
  const [replaced, none] = lostKeys[notice.role]
  return i18n.t(notice.using === null ? none : replaced, {
    lost: notice.lost || i18n.t(`devices.${notice.role}`),
    using: notice.using ?? i18n.t('devices.systemDefault'),
  })
}

export interface DeviceNoticesProps {
  engine: CallEngine
  notices: DeviceNotice[]
  /** In a call: the live region to say them in. Absent in the lobby. */
  announce?: Announce
}

export function DeviceNotices({ engine, notices, announce }: DeviceNoticesProps) {
  const { t } = useTranslation()
  const said = useRef(new Set<number>())

  useEffect(() => {
    if (!announce) return
    for (const notice of notices) {
      if (said.current.has(notice.id)) continue
      said.current.add(notice.id)
      announce(deviceNoticeText(notice))
      // Said and shown for a while by the region; only an offer waits for an answer.
      if (notice.kind === 'replaced') engine.dismissDeviceNotice(notice.id)
    }
  }, [announce, engine, notices])

  const shown = announce ? notices.filter((notice) => notice.kind === 'plugged') : notices
  const list = (
    <ul className="device-notices">
      {shown.map((notice) => (
        <li key={notice.id} className="device-notices__item">
          <span>{deviceNoticeText(notice)}</span>
          <span className="device-notices__actions">
            {notice.kind === 'plugged' ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void engine.useOfferedDevice(notice.id)}
              >
                {t('devices.use')}
              </button>
            ) : null}
            <button
              type="button"
              className="button button--quiet"
              onClick={() => engine.dismissDeviceNotice(notice.id)}
            >
              {t('common.dismiss')}
            </button>
          </span>
        </li>
      ))}
    </ul>
  )
  if (announce) return shown.length > 0 ? list : null
  return (
    // Additions are read out; a notice dismissed is not.
    <div role="log" aria-label={t('devices.notices')} aria-relevant="additions">
      {shown.length > 0 ? list : null}
    </div>
  )
}
