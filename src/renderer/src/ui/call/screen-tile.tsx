/**
 * A shared screen or window, shown as large as the stage allows and never cropped, with a button
 * to fill the whole display with it (small text on a shared screen is easier to read that way).
 */
import { useEffect, useRef, useState } from 'react'
import type { ParticipantView } from '../../engine/call-engine-api'
import { ExpandIcon, ScreenIcon, ShrinkIcon } from '../common/icons'
import { StreamVideo } from '../media/stream-video'

export function ScreenTile({ participant }: { participant: ParticipantView }) {
  const name = participant.displayName || 'Someone'
  const tileRef = useRef<HTMLDivElement>(null)
  const [fullScreen, setFullScreen] = useState(false)

  useEffect(() => {
    const update = () => setFullScreen(document.fullscreenElement === tileRef.current)
    document.addEventListener('fullscreenchange', update)
    return () => document.removeEventListener('fullscreenchange', update)
  }, [])

  function toggleFullScreen() {
    const tile = tileRef.current
    if (!tile) return
    // Refusals (no user gesture, an embedder without the API) leave the tile as it is.
    if (document.fullscreenElement === tile) document.exitFullscreen().catch(() => undefined)
    else tile.requestFullscreen().catch(() => undefined)
  }

  return (
    <div
      ref={tileRef}
      className="tile tile--screen"
      role="group"
      aria-label={`Screen shared by ${name}`}
      onDoubleClick={toggleFullScreen}
    >
      {participant.screenStream ? (
        // Our own share stays silent; a remote one may carry the sharer's system audio.
        <StreamVideo stream={participant.screenStream} muted={participant.isLocal} fit="contain" />
      ) : (
        <div className="tile__placeholder">
          <span className="muted">Waiting for {name}&apos;s screen…</span>
        </div>
      )}
      <div className="tile__top">
        <button
          type="button"
          className="icon-button tile__action"
          aria-label={fullScreen ? 'Exit full screen' : 'Full screen'}
          title={fullScreen ? 'Exit full screen' : 'Full screen'}
          onClick={toggleFullScreen}
        >
          {fullScreen ? <ShrinkIcon size={16} /> : <ExpandIcon size={16} />}
        </button>
      </div>
      <div className="tile__bottom">
        <span className="name-plate" aria-hidden="true">
          <ScreenIcon size={14} />
          <span className="name-plate__name">
            {participant.isLocal ? `${name} (you) · others see this screen` : `${name}'s screen`}
          </span>
        </span>
      </div>
    </div>
  )
}
