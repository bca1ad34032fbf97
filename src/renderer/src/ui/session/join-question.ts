/**
 * What a join request (a `parley://join/...` link) may offer, decided from the request, the
 * session and the call state; the dialog only shows it.
 */
import type { JoinRequest, SessionInfo } from '../../../../shared/bridge'
import type { MediaState } from '../../../../shared/protocol'
import { i18n } from '../common/translator'

/** The part of the engine's CallState the question reads. */
export interface JoinContext {
  phase: 'lobby' | 'joining' | 'in-call'
  callId: string | null
  self: { mediaState: MediaState } | null
}

/** What the dialog can offer for this request in this state. */
export type JoinQuestion =
  | { kind: 'other-server'; linkServer: string }
  | { kind: 'already-in-call' }
  | { kind: 'join'; leavesCallId: string | null }

export function joinQuestion(
  request: JoinRequest,
  session: SessionInfo,
  state: JoinContext,
): JoinQuestion {
  if (request.serverUrl && sameServer(request.serverUrl, session.serverUrl) === false) {
    return { kind: 'other-server', linkServer: request.serverUrl }
  }
  if (state.phase !== 'lobby' && state.callId === request.callId) return { kind: 'already-in-call' }
  return { kind: 'join', leavesCallId: state.phase === 'lobby' ? null : state.callId }
}

function sameServer(a: string, b: string): boolean {
  try {
    const left = new URL(a)
    const right = new URL(b)
    return (
      left.origin === right.origin &&
      left.pathname.replace(/\/+$/, '') === right.pathname.replace(/\/+$/, '')
    )
  } catch {
    return false
  }
}

/** "microphone on / muted, camera on / off", from the state the lobby or the call holds now. */
export function joinMediaText(state: JoinContext): string {
  const media = state.self?.mediaState
  if (!media) return i18n.t('joinRequest.mediaAsInLobby')
  const microphone = media.muted ? 'Muted' : 'On'
  const camera = media.videoEnabled ? 'On' : 'Off'
  return i18n.t(`joinRequest.media${microphone}${camera}`)
}
