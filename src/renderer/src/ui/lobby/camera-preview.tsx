/** The lobby's look in the mirror: our own camera, mirrored and muted, or our initials. */
import type { ParticipantView } from '../../engine/call-engine-api'
import { Avatar } from '../media/avatar'
import { StreamVideo } from '../media/stream-video'

export interface CameraPreviewProps {
  self: ParticipantView | null
  displayName: string
}

export function CameraPreview({ self, displayName }: CameraPreviewProps) {
  const cameraOn = self !== null && self.mediaState.videoEnabled && self.cameraStream !== null
  return (
    <div className="preview">
      {self?.cameraStream ? (
        <StreamVideo stream={self.cameraStream} muted mirrored concealed={!cameraOn} />
      ) : null}
      {!cameraOn ? (
        <div className="preview__placeholder">
          <Avatar name={displayName} seed={self?.userId ?? displayName} />
          <span className="muted small">
            {self === null
              ? 'Starting camera and microphone…'
              : self.mediaState.videoEnabled
                ? 'No picture from the camera yet'
                : 'Your camera is off'}
          </span>
        </div>
      ) : null}
      <span className="preview__name">{displayName} (you)</span>
    </div>
  )
}
