/**
 * One person in the call: their camera (or initials while it is off), their name, what they
 * have muted, and for others the health of the link to them.
 */
import { memo, useCallback } from 'react'
import type { ParticipantView } from '../../engine/call-engine-api'
import { Avatar } from '../media/avatar'
import { StreamVideo } from '../media/stream-video'
import { ConnectionBadge } from './connection-badge'
import { MediaIndicators } from './media-indicators'

export interface ParticipantTileProps {
  participant: ParticipantView
  /** Smaller type and avatar, for the strip beside a shared screen. */
  compact?: boolean
  /** Told when a remote camera shows its first frame (for the first-frame benchmark). */
  onFirstFrame?: (userId: string) => void
}

/** Memoised: the engine keeps a participant's view object while nothing in it changed. */
export const ParticipantTile = memo(function ParticipantTile({
  participant,
  compact = false,
  onFirstFrame,
}: ParticipantTileProps) {
  const { userId, displayName, isLocal, mediaState, cameraStream, link } = participant
  const name = displayName || 'Someone'
  const label = isLocal ? `${name} (you)` : name
  const cameraShowing = mediaState.videoEnabled && cameraStream !== null
  const handleFirstFrame = useCallback(() => onFirstFrame?.(userId), [onFirstFrame, userId])
  const troubled = !isLocal && (link === 'recovering' || link === 'failed')

  const classes = ['tile', compact ? 'tile--compact' : '', troubled ? 'tile--troubled' : '']
  return (
    <div className={classes.filter(Boolean).join(' ')} role="group" aria-label={label}>
      {cameraStream ? (
        // Kept mounted while the camera is off: a remote video element also plays their voice.
        <StreamVideo
          stream={cameraStream}
          muted={isLocal}
          mirrored={isLocal}
          concealed={!cameraShowing}
          onFirstFrame={isLocal || !onFirstFrame ? undefined : handleFirstFrame}
        />
      ) : null}
      {!cameraShowing ? (
        <div className="tile__placeholder">
          <Avatar name={name} seed={userId} size={compact ? 'small' : 'large'} />
        </div>
      ) : null}
      {!isLocal ? (
        <div className="tile__top">
          <ConnectionBadge participant={participant} />
        </div>
      ) : null}
      <div className="tile__bottom">
        <span className="name-plate">
          <MediaIndicators mediaState={mediaState} />
          <span className="name-plate__name" aria-hidden="true">
            {label}
          </span>
        </span>
      </div>
    </div>
  )
})
