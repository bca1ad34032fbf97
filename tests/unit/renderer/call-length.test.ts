/** The end-of-call screen's call length, as a clock reads it. */
import { describe, expect, it } from 'vitest'
import { formatCallLength } from '../../../src/renderer/src/ui/call/call-length'

describe('formatCallLength', () => {
  it('reads minutes and seconds, then hours', () => {
    expect(formatCallLength(0)).toBe('0:00')
    expect(formatCallLength(42_900)).toBe('0:42')
    expect(formatCallLength(12 * 60_000 + 5_000)).toBe('12:05')
    expect(formatCallLength(3_600_000 + 2 * 60_000 + 9_000)).toBe('1:02:09')
  })

  it('never goes below zero (a clock that moved back)', () => {
    expect(formatCallLength(-5_000)).toBe('0:00')
  })
})
