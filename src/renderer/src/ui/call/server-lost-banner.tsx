/**
 * Shown while the signaling server is out of reach during a call. Peer-to-peer media does not go
 * through the server, so the call goes on: a calm status banner, not a red alert that suggests the
 * call is lost. Joins, leaves and mute changes wait until the server is back.
 */
import type { CallState } from '../../engine/call-engine-api'
import { EngineErrorCode } from '../../engine/errors'

export function serverLost(state: Pick<CallState, 'phase' | 'status' | 'error'>): boolean {
  if (state.phase !== 'in-call') return false
  return state.status === 'reconnecting' || state.error?.code === EngineErrorCode.serverUnreachable
}

export function ServerLostBanner() {
  return (
    <p className="notice server-lost" role="status">
      Can&apos;t reach the server. Reconnecting… The call continues with everyone already connected.
    </p>
  )
}
