/**
 * On one's own tile, only when it matters: "Your connection is poor" when the links to the others
 * say our uplink is the narrow part (see uplinkQuality). Nothing is shown while it is fine.
 */
import type { PeerStats } from '../../engine/call-engine-api'
import { SignalBarsIcon } from '../common/icons'
import { uplinkQuality } from './signal-quality'

export const OWN_POOR_TEXT = 'Your connection is poor'

export function OwnUplinkNotice({ stats }: { stats: PeerStats | null }) {
  const quality = stats ? uplinkQuality([stats]) : null
  if (quality !== 'poor') return null
  return (
    <div className="tile__top">
      <div className="signal signal--poor">
        <span className="signal__button">
          <span className="signal__bars" role="img" aria-label="Your connection: poor signal">
            <SignalBarsIcon lit={1} />
          </span>
          <span className="signal__words">{OWN_POOR_TEXT}</span>
        </span>
      </div>
    </div>
  )
}
