/**
 * The UI's only view of a call: the engine's CallState, read through useSyncExternalStore.
 * The last state handed to a subscriber is cached, so a snapshot stays referentially stable even
 * if an engine builds a fresh object on every getState() call.
 */
import { useSyncExternalStore } from 'react'
import type { CallEngine, CallState } from '../../engine/call-engine-api'

interface CallStateStore {
  subscribe(onChange: () => void): () => void
  getSnapshot(): CallState
}

const stores = new WeakMap<CallEngine, CallStateStore>()

function storeFor(engine: CallEngine): CallStateStore {
  const existing = stores.get(engine)
  if (existing) return existing
  let snapshot = engine.getState()
  const store: CallStateStore = {
    subscribe(onChange) {
      return engine.subscribe((state) => {
        snapshot = state
        onChange()
      })
    },
    getSnapshot: () => snapshot,
  }
  stores.set(engine, store)
  return store
}

export function useCallState(engine: CallEngine): CallState {
  const store = storeFor(engine)
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
