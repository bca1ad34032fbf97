/**
 * Where the tiles go. Without a shared screen: a gallery sized so every tile is as large as it
 * can be. With one: spotlight, the screen takes the stage and the people sit in a strip beside it.
 * Both layouts are one element tree with different classes, so switching between them never
 * remounts a tile's <video> (which would cut a voice for a moment).
 */
import { useRef, type CSSProperties } from 'react'
import type { ParticipantView } from '../../engine/call-engine-api'
import { useElementSize } from '../common/use-element-size'
import { galleryLayout } from './gallery-layout'
import { ParticipantTile } from './participant-tile'
import { ScreenTile } from './screen-tile'

const GAP = 12

export interface CallStageProps {
  people: ParticipantView[]
  onFirstFrame: (userId: string) => void
}

export function CallStage({ people, onFirstFrame }: CallStageProps) {
  const stageRef = useRef<HTMLDivElement>(null)
  const size = useElementSize(stageRef)
  const sharers = people.filter((person) => person.mediaState.screenSharing)
  const spotlight = sharers.length > 0
  const layout = galleryLayout(people.length, size.width, size.height, GAP)
  const style = spotlight
    ? undefined
    : ({
        '--tile-width': `${layout.tileWidth}px`,
        '--tile-height': `${layout.tileHeight}px`,
        '--gallery-width': `${layout.columns * layout.tileWidth + (layout.columns - 1) * GAP}px`,
      } as CSSProperties)

  return (
    <div className={`stage ${spotlight ? 'stage--spotlight' : 'stage--gallery'}`} ref={stageRef}>
      <div className={`stage__screens stage__screens--${Math.min(sharers.length, 4)}`}>
        {sharers.map((person) => (
          <ScreenTile key={person.userId} participant={person} />
        ))}
      </div>
      <div
        className={spotlight ? 'stage__people strip' : 'stage__people gallery'}
        style={style}
        data-measured={layout.tileWidth > 0 || undefined}
      >
        {people.map((person) => (
          <ParticipantTile
            key={person.userId}
            participant={person}
            compact={spotlight}
            onFirstFrame={onFirstFrame}
          />
        ))}
      </div>
    </div>
  )
}
