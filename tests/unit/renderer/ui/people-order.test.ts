import { describe, expect, it } from 'vitest'
import { peopleInPanelOrder } from '../../../../src/renderer/src/ui/people/people-order'

const person = (userId: string, isLocal = false) => ({ userId, isLocal })
const ids = (people: { userId: string }[]) => people.map((p) => p.userId)

describe('the People panel order', () => {
  const people = [person('me', true), person('ann'), person('ben'), person('cy'), person('dee')]

  it('is you first, then the others as they joined, when no hand is up', () => {
    expect(ids(peopleInPanelOrder(people, []))).toEqual(['me', 'ann', 'ben', 'cy', 'dee'])
  })

  it('puts raised hands right after you, in the order they went up', () => {
    expect(ids(peopleInPanelOrder(people, ['dee', 'ben']))).toEqual([
      'me',
      'dee',
      'ben',
      'ann',
      'cy',
    ])
  })

  it('keeps you first even with your hand up, and ignores hands of people who left', () => {
    expect(ids(peopleInPanelOrder(people, ['cy', 'me', 'gone']))).toEqual([
      'me',
      'cy',
      'ann',
      'ben',
      'dee',
    ])
  })

  it('does not change the list it is given', () => {
    peopleInPanelOrder(people, ['dee'])
    expect(ids(people)).toEqual(['me', 'ann', 'ben', 'cy', 'dee'])
  })
})
