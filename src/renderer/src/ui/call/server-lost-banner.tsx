/**
 * Shown while the signaling server is out of reach during a call. Peer-to-peer media does not go
 * through the server, so the call goes on: a calm status banner, not a red alert that suggests the
 * call is lost. Joins, leaves and mute changes wait until the server is back.
 */
import { useTranslation } from 'react-i18next'
import type { CallState } from '../../engine/call-engine-api'
import { EngineErrorCode } from '../../engine/errors'

export function serverLost(state: Pick<CallState, 'phase' | 'status' | 'error'>): boolean {
  if (state.phase !== 'in-call') return false
  return state.status === 'reconnecting' || state.error?.code === EngineErrorCode.serverUnreachable
}

export function ServerLostBanner() {
  const { t } = useTranslation()
  return (
    <p className="notice server-lost" role="status">
      {t('call.serverLost')}
    </p>
  )
}
