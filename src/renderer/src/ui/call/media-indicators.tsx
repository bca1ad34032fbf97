/**
 * What a participant has switched off or on, as small icons with names. Each exists in the DOM
 * exactly while it is true, so assistive tech (and tests) never find a stale one.
 */
import { useTranslation } from 'react-i18next'
import type { MediaState } from '../../../../shared/protocol'
import { CameraOffIcon, MicOffIcon, ScreenIcon } from '../common/icons'

export function MediaIndicators({ mediaState }: { mediaState: MediaState }) {
  const { t } = useTranslation()
  return (
    <>
      {mediaState.muted ? (
        <span className="indicator indicator--muted" role="img" aria-label={t('inCall.micMuted')}>
          <MicOffIcon size={14} />
        </span>
      ) : null}
      {!mediaState.videoEnabled ? (
        <span className="indicator" role="img" aria-label={t('inCall.cameraOff')}>
          <CameraOffIcon size={14} />
        </span>
      ) : null}
      {mediaState.screenSharing ? (
        <span
          className="indicator indicator--sharing"
          role="img"
          aria-label={t('inCall.sharingScreen')}
        >
          <ScreenIcon size={14} />
        </span>
      ) : null}
    </>
  )
}
