/** The call's status line: connection, which call, and how full it is. */
import type { CallState, ConnectionStatus } from '../../engine/call-engine-api'

const WORDS: Record<ConnectionStatus, string> = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
}

export function callStatusText(state: CallState): string {
  const parts = [WORDS[state.status]]
  if (state.callId) parts.push(`call ${state.callId}`)
  if (state.phase === 'joining') {
    parts.push('joining')
  } else {
    const count = state.participants.length + (state.self ? 1 : 0)
    parts.push(state.maxParticipants ? `${count} of ${state.maxParticipants}` : `${count} in call`)
  }
  return parts.join(' · ')
}
