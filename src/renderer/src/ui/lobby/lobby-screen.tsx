/**
 * The lobby: check your camera and microphone, pick or make up a call ID, and join. The engine
 * is already preparing (media, RTC config, socket) so Join is quick.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Bridge, SessionInfo } from '../../../../shared/bridge'
import type { CallEngine, CallState } from '../../engine/call-engine-api'
import { AlertMessage } from '../common/alert-message'
import { callErrorText } from '../common/call-error-text'
import { SignOutIcon, PlusIcon } from '../common/icons'
import { AppHeader } from '../common/app-header'
import { DeviceSettings } from '../devices/device-settings'
import { DeviceAccessAlerts, isDeviceError } from '../devices/device-access-alerts'
import { DeviceNotices } from '../devices/device-notices'
import { MediaToggles } from '../media/media-toggles'
import { CameraPreview } from './camera-preview'
import { MicLevelMeter } from './mic-level-meter'
import { SpeakerTest } from './speaker-test'
import { CALL_ID_RULE, isValidCallId, randomCallId } from './call-id'
import { RelayPreference } from './relay-preference'
import { MemorySessionNotice } from './memory-session-notice'
import { lobbyStatus } from './lobby-status'
import { ThemePreference } from './theme-preference'
import { LanguagePreference } from './language-preference'
import { JOINING_CLASS } from './lobby-joining'

/** Longer than a join takes; a join that went nowhere by then lets the meter move again. */
const JOIN_PENDING_MS = 3000

export interface LobbyScreenProps {
  bridge: Bridge
  engine: CallEngine
  state: CallState
  session: SessionInfo
  callId: string
  onCallIdChange: (callId: string) => void
  onJoin: (callId: string) => void
  onSignOut: () => void
  isDesktop: boolean
}

export function LobbyScreen({
  bridge,
  engine,
  state,
  session,
  callId,
  onCallIdChange,
  onJoin,
  onSignOut,
  isDesktop,
}: LobbyScreenProps) {
  const [showCallIdProblem, setShowCallIdProblem] = useState(false)
  // While a join is on its way the lobby holds still: the microphone meter takes no readings and
  // no hover or focus transition runs (each reading, each frame of a transition repaints the
  // lobby on the main thread, work that would compete with setting up the call). A join that
  // fails leaves the lobby up, and it comes back to life. The class is set on the element, not
  // through a render: a render of the whole lobby on the press of Join sat between the join and
  // the server's answer, and held the answer back by as long as it took.
  const lobbyRef = useRef<HTMLDivElement>(null)
  const holdTimer = useRef<number | null>(null)
  useEffect(
    () => () => {
      if (holdTimer.current !== null) window.clearTimeout(holdTimer.current)
    },
    [],
  )
  function holdStill() {
    const lobby = lobbyRef.current
    if (!lobby) return
    lobby.classList.add(JOINING_CLASS)
    if (holdTimer.current !== null) window.clearTimeout(holdTimer.current)
    holdTimer.current = window.setTimeout(() => {
      holdTimer.current = null
      lobby.classList.remove(JOINING_CLASS)
    }, JOIN_PENDING_MS)
  }
  const { t } = useTranslation()
  // Join pressed while the camera and microphone are still starting: the join waits for them, and
  // the status line says so (this render happens only on that slow path).
  const [joinPressed, setJoinPressed] = useState(false)
  const status = lobbyStatus(state, joinPressed)
  const ids = { callId: useId(), callIdHint: useId() }
  const trimmed = callId.trim()
  const callIdProblem =
    trimmed === '' ? t('lobby.callIdMissing') : isValidCallId(trimmed) ? null : CALL_ID_RULE
  // An empty field only earns a complaint on Join; a malformed ID is flagged while typing.
  const visibleProblem =
    callIdProblem && (showCallIdProblem || trimmed !== '') ? callIdProblem : null

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (callIdProblem) {
      setShowCallIdProblem(true)
      document.getElementById(ids.callId)?.focus()
      return
    }
    onJoin(trimmed)
    if (!state.mediaReady) setJoinPressed(true)
    holdStill()
  }

  return (
    <div ref={lobbyRef} className="screen lobby">
      <AppHeader>
        <div className="app-header__who">
          <bdi className="app-header__name">{session.user.displayName}</bdi>
          <span className="muted small">
            {/* Others join the built-in server's calls from a browser at its address. */}
            {session.embedded
              ? t('lobby.builtInServer', { url: session.serverUrl })
              : session.serverUrl}
          </span>
        </div>
        <button type="button" className="button button--quiet" onClick={onSignOut}>
          <SignOutIcon size={18} />
          {t('lobby.signOut')}
        </button>
      </AppHeader>

      <main className="lobby__main">
        {/* The embedded server signs tokens with a key that lives only as long as the app, so a
            memory-only session there loses nothing and needs no warning. */}
        {session.storage === 'memory' && !session.embedded ? (
          <MemorySessionNotice isDesktop={isDesktop} />
        ) : null}

        <div className="lobby__layout">
          <section className="lobby__preview" aria-label={t('lobby.cameraPreview')}>
            <CameraPreview
              self={state.self}
              displayName={session.user.displayName}
              cameraAccess={state.deviceAccess.camera}
            />
            <DeviceAccessAlerts engine={engine} state={state} isDesktop={isDesktop} showAbsent />
            <DeviceNotices engine={engine} notices={state.deviceNotices} />
            <div className="lobby__toggles">
              <MediaToggles engine={engine} self={state.self} />
            </div>
            <MicLevelMeter self={state.self} />
            <DeviceSettings engine={engine} state={state} className="lobby__devices" />
            <SpeakerTest state={state} />
          </section>

          <form
            className="card lobby__form"
            onSubmit={handleSubmit}
            noValidate
            aria-labelledby="lobby-title"
          >
            <h1 id="lobby-title" className="lobby__title">
              {t('lobby.title')}
            </h1>
            <p className="muted">{t('lobby.intro')}</p>

            <div className="field">
              <label htmlFor={ids.callId}>{t('lobby.callId')}</label>
              <div className="field__row">
                <input
                  id={ids.callId}
                  name="callId"
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={128}
                  placeholder={t('lobby.callIdPlaceholder')}
                  value={callId}
                  aria-invalid={visibleProblem ? true : undefined}
                  aria-describedby={ids.callIdHint}
                  onChange={(event) => {
                    onCallIdChange(event.target.value)
                    setShowCallIdProblem(false)
                  }}
                  autoFocus
                />
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    onCallIdChange(randomCallId())
                    setShowCallIdProblem(false)
                  }}
                >
                  <PlusIcon size={18} />
                  {t('lobby.newCall')}
                </button>
              </div>
              <p id={ids.callIdHint} className={visibleProblem ? 'field__error' : 'field__hint'}>
                {visibleProblem ?? t('lobby.callIdHint')}
              </p>
            </div>

            <button type="submit" className="button button--primary button--wide">
              {t('lobby.join')}
            </button>

            <RelayPreference bridge={bridge} engine={engine} turnAvailable={state.turnAvailable} />
            <ThemePreference />
            <LanguagePreference />

            <p className={`lobby__status lobby__status--${status.tone}`} role="status">
              <span className="status-dot" aria-hidden="true" />
              {status.text}
            </p>

            {state.error && !isDeviceError(state) ? (
              <AlertMessage
                message={callErrorText(state.error, t)}
                onDismiss={() => engine.dismissError()}
              />
            ) : null}
          </form>
        </div>
      </main>
    </div>
  )
}
