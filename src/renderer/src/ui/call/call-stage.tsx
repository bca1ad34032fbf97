/**
 * Where the tiles go. With nothing shared or pinned: a gallery sized so every tile is as large as
 * it can be. With a shared screen or a pinned person: spotlight, they take the stage and the
 * others sit in a strip beside it. Switching between gallery and a screen spotlight keeps one
 * element tree with different classes, so it never remounts a tile's <video> (which would cut a
 * voice for a moment); pinning moves the pinned tile onto the stage, a moment people chose.
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
  pinnedId: string | null
  onTogglePin: (userId: string) => void
  mirrorSelf: boolean
  onStopPresenting: () => void
  onFirstFrame: (userId: string) => void
}

export function CallStage({
  people,
  pinnedId,
  onTogglePin,
  mirrorSelf,
  onStopPresenting,
  onFirstFrame,
}: CallStageProps) {
  const stageRef = useRef<HTMLDivElement>(null)
  const size = useElementSize(stageRef)
  const sharers = people.filter((person) => person.mediaState.screenSharing)
  const pinned = people.find((person) => person.userId === pinnedId) ?? null
  const others = pinned ? people.filter((person) => person !== pinned) : people
  const spotlight = sharers.length > 0 || pinned !== null
  const onStage = sharers.length + (pinned ? 1 : 0)
  const layout = galleryLayout(others.length, size.width, size.height, GAP)
  const style = spotlight
    ? undefined
    : ({
        '--tile-width': `${layout.tileWidth}px`,
        '--tile-height': `${layout.tileHeight}px`,
        '--gallery-width': `${layout.columns * layout.tileWidth + (layout.columns - 1) * GAP}px`,
      } as CSSProperties)

  const tileFor = (person: ParticipantView, compact: boolean) => (
    <ParticipantTile
      key={person.userId}
      participant={person}
      compact={compact}
      pinned={person === pinned}
      onTogglePin={onTogglePin}
      mirrorSelf={mirrorSelf}
      onFirstFrame={onFirstFrame}
    />
  )

  return (
    <div
      className={[
        'stage',
        spotlight ? 'stage--spotlight' : 'stage--gallery',
        spotlight && others.length === 0 ? 'stage--no-strip' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      ref={stageRef}
    >
      <div className={`stage__screens stage__screens--${Math.min(onStage, 4)}`}>
        {pinned ? tileFor(pinned, false) : null}
        {sharers.map((person) => (
          <ScreenTile
            key={`screen:${person.userId}`}
            participant={person}
            onStopPresenting={onStopPresenting}
          />
        ))}
      </div>
      {others.length > 0 ? (
        <div
          className={spotlight ? 'stage__people strip' : 'stage__people gallery'}
          style={style}
          data-measured={layout.tileWidth > 0 || undefined}
        >
          {others.map((person) => tileFor(person, spotlight))}
        </div>
      ) : null}
    </div>
  )
}
