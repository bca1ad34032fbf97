/** The lobby's status line never says "Ready" while a join would still have to wait. */
import { describe, expect, it } from 'vitest'
import { lobbyStatus } from '../../../../src/renderer/src/ui/lobby/lobby-status'

const connected = { status: 'connected' as const, error: null }

describe('the lobby status line', () => {
  it('says ready only once the camera and microphone have answered', () => {
    expect(lobbyStatus({ ...connected, mediaReady: false })).toEqual({
      text: 'Starting your camera and microphone…',
      tone: 'connecting',
    })
    expect(lobbyStatus({ ...connected, mediaReady: true })).toEqual({
      text: 'Ready to join',
      tone: 'connected',
    })
  })

  it('tells a person who pressed Join early that the join is waiting for their devices', () => {
    expect(lobbyStatus({ ...connected, mediaReady: false }, true).text).toBe(
      'Joining as soon as your camera and microphone are ready…',
    )
    // Once they are ready the join goes out; the line no longer speaks of waiting.
    expect(lobbyStatus({ ...connected, mediaReady: true }, true).text).toBe('Ready to join')
  })

  it('puts the server first: unreachable or refused says so whatever the devices do', () => {
    expect(lobbyStatus({ status: 'connecting', error: null, mediaReady: false }).text).toBe(
      'Reaching the server…',
    )
    const full = {
      code: 'CALL_FULL',
      scope: 'join' as const,
      message: 'The call is full.',
    }
    expect(lobbyStatus({ ...connected, error: full, mediaReady: false }, true).text).toBe(
      'Not joined: the call is full',
    )
  })
})
