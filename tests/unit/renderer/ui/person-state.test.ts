/** A person's state in words for the People panel. */
import { describe, expect, it } from 'vitest'
import { personStateWords } from '../../../../src/renderer/src/ui/people/person-state'

const idle = { muted: false, videoEnabled: true, screenSharing: false, speaking: false }

describe('personStateWords', () => {
  it('says nothing of someone with everything on and quiet', () => {
    expect(personStateWords(idle)).toEqual([])
  })

  it('names each state that holds', () => {
    expect(personStateWords({ ...idle, muted: true, videoEnabled: false })).toEqual([
      'muted',
      'camera off',
    ])
    expect(personStateWords({ ...idle, speaking: true, screenSharing: true })).toEqual([
      'speaking',
      'sharing',
    ])
  })
})
