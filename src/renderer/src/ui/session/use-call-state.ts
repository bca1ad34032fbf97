/**
 * The UI's only view of a call: the engine's CallState. The engine hands out the same state
 * object until something changes (its contract with subscribe), and every state is a complete
 * snapshot, so an older one never needs to show once a newer exists.
 *
 * Renders of a new state are transitions: React renders them in slices and hands the main thread
 * back in between. Joining mounts the whole call screen while the engine is still negotiating,
 * and a render that held the thread (useSyncExternalStore renders synchronously) would hold every
 * socket message and WebRTC event behind it: the answer, the candidates, the first frame.
 */
import { startTransition, useEffect, useState } from 'react'
import type { CallEngine, CallState } from '../../engine/call-engine-api'

export function useCallState(engine: CallEngine): CallState {
  const [state, setState] = useState(() => engine.getState())
  useEffect(() => {
    const update = () => startTransition(() => setState(engine.getState()))
    // A change between the first render and this subscription is picked up here.
    update()
    return engine.subscribe(update)
  }, [engine])
  return state
}
