/**
 * A shared screen or window, shown as large as the stage allows and never cropped, with a button
 * to fill the whole display with it (small text on a shared screen is easier to read that way).
 * Our own share is not shown back to us at full size (sharing the whole screen would make a hall
 * of mirrors): we see "You are presenting", a small preview and "Stop presenting".
 */
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { NameSentence } from '../common/name-sentence'
import type { ParticipantView } from '../../engine/call-engine-api'
import { ExpandIcon, ScreenIcon, ShrinkIcon, StopScreenIcon } from '../common/icons'
import { useFullScreen } from '../common/use-full-screen'
import { StreamVideo } from '../media/stream-video'

export interface ScreenTileProps {
  participant: ParticipantView
  onStopPresenting: () => void
}

export function ScreenTile({ participant, onStopPresenting }: ScreenTileProps) {
  if (participant.isLocal) {
    return <PresentingTile participant={participant} onStopPresenting={onStopPresenting} />
  }
  return <RemoteScreenTile participant={participant} />
}

function RemoteScreenTile({ participant }: { participant: ParticipantView }) {
  const { t } = useTranslation()
  const name = participant.displayName || t('common.someone')
  const tileRef = useRef<HTMLDivElement>(null)
  const fullScreen = useFullScreen(tileRef)

  return (
    <div
      ref={tileRef}
      className="tile tile--screen"
      role="group"
      aria-label={t('inCall.screenSharedBy', { name })}
      onDoubleClick={fullScreen.toggle}
    >
      {participant.screenStream ? (
        // A remote share may carry the sharer's system audio.
        <StreamVideo stream={participant.screenStream} muted={false} fit="contain" />
      ) : (
        <div className="tile__placeholder">
          <span className="tile__waiting">
            <NameSentence i18nKey="call.waitingForScreen" name={name} />
          </span>
        </div>
      )}
      <div className="tile__actions">
        <button
          type="button"
          className="icon-button tile__action"
          aria-label={fullScreen.fullScreen ? t('call.exitFullScreen') : t('call.fullScreen')}
          title={fullScreen.fullScreen ? t('call.exitFullScreen') : t('call.fullScreen')}
          onClick={fullScreen.toggle}
        >
          {fullScreen.fullScreen ? <ShrinkIcon size={16} /> : <ExpandIcon size={16} />}
        </button>
      </div>
      <div className="tile__bottom">
        <span className="name-plate" aria-hidden="true">
          <ScreenIcon size={14} />
          <span className="name-plate__name">
            <NameSentence i18nKey="inCall.screenOf" name={name} />
          </span>
        </span>
      </div>
    </div>
  )
}

function PresentingTile({ participant, onStopPresenting }: ScreenTileProps) {
  const { t } = useTranslation()
  const name = participant.displayName || t('common.someone')
  return (
    <div
      className="tile tile--screen tile--presenting"
      role="group"
      aria-label={t('inCall.screenSharedBy', { name })}
    >
      <div className="presenting">
        <div className="presenting__preview" aria-hidden="true">
          {participant.screenStream ? (
            // Silent: we must never hear our own system audio back.
            <StreamVideo stream={participant.screenStream} muted fit="contain" />
          ) : null}
        </div>
        <p className="presenting__title">{t('inCall.presenting')}</p>
        <p className="presenting__hint">{t('inCall.presentingHint')}</p>
        <button type="button" className="button button--danger" onClick={onStopPresenting}>
          <StopScreenIcon size={18} />
          {t('inCall.stopPresenting')}
        </button>
      </div>
    </div>
  )
}
