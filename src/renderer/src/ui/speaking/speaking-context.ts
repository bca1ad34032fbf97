/**
 * Who is speaking, for any tile or row below the call screen. Each reader subscribes to one
 * person only, so a voice starting re-renders that person's tile and row and nothing else.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react'
import { createSpeakingStore, type SpeakingStore } from './speaking-store'

/** Outside a call nobody is measured: a store nobody writes to. */
export const SpeakingContext = createContext<SpeakingStore>(createSpeakingStore())

export function useSpeaking(userId: string): boolean {
  const store = useContext(SpeakingContext)
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(userId, listener),
    [store, userId],
  )
  return useSyncExternalStore(subscribe, () => store.isSpeaking(userId))
}
