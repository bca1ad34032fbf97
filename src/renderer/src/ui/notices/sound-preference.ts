/**
 * Whether joins and leaves make a sound. Remembered on this device; anything unreadable in
 * storage means the default, sounds on.
 */

/** The part of the Web Storage API used, so tests pass a Map-backed one. */
export interface PreferenceStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const SOUND_PREFERENCE_KEY = 'parley.callSounds'

export function loadSoundsEnabled(storage: PreferenceStorage | null): boolean {
  try {
    return storage?.getItem(SOUND_PREFERENCE_KEY) !== 'off'
  } catch {
    // Storage can be switched off by the browser; sounds then stay on for this visit.
    return true
  }
}

export function saveSoundsEnabled(storage: PreferenceStorage | null, enabled: boolean): void {
  try {
    storage?.setItem(SOUND_PREFERENCE_KEY, enabled ? 'on' : 'off')
  } catch {
    // Not remembered, but still applied for this visit.
  }
}
