/**
 * Everything after sign-in: owns the session's call engine and switches between the lobby and
 * the call as the engine's phase changes.
 */
import { Activity, useCallback, useEffect, useRef, useState } from 'react'
import type { Bridge, JoinRequest, SessionInfo } from '../../../../shared/bridge'
import type { CallEngine } from '../../engine/call-engine-api'
import { createVideo } from '../../engine/camera-video'
import { LobbyScreen } from '../lobby/lobby-screen'
import { CallScreen } from '../call/call-screen'
import { CameraVideosContext } from '../call/camera-videos'
import { addressForCall, callIdFromLocation } from '../lobby/call-id'
import { JoinRequestDialog } from './join-request-dialog'
import { EndOfCallScreen, type EndedCall } from '../call/end-of-call-screen'
import { useCallEngine } from './use-call-engine'
import { useCallState } from './use-call-state'

export interface SessionViewProps {
  bridge: Bridge
  session: SessionInfo
  isDesktop: boolean
  pendingJoin: JoinRequest | null
  onPendingJoinHandled: () => void
  /** Rejoin this call at once (the host signed a guest in again while it was in the call). */
  resumeCallId: string | null
  /** The call this view is in (or joining), null in the lobby. */
  onCallChange: (callId: string | null) => void
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
  resumeCallId,
  onCallChange,
  onSignOut,
  engine,
}: SessionViewProps & { engine: CallEngine }) {
  const state = useCallState(engine)
  const [callIdDraft, setCallIdDraft] = useState(() => callIdFromLocation(window.location))
  const [ended, setEnded] = useState<EndedCall | null>(null)
  // A deep link into another call puts the end-of-call screen behind us (the call just left
  // still reads as in-call for a moment while leaving, hence the call ID check).
  if (ended && state.phase !== 'lobby' && state.callId !== ended.callId) setEnded(null)
  // When the current call started (rtc:callStarted), for the end-of-call screen's call length.
  const callStartedAt = useRef<number | null>(null)
  const inCall = state.phase === 'in-call'
  useEffect(() => {
    if (inCall) callStartedAt.current ??= Date.now()
    else if (state.phase === 'lobby') callStartedAt.current = null
  }, [inCall, state.phase])

  const join = useCallback(
    async (callId: string) => {
      const current = engine.getState()
      if (current.phase !== 'lobby') {
        if (current.callId === callId) {
          if (!isDesktop) rememberCallInAddress(callId)
          return
        }
        await engine.leave()
      }
      // Failures (call full, server gone) come back through CallState.error. The address is
      // rewritten once the call is set up (below).
      await engine.join({ callId }).catch(() => undefined)
    },
    [engine, isDesktop],
  )

  const inCallId = state.phase === 'lobby' ? null : state.callId
  useEffect(() => onCallChange(inCallId), [inCallId, onCallChange])

  // The address follows the call once no link is still being set up: rewriting it holds the main
  // thread for several ms (a same-document navigation and the style update it forces), which
  // right after Join sat between the join and the server's answer, and later between the answer
  // and the first frame.
  const settledCallId =
    state.phase === 'in-call' && state.participants.every((p) => p.link !== 'connecting')
      ? state.callId
      : null
  useEffect(() => {
    if (!isDesktop && settledCallId) rememberCallInAddress(settledCallId)
  }, [isDesktop, settledCallId])

  // A guest signed in again by the host keeps its place: the call it was in is joined again once.
  const resumedRef = useRef(false)
  useEffect(() => {
    if (!resumeCallId || resumedRef.current) return
    resumedRef.current = true
    setCallIdDraft(resumeCallId)
    void join(resumeCallId)
  }, [resumeCallId, join])

  // A deep link (it may have arrived before sign-in) asks first; it never joins on its own.
  const joinRequestDialog = pendingJoin ? (
    <JoinRequestDialog
      // A newer link replaces the question, with its own focus handling.
      key={`${pendingJoin.callId}|${pendingJoin.serverUrl ?? ''}`}
      request={pendingJoin}
      session={session}
      state={state}
      onCancel={onPendingJoinHandled}
      onJoin={() => {
        const { callId } = pendingJoin
        onPendingJoinHandled()
        // The lobby's field shows the linked call afterwards, so Join takes you back to it.
        setCallIdDraft(callId)
        void join(callId)
      }}
    />
  ) : null

  const leave = useCallback(async () => {
    const current = engine.getState()
    const callId = current.callId
    const startedAt = callStartedAt.current
    const cameraWasOn = current.self?.mediaState.videoEnabled ?? false
    // Set before leaving, so the lobby never shows for a moment in between.
    if (callId) {
      setEnded({ callId, lengthMs: startedAt === null ? 0 : Date.now() - startedAt, cameraWasOn })
    }
    await engine.leave()
    // Nothing on the next screen shows the camera: it goes off until asked for again.
    if (cameraWasOn) await engine.setCameraEnabled(false).catch(() => undefined)
  }, [engine])

  const rejoin = useCallback(async () => {
    if (!ended) return
    if (ended.cameraWasOn) void engine.setCameraEnabled(true).catch(() => undefined)
    setEnded(null)
    setCallIdDraft(ended.callId)
    await join(ended.callId)
  }, [engine, ended, join])

  // The call screen is rendered ahead, hidden, while the lobby shows: Join then only reveals it
  // (its effects start then) instead of mounting the whole screen while the first remote frame is
  // on its way. Each call gets a fresh one, so nothing of the last call (an open panel, a pin)
  // carries over.
  const inLobby = state.phase === 'lobby'
  // Our own camera plays on one element from the lobby's preview to our tile in the call: Join
  // moves it, still playing, instead of stopping one and starting another (the stop, the new
  // element's first frame and its layer all fell between our offer and the first remote frame).
  const [selfVideo] = useState(createVideo)
  const selfId = session.user.id
  const cameraVideoOf = useCallback(
    (userId: string) => (userId === selfId ? selfVideo : engine.cameraVideo(userId)),
    [engine, selfId, selfVideo],
  )
  const [callScreenGeneration, setCallScreenGeneration] = useState(0)
  const [callScreenShown, setCallScreenShown] = useState(false)
  if (callScreenShown === inLobby) {
    setCallScreenShown(!inLobby)
    if (inLobby) setCallScreenGeneration((generation) => generation + 1)
  }

  // One shape for every phase, so the call screen keeps its place (and its pre-render).
  return (
    <CameraVideosContext value={cameraVideoOf}>
      {joinRequestDialog}
      {inLobby && ended ? (
        <EndOfCallScreen
          ended={ended}
          onRejoin={() => void rejoin()}
          onBackToStart={() => setEnded(null)}
        />
      ) : null}
      {inLobby && !ended ? (
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
      ) : null}
      <Activity mode={inLobby ? 'hidden' : 'visible'}>
        <CallScreen
          key={callScreenGeneration}
          bridge={bridge}
          engine={engine}
          state={state}
          isDesktop={isDesktop}
          onLeave={() => void leave()}
        />
      </Activity>
    </CameraVideosContext>
  )
}

/** On the web the address carries the call, so reloading rejoins and copying it invites. */
function rememberCallInAddress(callId: string): void {
  const address = addressForCall(window.location.href, callId)
  // Settling again (someone else joined) navigates nowhere new.
  if (address !== window.location.href) window.history.replaceState(null, '', address)
}
