/**
 * Decides when talking into a muted microphone earns the "You're muted" hint: the first time per
 * mute, not on every word. Unmuting (also holding Space to talk) ends the mute, so the next mute
 * may hint again. Pure: fed each sample's muted state and voice.
 */

export interface MutedSpeechGate {
  /** True exactly when the hint should appear now. */
  update(muted: boolean, voice: boolean): boolean
}

export function createMutedSpeechGate(): MutedSpeechGate {
  let hinted = false
  return {
    update(muted, voice) {
      if (!muted) {
        hinted = false
        return false
      }
      if (!voice || hinted) return false
      hinted = true
      return true
    },
  }
}
