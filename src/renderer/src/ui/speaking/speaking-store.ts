/**
 * Who is speaking, per person, for React to read with useSyncExternalStore. Each listener hears
 * only about its own person, and only when speaking starts or stops: levels are sampled many
 * times a second, but a tile re-renders twice per sentence at most.
 */

export interface SpeakingStore {
  isSpeaking(userId: string): boolean
  /** Listens to one person's changes; returns the unsubscribe. */
  subscribe(userId: string, listener: () => void): () => void
  /** Records what was measured; listeners run only on a change. */
  set(userId: string, speaking: boolean): void
  /** Everyone who is speaking now. */
  speakers(): ReadonlySet<string>
}

export function createSpeakingStore(): SpeakingStore {
  const speaking = new Set<string>()
  const listeners = new Map<string, Set<() => void>>()
  return {
    isSpeaking: (userId) => speaking.has(userId),
    subscribe(userId, listener) {
      let forUser = listeners.get(userId)
      if (!forUser) {
        forUser = new Set()
        listeners.set(userId, forUser)
      }
      forUser.add(listener)
      return () => {
        forUser.delete(listener)
        if (forUser.size === 0) listeners.delete(userId)
      }
    },
    set(userId, now) {
      if (speaking.has(userId) === now) return
      if (now) speaking.add(userId)
      else speaking.delete(userId)
      for (const listener of listeners.get(userId) ?? []) listener()
    },
    speakers: () => new Set(speaking),
  }
}
