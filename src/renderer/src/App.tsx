/**
 * The app's top level: finds out whether the host already holds a session, then shows sign-in or
 * the signed-in view. Deep-link join requests are caught here so one that arrives before sign-in
 * is not lost.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AUTH_PHRASES } from '../../shared/auth/auth-messages'
import type { Phrase } from '../../shared/i18n/phrase'
import type { Bridge, JoinRequest, SessionInfo } from '../../shared/bridge'
import { SignInScreen } from './ui/sign-in/sign-in-screen'
import { SessionView } from './ui/session/session-view'
import { LoadingScreen } from './ui/common/loading-screen'
import { useAppliedTheme } from './ui/common/display-preferences'
import { useAppliedLanguage } from './ui/common/i18n'

export interface AppProps {
  bridge: Bridge
  /** True in the desktop app (the preload's bridge); false in a browser. */
  isDesktop: boolean
}

type SessionLookup = { kind: 'loading' } | { kind: 'ready'; session: SessionInfo | null }

export function App({ bridge, isDesktop }: AppProps) {
  const [lookup, setLookup] = useState<SessionLookup>({ kind: 'loading' })
  const [pendingJoin, setPendingJoin] = useState<JoinRequest | null>(null)
  /** Why the session ended when the person did not sign out (the server refused the sign-in). */
  const [signedOutReason, setSignedOutReason] = useState<Phrase | null>(null)
  /** A call to rejoin after the host signed a guest in again under a new identity. */
  const [resumeCallId, setResumeCallId] = useState<string | null>(null)
  const sessionRef = useRef<SessionInfo | null>(null)
  const activeCallRef = useRef<string | null>(null)
  const signingOutRef = useRef(false)
  const { t } = useTranslation()
  useAppliedTheme()
  useAppliedLanguage()

  useEffect(() => {
    let active = true
    bridge.signaling
      .getSession()
      .catch(() => null)
      .then((session) => {
        if (active) setLookup({ kind: 'ready', session })
      })
    const unsubscribeSession = bridge.signaling.onSessionChanged((session) => {
      if (!active) return
      const previous = sessionRef.current
      if (previous && !session && !signingOutRef.current) {
        setSignedOutReason(AUTH_PHRASES.refreshRefused)
      }
      // Same server, new identity: a guest signed in again by name. Carry the call over.
      const renewedGuest =
        previous !== null &&
        session !== null &&
        previous.serverUrl === session.serverUrl &&
        previous.user.id !== session.user.id
      setResumeCallId(renewedGuest ? activeCallRef.current : null)
      setLookup({ kind: 'ready', session })
    })
    const unsubscribeJoin = bridge.signaling.onJoinRequest((request) => {
      if (active) setPendingJoin(request)
    })
    // Listening now: the host sends the join requests it held while the page loaded.
    bridge.signaling.pageReady().catch(() => undefined)
    return () => {
      active = false
      unsubscribeSession()
      unsubscribeJoin()
    }
  }, [bridge])

  const handleSignedIn = useCallback((session: SessionInfo) => {
    setSignedOutReason(null)
    setResumeCallId(null)
    setLookup({ kind: 'ready', session })
  }, [])

  const handleSignOut = useCallback(async () => {
    // The engine is disposed as the signed-in view unmounts; the host forgets the tokens.
    signingOutRef.current = true
    setLookup({ kind: 'ready', session: null })
    await bridge.signaling.signOut().catch(() => undefined)
    signingOutRef.current = false
  }, [bridge])

  const handleCallChange = useCallback((callId: string | null) => {
    activeCallRef.current = callId
  }, [])

  const currentSession = lookup.kind === 'ready' ? lookup.session : null
  useEffect(() => {
    sessionRef.current = currentSession
  }, [currentSession])

  const clearPendingJoin = useCallback(() => setPendingJoin(null), [])

  if (lookup.kind === 'loading') return <LoadingScreen />
  if (!lookup.session) {
    return (
      <SignInScreen
        bridge={bridge}
        isDesktop={isDesktop}
        notice={signedOutReason ? t(signedOutReason.key, signedOutReason.values ?? {}) : null}
        onSignedIn={handleSignedIn}
      />
    )
  }
  return (
    <SessionView
      // A new session (another user or server) gets a fresh engine.
      key={`${lookup.session.serverUrl}|${lookup.session.user.id}`}
      bridge={bridge}
      session={lookup.session}
      isDesktop={isDesktop}
      pendingJoin={pendingJoin}
      onPendingJoinHandled={clearPendingJoin}
      resumeCallId={resumeCallId}
      onCallChange={handleCallChange}
      onSignOut={handleSignOut}
    />
  )
}
