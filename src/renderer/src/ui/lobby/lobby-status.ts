/**
 * The lobby's one-line readiness text. Worded unlike the call's status line ("Connected",
 * "Reconnecting…") so nobody, person or test, mistakes the lobby for a call. When the server has
 * just refused a join, the line says so too, so it never reads "Ready" under the refusal.
 */
import type { CallState } from '../../engine/call-engine-api'
import { i18n } from '../common/translator'

export interface LobbyStatus {
  text: string
  /** Picks the dot's colour: the connection's own, or 'refused' after a refused join. */
  tone: CallState['status'] | 'refused'
}

/** Server errors that answer a join: after one of them the person is still in the lobby. */
const JOIN_REFUSALS = new Set(['CALL_FULL', 'UNAUTHORIZED', 'RATE_LIMITED', 'INTERNAL'])

/**
 * `joinPressed`: Join was pressed and the join is waiting for the camera and microphone; the
 * line says so, so a press never looks like it did nothing.
 */
export function lobbyStatus(
  state: Pick<CallState, 'status' | 'error' | 'mediaReady'>,
  joinPressed = false,
): LobbyStatus {
  if (state.error?.code === 'CALL_FULL') {
    return { text: i18n.t('lobby.status.full'), tone: 'refused' }
  }
  if (state.error && JOIN_REFUSALS.has(state.error.code)) {
    return { text: i18n.t('lobby.status.refused'), tone: 'refused' }
  }
  // Connected is not ready while the devices are still starting: a join would wait for them.
  if (state.status === 'connected' && !state.mediaReady) {
    const key = joinPressed ? 'joinWhenReady' : 'startingMedia'
    return { text: i18n.t(`lobby.status.${key}`), tone: 'connecting' }
  }
  const key = state.status === 'connected' ? 'ready' : state.status
  return { text: i18n.t(`lobby.status.${key}`), tone: state.status }
}
