/** The join/leave sound setting: on by default, remembered, and storage failures lose nothing. */
import { describe, expect, it } from 'vitest'
import {
  loadSoundsEnabled,
  saveSoundsEnabled,
  type PreferenceStorage,
} from '../../../../src/renderer/src/ui/notices/sound-preference'

function memoryStorage(): PreferenceStorage {
  const values = new Map<string, string>()
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  }
}

const brokenStorage: PreferenceStorage = {
  getItem: () => {
    throw new Error('SecurityError')
  },
  setItem: () => {
    throw new Error('QuotaExceededError')
  },
}

describe('sound preference', () => {
  it('is on until turned off, and remembers both ways', () => {
    const storage = memoryStorage()
    expect(loadSoundsEnabled(storage)).toBe(true)
    saveSoundsEnabled(storage, false)
    expect(loadSoundsEnabled(storage)).toBe(false)
    saveSoundsEnabled(storage, true)
    expect(loadSoundsEnabled(storage)).toBe(true)
  })

  it('survives storage that throws or is missing', () => {
    expect(loadSoundsEnabled(brokenStorage)).toBe(true)
    expect(() => saveSoundsEnabled(brokenStorage, false)).not.toThrow()
    expect(loadSoundsEnabled(null)).toBe(true)
  })

  it('reads an unknown stored value as on', () => {
    const storage = memoryStorage()
    storage.setItem('parley.callSounds', '{"garbage":')
    expect(loadSoundsEnabled(storage)).toBe(true)
  })
})
