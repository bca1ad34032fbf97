/**
 * The lobby's one-line readiness text. Worded unlike the call's status line ("Connected",
 * "Reconnecting…") so nobody, person or test, mistakes the lobby for a call.
 */
import type { CallState } from '../../engine/call-engine-api'

export function lobbyStatusText(state: CallState): string {
  switch (state.status) {
    case 'connected':
      return 'Ready to join'
    case 'connecting':
      return 'Reaching the server…'
    case 'reconnecting':
      return 'Lost the server; trying again…'
    case 'disconnected':
      return 'Not reaching the server; Join will try again'
    default:
      return 'Getting ready…'
  }
}
