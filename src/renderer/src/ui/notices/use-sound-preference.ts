/** The "sounds for joins and leaves" setting as React state, remembered in localStorage. */
import { useCallback, useState } from 'react'
import { loadSoundsEnabled, saveSoundsEnabled, type PreferenceStorage } from './sound-preference'

function storage(): PreferenceStorage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

export function useSoundPreference(): [boolean, (enabled: boolean) => void] {
  const [enabled, setEnabled] = useState(() => loadSoundsEnabled(storage()))
  const update = useCallback((next: boolean) => {
    saveSoundsEnabled(storage(), next)
    setEnabled(next)
  }, [])
  return [enabled, update]
}
