/**
 * On one's own tile, only when it matters: "Your connection is poor" when the links to the others
 * say our uplink is the narrow part (see uplinkQuality). Nothing is shown while it is fine.
 */
import { useTranslation } from 'react-i18next'
import type { PeerStats } from '../../engine/call-engine-api'
import { SignalBarsIcon } from '../common/icons'
import { uplinkQuality } from './signal-quality'

export function OwnUplinkNotice({ stats }: { stats: PeerStats | null }) {
  const { t } = useTranslation()
  const quality = stats ? uplinkQuality([stats]) : null
  if (quality !== 'poor') return null
  return (
    <div className="tile__top">
      <div className="signal signal--poor">
        <span className="signal__button">
          <span className="signal__bars" role="img" aria-label={t('call.ownPoorLabel')}>
            <SignalBarsIcon lit={1} />
          </span>
          <span className="signal__words">{t('call.ownPoor')}</span>
        </span>
      </div>
    </div>
  )
}
