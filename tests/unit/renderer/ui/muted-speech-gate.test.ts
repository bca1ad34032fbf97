/** "You're muted" comes once per mute, when voice is heard, and again after an unmute. */
import { describe, expect, it } from 'vitest'
import { createMutedSpeechGate } from '../../../../src/renderer/src/ui/speaking/muted-speech-gate'

describe('muted speech gate', () => {
  it('opens on the first voice of a mute only', () => {
    const gate = createMutedSpeechGate()
    expect(gate.update(true, false)).toBe(false)
    expect(gate.update(true, true)).toBe(true)
    expect(gate.update(true, true)).toBe(false)
    expect(gate.update(true, false)).toBe(false)
    expect(gate.update(true, true)).toBe(false)
  })

  it('never opens while unmuted', () => {
    const gate = createMutedSpeechGate()
    expect(gate.update(false, true)).toBe(false)
    expect(gate.update(false, true)).toBe(false)
  })

  it('opens again after an unmute', () => {
    const gate = createMutedSpeechGate()
    gate.update(true, true)
    gate.update(false, true)
    expect(gate.update(true, true)).toBe(true)
  })
})
