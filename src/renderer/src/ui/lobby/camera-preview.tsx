/** The lobby's look in the mirror: our own camera, mirrored and muted, or our initials. */
import { useContext } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeviceAccess, ParticipantView } from '../../engine/call-engine-api'
import { Avatar } from '../media/avatar'
import { StreamVideo } from '../media/stream-video'
import { CameraVideosContext } from '../call/camera-videos'

export interface CameraPreviewProps {
  self: ParticipantView | null
  displayName: string
  cameraAccess: DeviceAccess
}

export function CameraPreview({ self, displayName, cameraAccess }: CameraPreviewProps) {
  const { t } = useTranslation()
  const cameraOn = self !== null && self.mediaState.videoEnabled && self.cameraStream !== null
  // The element our tile takes over on Join (see SessionView).
  const video = useContext(CameraVideosContext)(self?.userId ?? '')
  return (
    <div className="preview">
      {self?.cameraStream ? (
        <StreamVideo
          stream={self.cameraStream}
          muted
          mirrored
          concealed={!cameraOn}
          video={video}
        />
      ) : null}
      {!cameraOn ? (
        <div className="preview__placeholder">
          <Avatar name={displayName} seed={self?.userId ?? displayName} />
          <span className="muted small">
            {self === null
              ? t('devices.starting')
              : cameraAccess === 'blocked'
                ? t('devices.cameraBlocked')
                : cameraAccess === 'absent'
                  ? t('devices.noCamera')
                  : self.cameraStarting
                    ? t('devices.cameraStarting')
                    : self.mediaState.videoEnabled
                      ? t('devices.noPicture')
                      : t('devices.cameraIsOff')}
          </span>
        </div>
      ) : null}
      <span className="preview__name">{t('common.you', { name: displayName })}</span>
    </div>
  )
}
