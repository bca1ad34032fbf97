/**
 * One call engine per signed-in session. The engine lives exactly as long as the component that
 * calls this (the session view is keyed by server and user): created on mount, prepared at once
 * so the camera preview, RTC config and socket are ready before Join, disposed on sign-out or
 * unmount. main.tsx renders without StrictMode because its development double-mount would
 * dispose the one engine and then keep using it.
 */
import { useEffect, useState } from 'react'
import type { Bridge, SessionInfo } from '../../../../shared/bridge'
import type { CallEngine } from '../../engine/call-engine-api'
import { createCallEngine } from '../../engine'

export function useCallEngine(bridge: Bridge, session: SessionInfo): CallEngine {
  const [engine] = useState(() => createCallEngine({ bridge, session }))

  useEffect(() => {
    // prepare() reports its failures through CallState.error; nothing more to do with them here.
    engine.prepare().catch(() => undefined)
    return () => engine.dispose()
  }, [engine])

  return engine
}
