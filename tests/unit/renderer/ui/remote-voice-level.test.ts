/** A remote voice is read from their packets; an analyser only when those tell no level for a while. */
import { describe, expect, it } from 'vitest'
import {
  createRemoteVoiceLevel,
  type LevelReader,
} from '../../../../src/renderer/src/ui/speaking/remote-voice-level'

/** An analyser stand-in that reads a fixed level and counts how often it was opened and closed. */
function fakeAnalysers(level: number) {
  const counts = { opened: 0, disposed: 0 }
  const open = (): LevelReader => {
    counts.opened++
    return { read: () => level, dispose: () => void counts.disposed++ }
  }
  return { counts, open }
}

describe('createRemoteVoiceLevel', () => {
  it('reads the level their packets carry and opens no analyser', () => {
    const analysers = fakeAnalysers(0.9)
    const voice = createRemoteVoiceLevel(() => 0.3, analysers.open, 3)
    for (let look = 0; look < 10; look++) expect(voice.read()).toBe(0.3)
    expect(analysers.counts.opened).toBe(0)
    expect(voice.analysing).toBe(false)
  })

  it('measures through an analyser only after the level was missing for the given looks', () => {
    const analysers = fakeAnalysers(0.5)
    const voice = createRemoteVoiceLevel(() => null, analysers.open, 3)
    expect(voice.read()).toBe(0)
    expect(voice.read()).toBe(0)
    expect(analysers.counts.opened).toBe(0)
    expect(voice.read()).toBe(0.5)
    expect(voice.read()).toBe(0.5)
    expect(analysers.counts.opened).toBe(1)
    expect(voice.analysing).toBe(true)
  })

  it('closes the analyser as soon as their packets tell a level again, and on dispose', () => {
    const analysers = fakeAnalysers(0.5)
    let fromPackets: number | null = null
    const voice = createRemoteVoiceLevel(() => fromPackets, analysers.open, 1)
    expect(voice.read()).toBe(0.5)
    fromPackets = 0.05
    expect(voice.read()).toBe(0.05)
    expect(analysers.counts.disposed).toBe(1)
    expect(voice.analysing).toBe(false)
    // With a budget of one look, the next missing level opens a new one.
    fromPackets = null
    expect(voice.read()).toBe(0.5)
    voice.dispose()
    expect(analysers.counts.disposed).toBe(2)
    expect(voice.analysing).toBe(false)
  })

  it('a gap shorter than the budget keeps reading silence, not an analyser', () => {
    const analysers = fakeAnalysers(0.5)
    let fromPackets: number | null = 0.2
    const voice = createRemoteVoiceLevel(() => fromPackets, analysers.open, 3)
    voice.read()
    fromPackets = null
    expect(voice.read()).toBe(0)
    expect(voice.read()).toBe(0)
    fromPackets = 0.1
    expect(voice.read()).toBe(0.1)
    fromPackets = null
    expect(voice.read()).toBe(0)
    expect(analysers.counts.opened).toBe(0)
  })
})
