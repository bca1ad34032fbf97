/**
 * The UI's only view of a call: the engine's CallState, read through useSyncExternalStore.
 * The engine hands out the same state object until something changes (its contract with
 * subscribe), which is what useSyncExternalStore needs from a snapshot.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { CallEngine, CallState } from '../../engine/call-engine-api'

export function useCallState(engine: CallEngine): CallState {
  const subscribe = useCallback(
    (onChange: () => void) => engine.subscribe(() => onChange()),
    [engine],
  )
  const getSnapshot = useCallback(() => engine.getState(), [engine])
  return useSyncExternalStore(subscribe, getSnapshot)
}
