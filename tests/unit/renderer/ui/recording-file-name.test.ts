/** A recording's file name and the elapsed time on its badge. */
import { describe, expect, it } from 'vitest'
import {
  elapsedText,
  recordingFileName,
} from '../../../../src/renderer/src/ui/recording/recording-file-name'

describe('recordingFileName', () => {
  it('names the call and the local start time', () => {
    expect(recordingFileName('team-standup', new Date(2026, 11, 1, 9, 5))).toBe(
      'parley-team-standup-2026-12-01-0905.webm',
    )
  })

  it('keeps only file-safe characters, and stands in for a missing call', () => {
    expect(recordingFileName('../../etc/passwd', new Date(2026, 0, 2, 3, 4))).toBe(
      'parley-etcpasswd-2026-01-02-0304.webm',
    )
    expect(recordingFileName(null, new Date(2026, 0, 2, 3, 4))).toBe(
      'parley-call-2026-01-02-0304.webm',
    )
  })
})

describe('elapsedText', () => {
  it('writes minutes and seconds, and hours when there are some', () => {
    expect(elapsedText(0)).toBe('0:00')
    expect(elapsedText(65_400)).toBe('1:05')
    expect(elapsedText(3_723_000)).toBe('1:02:03')
    expect(elapsedText(-5)).toBe('0:00')
  })
})
