/**
 * A deep link never joins on its own: the question it asks depends on the server it names, the
 * call you are in, and the microphone and camera state you would join with.
 */
import { describe, expect, it } from 'vitest'
import type { SessionInfo } from '../../../src/shared/bridge'
import {
  joinMediaText,
  joinQuestion,
  type JoinContext,
} from '../../../src/renderer/src/ui/session/join-question'

const session: SessionInfo = {
  serverUrl: 'https://calls.example.test',
  user: { id: 'u1', displayName: 'Ada' },
  storage: 'keychain',
  embedded: false,
}

function state(
  overrides: Partial<JoinContext> = {},
  media?: { muted: boolean; video: boolean },
): JoinContext {
  return {
    callId: null,
    phase: 'lobby',
    self: media
      ? { mediaState: { muted: media.muted, videoEnabled: media.video, screenSharing: false } }
      : null,
    ...overrides,
  }
}

describe('join question', () => {
  it('asks to join from the lobby', () => {
    expect(joinQuestion({ callId: 'abc' }, session, state())).toEqual({
      kind: 'join',
      leavesCallId: null,
    })
  })

  it('says that joining leaves the running call', () => {
    const inCall = state({ phase: 'in-call', callId: 'standup' })
    expect(joinQuestion({ callId: 'abc' }, session, inCall)).toEqual({
      kind: 'join',
      leavesCallId: 'standup',
    })
    expect(joinQuestion({ callId: 'standup' }, session, inCall)).toEqual({
      kind: 'already-in-call',
    })
  })

  it('only explains a link to another server, and accepts one to this server', () => {
    expect(
      joinQuestion({ callId: 'abc', serverUrl: 'https://evil.example' }, session, state()),
    ).toEqual({ kind: 'other-server', linkServer: 'https://evil.example' })
    expect(
      joinQuestion({ callId: 'abc', serverUrl: 'https://calls.example.test/' }, session, state()),
    ).toEqual({ kind: 'join', leavesCallId: null })
  })

  it('names the microphone and camera state you will join with', () => {
    expect(joinMediaText(state({}, { muted: false, video: true }))).toBe(
      'You will join with your microphone on and your camera on.',
    )
    expect(joinMediaText(state({}, { muted: true, video: false }))).toBe(
      'You will join with your microphone muted and your camera off.',
    )
    expect(joinMediaText(state())).toMatch(/as set in the lobby/)
  })
})
