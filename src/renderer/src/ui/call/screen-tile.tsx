/** A shared screen or window, shown as large as the stage allows and never cropped. */
import type { ParticipantView } from '../../engine/call-engine-api'
import { ScreenIcon } from '../common/icons'
import { StreamVideo } from '../media/stream-video'

export function ScreenTile({ participant }: { participant: ParticipantView }) {
  const name = participant.displayName || 'Someone'
  return (
    <div className="tile tile--screen" role="group" aria-label={`Screen shared by ${name}`}>
      {participant.screenStream ? (
        // Our own share stays silent; a remote one may carry the sharer's system audio.
        <StreamVideo stream={participant.screenStream} muted={participant.isLocal} fit="contain" />
      ) : (
        <div className="tile__placeholder">
          <span className="muted">Waiting for {name}&apos;s screen…</span>
        </div>
      )}
      <div className="tile__bottom">
        <span className="name-plate" aria-hidden="true">
          <ScreenIcon size={14} />
          <span className="name-plate__name">
            {participant.isLocal ? `Your screen · others see this` : `${name}'s screen`}
          </span>
        </span>
      </div>
    </div>
  )
}
