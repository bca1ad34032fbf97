/** The level -> speaking hysteresis: quick to start, steady between words, ends after a hold. */
import { describe, expect, it } from 'vitest'
import { createSpeakingDetector } from '../../../../src/renderer/src/ui/speaking/speaking-detector'

const thresholds = { startLevel: 0.02, stopLevel: 0.01, holdMs: 600 }

describe('speaking detector', () => {
  it('starts on the first loud sample', () => {
    const detector = createSpeakingDetector(thresholds)
    expect(detector.update(0.005, 0)).toBe(false)
    expect(detector.update(0.05, 100)).toBe(true)
    expect(detector.speaking).toBe(true)
  })

  it('does not start on a level between the two thresholds', () => {
    const detector = createSpeakingDetector(thresholds)
    expect(detector.update(0.015, 0)).toBe(false)
    expect(detector.update(0.015, 100)).toBe(false)
  })

  it('keeps speaking through quiet gaps shorter than the hold', () => {
    const detector = createSpeakingDetector(thresholds)
    detector.update(0.05, 0)
    expect(detector.update(0.001, 100)).toBe(true)
    expect(detector.update(0.001, 500)).toBe(true)
    expect(detector.update(0.05, 550)).toBe(true)
    expect(detector.update(0.001, 1_100)).toBe(true)
  })

  it('stops once quiet has lasted the hold', () => {
    const detector = createSpeakingDetector(thresholds)
    detector.update(0.05, 0)
    detector.update(0.001, 100)
    expect(detector.update(0.001, 599)).toBe(true)
    expect(detector.update(0.001, 600)).toBe(false)
  })

  it('a level between the thresholds keeps speaking going but never starts it', () => {
    const detector = createSpeakingDetector(thresholds)
    detector.update(0.05, 0)
    expect(detector.update(0.015, 700)).toBe(true)
    expect(detector.update(0.015, 1_400)).toBe(true)
    expect(detector.update(0.001, 2_000)).toBe(false)
    expect(detector.update(0.015, 2_100)).toBe(false)
  })

  it('treats a broken reading as silence', () => {
    const detector = createSpeakingDetector(thresholds)
    expect(detector.update(Number.NaN, 0)).toBe(false)
    detector.update(0.05, 100)
    expect(detector.update(Number.NaN, 800)).toBe(false)
  })
})
