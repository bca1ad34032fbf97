/**
 * In a call: the status line, the tiles, the controls, and the screen picker when it is open.
 * Everything shown comes from CallState; everything done goes through the engine or the Bridge.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { Bridge } from '../../../../shared/bridge'
import type { CallEngine, CallState } from '../../engine/call-engine-api'
import { AlertMessage } from '../common/alert-message'
import { callErrorText } from '../common/call-error-text'
import { RelayFailureAlerts } from './relay-failure-alerts'
import { LogoMark } from '../common/icons'
import { AudioOutputContext } from '../devices/audio-output'
import { DeviceAccessAlerts, isDeviceError } from '../devices/device-access-alerts'
import { DeviceNotices } from '../devices/device-notices'
import { ScreenPickerDialog } from '../screen-picker/screen-picker-dialog'
import { CallStage } from './call-stage'
import { callStatusText } from './call-status'
import { ControlsBar } from './controls-bar'
import { CopyCallId } from './copy-call-id'
import { InCallProviders, useInCallExperience } from '../in-call/use-in-call-experience'
import { createFirstFrameMarker } from './first-frame-marks'
import { ServerLostBanner, serverLost } from './server-lost-banner'
import { useScreenShare } from './use-screen-share'
import { quietVideoEvents } from './quiet-video-events'
import { useDisplayPreferences } from '../common/display-preferences'

export interface CallScreenProps {
  bridge: Bridge
  engine: CallEngine
  state: CallState
  isDesktop: boolean
  onLeave: () => void
}

export function CallScreen({ bridge, engine, state, isDesktop, onLeave }: CallScreenProps) {
  const { t } = useTranslation()
  const shareButtonRef = useRef<HTMLButtonElement>(null)
  const share = useScreenShare(bridge, engine)
  const [markFirstFrame] = useState(createFirstFrameMarker)
  const callId = state.callId

  // Joining replaced the lobby under the keyboard's focus: give it a known place to start from.
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => headingRef.current?.focus(), [])

  useEffect(() => quietVideoEvents(window), [])

  // The window or tab title says which call this is, e.g. in the taskbar or among tabs.
  useEffect(() => {
    const previous = document.title
    document.title = callId ? `${callId} · Parley` : 'Parley'
    return () => {
      document.title = previous
    }
  }, [callId])

  const preferences = useDisplayPreferences()
  const [pinnedId, setPinnedId] = useState<string | null>(null)
  const togglePin = useCallback(
    (userId: string) => setPinnedId((current) => (current === userId ? null : userId)),
    [],
  )
  const everyone = state.self ? [state.self, ...state.participants] : state.participants
  // Hiding self-view takes our tile off the stage only: People, speaking and recording keep us.
  const people = preferences.selfViewHidden ? state.participants : everyone
  const alone = state.phase === 'in-call' && state.participants.length === 0
  const sharing = state.self?.mediaState.screenSharing ?? false
  const requestShare = share.requestShare
  const toggleScreenShare = useCallback(
    () => (sharing ? engine.stopScreenShare() : void requestShare()),
    [sharing, engine, requestShare],
  )
  const experience = useInCallExperience({
    engine,
    state,
    people: everyone,
    onToggleScreenShare: toggleScreenShare,
  })
  const { noteFirstFrame } = experience
  const onFirstFrame = useCallback(
    (userId: string) => {
      markFirstFrame(callId, userId)
      noteFirstFrame(userId)
    },
    [markFirstFrame, callId, noteFirstFrame],
  )

  const screen = (
    <div className="screen call">
      <h1 className="visually-hidden" tabIndex={-1} ref={headingRef}>
        {t('call.heading', { callId })}
      </h1>
      <header className="call__top">
        <div className="app-header__brand">
          <LogoMark size={22} />
        </div>
        <p className={`call-status call-status--${state.status}`} role="status">
          <span className="status-dot" aria-hidden="true" />
          {callStatusText(state)}
        </p>
        {callId ? <CopyCallId callId={callId} isDesktop={isDesktop} /> : null}
      </header>

      <div className="call__alerts">
        {serverLost(state) ? <ServerLostBanner /> : null}
        {state.error &&
        !isDeviceError(state) &&
        !(serverLost(state) && state.error.scope === 'server') ? (
          <AlertMessage
            message={callErrorText(state.error, t)}
            onDismiss={() => engine.dismissError()}
          />
        ) : null}
        <DeviceAccessAlerts
          engine={engine}
          state={state}
          isDesktop={isDesktop}
          showAbsent={false}
        />
        <DeviceNotices
          engine={engine}
          notices={state.deviceNotices}
          announce={experience.board.announce}
        />
        {share.error ? <AlertMessage message={share.error} onDismiss={share.dismissError} /> : null}
        <RelayFailureAlerts people={state.participants} />
      </div>

      <main className="call__main">
        {/* Above the stage, not over it: it never covers a tile or its name plate. */}
        {alone ? (
          <p className="call__hint">
            <Trans i18nKey="call.waiting" values={{ callId }} components={{ 1: <strong /> }} />
          </p>
        ) : null}
        <AudioOutputContext value={state.selectedDevices.audioOutput}>
          <CallStage
            people={people}
            pinnedId={pinnedId}
            onTogglePin={togglePin}
            mirrorSelf={preferences.selfViewMirrored}
            onStopPresenting={() => engine.stopScreenShare()}
            onFirstFrame={onFirstFrame}
          />
        </AudioOutputContext>
      </main>

      <ControlsBar
        engine={engine}
        state={state}
        onShareScreen={() => void share.requestShare()}
        shareButtonRef={shareButtonRef}
        onLeave={onLeave}
        extraActions={experience.actions}
      />

      {share.pickerOpen ? (
        <ScreenPickerDialog
          bridge={bridge}
          audioAvailable={share.capabilities?.audio ?? false}
          returnFocusTo={shareButtonRef}
          onShared={() => {
            share.closePicker()
            void share.startAfterPick()
          }}
          onCancelled={share.closePicker}
        />
      ) : null}
      {experience.overlays}
    </div>
  )
  return <InCallProviders experience={experience}>{screen}</InCallProviders>
}
