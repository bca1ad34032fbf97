/**
 * Tells people what changed in the call: joins, leaves and new screen shares go to the live
 * region, joins and leaves make a sound (unless turned off), and a join while Parley is in the
 * background raises a system notification. Those already in the call when we arrive are the
 * starting point, not news.
 */
import { useEffect, useRef } from 'react'
import type { CallState } from '../../engine/call-engine-api'
import { playJoinSound, playLeaveSound } from './notice-sounds'
import type { Announce } from './notices'
import { i18n } from '../common/translator'
import {
  changeSentence,
  changeSentenceKey,
  participantChanges,
  type PersonSnapshot,
} from './participant-changes'
import { notifyIfAway, requestNotificationPermission } from './system-notification'

/** How long after joining the call Parley asks whether it may notify. */
const NOTIFICATION_ASK_DELAY_MS = 3000

export function useCallNotices(state: CallState, soundsEnabled: boolean, announce: Announce): void {
  const baseline = useRef<readonly PersonSnapshot[] | null>(null)
  const inCall = state.phase === 'in-call'

  useEffect(() => {
    if (!inCall) return
    // Not while the call is being set up: asking holds the page's main thread for tens of ms,
    // just when the first remote frame is on its way. Only a join in those first seconds, in a
    // browser never asked before, goes without a notification.
    const timer = window.setTimeout(requestNotificationPermission, NOTIFICATION_ASK_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [inCall])

  useEffect(() => {
    if (!inCall) {
      baseline.current = null
      return
    }
    const before = baseline.current
    baseline.current = state.participants
    if (!before) return
    const changes = participantChanges(before, state.participants)
    for (const change of changes) {
      announce({ i18nKey: changeSentenceKey(change), name: change.name })
      if (change.kind === 'joined') {
        notifyIfAway(
          changeSentence(change),
          i18n.t('notices.inCall', { callId: state.callId ?? '' }),
        )
      }
    }
    if (!soundsEnabled) return
    const sinkId = state.selectedDevices.audioOutput
    // One sound for a burst: three people joining at once is one chime, not a chord.
    if (changes.some((change) => change.kind === 'joined')) void playJoinSound(sinkId)
    else if (changes.some((change) => change.kind === 'left')) void playLeaveSound(sinkId)
  }, [
    inCall,
    state.participants,
    state.callId,
    state.selectedDevices.audioOutput,
    soundsEnabled,
    announce,
  ])
}
