/** The call's status line: connection, which call, and how many people are in it. */
import type { CallState } from '../../engine/call-engine-api'
import { i18n } from '../common/translator'

export function callStatusText(state: CallState): string {
  const t = i18n.t
  const parts = [t(`call.status.${state.status}`)]
  if (state.callId) parts.push(t('call.status.callId', { callId: state.callId }))
  if (state.phase === 'joining') {
    parts.push(t('call.status.joining'))
  } else {
    const count = state.participants.length + (state.self ? 1 : 0)
    parts.push(
      state.maxParticipants
        ? t('call.status.count', { count, max: state.maxParticipants })
        : t('call.status.countOpen', { count }),
    )
  }
  return parts.join(' · ')
}
