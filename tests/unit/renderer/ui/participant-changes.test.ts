/** Joins, leaves and new screen shares found between two CallStates, and their sentences. */
import { describe, expect, it } from 'vitest'
import {
  changeSentence,
  participantChanges,
  type PersonSnapshot,
} from '../../../../src/renderer/src/ui/notices/participant-changes'

function person(
  userId: string,
  displayName: string,
  screenSharing = false,
  media: { muted?: boolean; videoEnabled?: boolean } = {},
): PersonSnapshot {
  return {
    userId,
    displayName,
    mediaState: {
      screenSharing,
      muted: media.muted ?? false,
      videoEnabled: media.videoEnabled ?? true,
    },
  }
}

describe('participantChanges', () => {
  it('finds joins and leaves by user ID, not by name', () => {
    const before = [person('u1', 'Ann'), person('u2', 'Ben')]
    const after = [person('u1', 'Ann'), person('u3', 'Ben')]
    expect(participantChanges(before, after).map(changeSentence)).toEqual([
      'Ben joined',
      'Ben left',
    ])
  })

  it('tells of a screen share when it starts and when it stops, not while it goes on', () => {
    const idle = [person('u1', 'Ann')]
    const sharing = [person('u1', 'Ann', true)]
    expect(participantChanges(idle, sharing).map(changeSentence)).toEqual([
      'Ann is sharing their screen',
    ])
    expect(participantChanges(sharing, sharing)).toEqual([])
    expect(participantChanges(sharing, idle).map(changeSentence)).toEqual([
      'Ann stopped sharing their screen',
    ])
  })

  it('tells of a microphone or camera going off and on', () => {
    const on = [person('u1', 'Ann')]
    const off = [person('u1', 'Ann', false, { muted: true, videoEnabled: false })]
    expect(participantChanges(on, off).map(changeSentence)).toEqual([
      'Ann muted their microphone',
      'Ann turned their camera off',
    ])
    expect(participantChanges(off, on).map(changeSentence)).toEqual([
      'Ann unmuted their microphone',
      'Ann turned their camera on',
    ])
  })

  it('does not tell how someone arrives muted or without a camera: that is where they start', () => {
    const arrives = [person('u1', 'Ann', false, { muted: true, videoEnabled: false })]
    expect(participantChanges([], arrives).map(changeSentence)).toEqual(['Ann joined'])
  })

  it('someone joining while sharing is told as both', () => {
    expect(participantChanges([], [person('u1', 'Ann', true)]).map(changeSentence)).toEqual([
      'Ann joined',
      'Ann is sharing their screen',
    ])
  })

  it('names a nameless person "Someone"', () => {
    expect(participantChanges([], [person('u1', '  ')]).map(changeSentence)).toEqual([
      'Someone joined',
    ])
  })

  it('finds nothing when nothing changed', () => {
    const people = [person('u1', 'Ann'), person('u2', 'Ben')]
    expect(participantChanges(people, [...people])).toEqual([])
  })
})
