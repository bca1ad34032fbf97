/**
 * Everything after sign-in: owns the session's call engine and switches between the lobby and
 * the call as the engine's phase changes.
 */
import { useCallback, useEffect, useState } from 'react'
import type { Bridge, JoinRequest, SessionInfo } from '../../../../shared/bridge'
import type { CallEngine } from '../../engine/call-engine-api'
import { LobbyScreen } from '../lobby/lobby-screen'
import { CallScreen } from '../call/call-screen'
import { addressForCall, callIdFromLocation } from '../lobby/call-id'
import { useCallEngine } from './use-call-engine'
import { useCallState } from './use-call-state'

export interface SessionViewProps {
  bridge: Bridge
  session: SessionInfo
  isDesktop: boolean
  pendingJoin: JoinRequest | null
  onPendingJoinHandled: () => void
  onSignOut: () => void
}

export function SessionView(props: SessionViewProps) {
  const { bridge, session } = props
  const engine = useCallEngine(bridge, session)
  return <SignedIn {...props} engine={engine} />
}

function SignedIn({
  bridge,
  session,
  isDesktop,
  pendingJoin,
  onPendingJoinHandled,
  onSignOut,
  engine,
}: SessionViewProps & { engine: CallEngine }) {
  const state = useCallState(engine)
  const [callIdDraft, setCallIdDraft] = useState(() => callIdFromLocation(window.location))

  const join = useCallback(
    async (callId: string) => {
      if (!isDesktop) rememberCallInAddress(callId)
      const current = engine.getState()
      if (current.phase !== 'lobby') {
        if (current.callId === callId) return
        await engine.leave()
      }
      // Failures (call full, server gone) come back through CallState.error.
      await engine.join({ callId }).catch(() => undefined)
    },
    [engine, isDesktop],
  )

  // Deep links ask to join; they may have arrived before sign-in.
  useEffect(() => {
    if (!pendingJoin) return
    const { callId } = pendingJoin
    onPendingJoinHandled()
    // The lobby's field shows the deep-linked call afterwards, so Join takes you back to it.
    void join(callId).then(() => setCallIdDraft(callId))
  }, [pendingJoin, onPendingJoinHandled, join])

  if (state.phase === 'lobby') {
    return (
      <LobbyScreen
        bridge={bridge}
        engine={engine}
        state={state}
        session={session}
        callId={callIdDraft}
        onCallIdChange={setCallIdDraft}
        onJoin={join}
        onSignOut={onSignOut}
        isDesktop={isDesktop}
      />
    )
  }
  return <CallScreen bridge={bridge} engine={engine} state={state} isDesktop={isDesktop} />
}

/** On the web the address carries the call, so reloading rejoins and copying it invites. */
function rememberCallInAddress(callId: string): void {
  window.history.replaceState(null, '', addressForCall(window.location.href, callId))
}
