/**
 * One person in the call: their camera (or their initials while it is off or before its first
 * frame), their name, what they have muted, for others the signal of the link to them, and the
 * tile's own actions: pin to the stage and full screen.
 */
import { memo, useCallback, useContext, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ParticipantView } from '../../engine/call-engine-api'
import { ExpandIcon, PinIcon, ShrinkIcon } from '../common/icons'
import { useFullScreen } from '../common/use-full-screen'
import { NameSentence } from '../common/name-sentence'
import { Avatar } from '../media/avatar'
import { StreamVideo } from '../media/stream-video'
import { useSpeakingMarks } from '../speaking/speaking-marks'
import { TileMarks } from '../chat/tile-marks'
import { MediaIndicators } from './media-indicators'
import { OwnUplinkNotice } from './own-uplink-notice'
import { SignalIndicator } from './signal-indicator'
import { CameraVideosContext } from './camera-videos'

export interface ParticipantTileProps {
  participant: ParticipantView
  /** Smaller type and avatar, for the strip beside a shared screen or a pinned person. */
  compact?: boolean
  /** Whether this person is pinned to the stage, and how to change that. */
  pinned?: boolean
  onTogglePin?: (userId: string) => void
  /** Our own camera is mirrored unless the person turned that off. */
  mirrorSelf?: boolean
  /** Told when a remote camera shows its first frame (for the first-frame benchmark). */
  onFirstFrame?: (userId: string) => void
}

/** Memoised: the engine keeps a participant's view object while nothing in it changed. */
export const ParticipantTile = memo(function ParticipantTile({
  participant,
  compact = false,
  pinned = false,
  onTogglePin,
  mirrorSelf = true,
  onFirstFrame,
}: ParticipantTileProps) {
  const { userId, displayName, isLocal, mediaState, cameraStream, link } = participant
  const { t } = useTranslation()
  const name = displayName || t('common.someone')
  const label = isLocal ? t('common.you', { name }) : name
  const tileRef = useRef<HTMLDivElement>(null)
  const fullScreen = useFullScreen(tileRef)
  // The stream whose first frame has been shown: until then the initials stay up, so a tile is
  // never an empty box while a remote camera is still on its way.
  const [framedStream, setFramedStream] = useState<MediaStream | null>(null)
  const cameraOn = mediaState.videoEnabled && cameraStream !== null
  const pictureShowing = cameraOn && framedStream === cameraStream
  const handleFirstFrame = useCallback(() => {
    setFramedStream(cameraStream)
    if (!isLocal) onFirstFrame?.(userId)
  }, [cameraStream, isLocal, onFirstFrame, userId])
  // A remote camera plays on the engine's element, fed by the engine rather than by a render; our
  // own on the lobby preview's element.
  const cameraVideo = useContext(CameraVideosContext)(userId)
  const troubled = !isLocal && (link === 'recovering' || link === 'failed')
  const speaking = useSpeakingMarks(userId, tileRef)

  const classes = [
    'tile',
    compact ? 'tile--compact' : '',
    troubled ? 'tile--troubled' : '',
    pinned ? 'tile--pinned' : '',
  ]
  return (
    <div
      ref={tileRef}
      className={classes.filter(Boolean).join(' ')}
      role="group"
      aria-label={label}
      data-picture={pictureShowing || undefined}
    >
      {speaking.description}
      {!pictureShowing ? (
        // Beneath the video: a video with no frame paints nothing, so the initials show through
        // until the first frame covers them, the moment it is decoded, with no render between.
        // (The render after it only takes the hidden placeholder away.)
        <div className="tile__placeholder">
          <Avatar name={name} seed={userId} size={compact ? 'small' : 'large'} />
          {participant.cameraStarting ? (
            // The camera button already offers "Turn off camera": this says why no picture yet.
            <span className="tile__note" role="status">
              {t('devices.cameraStarting')}
            </span>
          ) : null}
        </div>
      ) : null}
      {cameraStream ? (
        // Kept mounted while the camera is off: a remote video element also plays their voice.
        <StreamVideo
          stream={cameraStream}
          muted={isLocal}
          mirrored={isLocal && mirrorSelf}
          concealed={!cameraOn}
          onFirstFrame={handleFirstFrame}
          video={cameraVideo}
        />
      ) : null}
      <TileMarks participant={participant} />
      <div className="tile__actions">
        {onTogglePin ? (
          <button
            type="button"
            className="icon-button tile__action"
            aria-pressed={pinned}
            aria-label={t(pinned ? 'call.unpin' : 'call.pin', { name })}
            title={t(pinned ? 'call.unpin' : 'call.pin', { name })}
            onClick={() => onTogglePin(userId)}
          >
            <PinIcon size={16} />
          </button>
        ) : null}
        <button
          type="button"
          className="icon-button tile__action"
          aria-label={t(fullScreen.fullScreen ? 'call.exitFullScreen' : 'call.fullScreen')}
          title={t(fullScreen.fullScreen ? 'call.exitFullScreen' : 'call.fullScreen')}
          onClick={fullScreen.toggle}
        >
          {fullScreen.fullScreen ? <ShrinkIcon size={16} /> : <ExpandIcon size={16} />}
        </button>
      </div>
      {!isLocal ? (
        <div className="tile__top">
          <SignalIndicator participant={participant} />
        </div>
      ) : (
        <OwnUplinkNotice stats={participant.stats} />
      )}
      <div className="tile__bottom">
        <span className="name-plate">
          <MediaIndicators mediaState={mediaState} />
          {/* Isolated: a right-to-left name, or one with direction marks, cannot reorder
              " (you)" or anything after it. */}
          <span className="name-plate__name" aria-hidden="true">
            {isLocal ? <NameSentence i18nKey="common.you" name={name} /> : <bdi>{name}</bdi>}
          </span>
        </span>
      </div>
    </div>
  )
})
