/**
 * The app's top level: finds out whether the host already holds a session, then shows sign-in or
 * the signed-in view. Deep-link join requests are caught here so one that arrives before sign-in
 * is not lost.
 */
import { useCallback, useEffect, useState } from 'react'
import type { Bridge, JoinRequest, SessionInfo } from '../../shared/bridge'
import { SignInScreen } from './ui/sign-in/sign-in-screen'
import { SessionView } from './ui/session/session-view'
import { LoadingScreen } from './ui/common/loading-screen'
import { useAppliedTheme } from './ui/common/display-preferences'

export interface AppProps {
  bridge: Bridge
  /** True in the desktop app (the preload's bridge); false in a browser. */
  isDesktop: boolean
}

type SessionLookup = { kind: 'loading' } | { kind: 'ready'; session: SessionInfo | null }

export function App({ bridge, isDesktop }: AppProps) {
  const [lookup, setLookup] = useState<SessionLookup>({ kind: 'loading' })
  const [pendingJoin, setPendingJoin] = useState<JoinRequest | null>(null)
  useAppliedTheme()

  useEffect(() => {
    let active = true
    bridge.signaling
      .getSession()
      .catch(() => null)
      .then((session) => {
        if (active) setLookup({ kind: 'ready', session })
      })
    const unsubscribeSession = bridge.signaling.onSessionChanged((session) => {
      if (active) setLookup({ kind: 'ready', session })
    })
    const unsubscribeJoin = bridge.signaling.onJoinRequest((request) => {
      if (active) setPendingJoin(request)
    })
    return () => {
      active = false
      unsubscribeSession()
      unsubscribeJoin()
    }
  }, [bridge])

  const handleSignedIn = useCallback((session: SessionInfo) => {
    setLookup({ kind: 'ready', session })
  }, [])

  const handleSignOut = useCallback(async () => {
    // The engine is disposed as the signed-in view unmounts; the host forgets the tokens.
    setLookup({ kind: 'ready', session: null })
    await bridge.signaling.signOut().catch(() => undefined)
  }, [bridge])

  const clearPendingJoin = useCallback(() => setPendingJoin(null), [])

  if (lookup.kind === 'loading') return <LoadingScreen />
  if (!lookup.session) {
    return <SignInScreen bridge={bridge} isDesktop={isDesktop} onSignedIn={handleSignedIn} />
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
      onSignOut={handleSignOut}
    />
  )
}
