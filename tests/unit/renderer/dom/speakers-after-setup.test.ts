/** When a person joins the speaking monitor: not while their link is being set up. */
import { describe, expect, it } from 'vitest'
import type { ParticipantView } from '../../../../src/renderer/src/engine/call-engine-api'
import {
  FIRST_FRAME_WAIT_MS,
  monitorDelay,
} from '../../../../src/renderer/src/ui/in-call/speakers-after-setup'

function person(userId: string, overrides: Partial<ParticipantView> = {}): ParticipantView {
  return {
    userId,
    displayName: userId,
    isLocal: false,
    mediaState: { muted: false, videoEnabled: true, screenSharing: false },
    cameraStream: null,
    screenStream: null,
    link: 'connecting',
    linkProblem: null,
    stats: null,
    messaging: 'ready',
    handRaised: false,
    recording: false,
    ...overrides,
  }
}

const stream = {} as MediaStream
const self = person('me', { isLocal: true, link: 'connected', cameraStream: stream })

describe('monitorDelay', () => {
  it('keeps a remote out while their link is being set up', () => {
    const ann = person('ann', { cameraStream: stream })
    expect(monitorDelay(ann, [self, ann], new Set())).toBeNull()
  })

  it('waits for the first frame of a connected camera, at most a while', () => {
    const ann = person('ann', { cameraStream: stream, link: 'connected' })
    expect(monitorDelay(ann, [self, ann], new Set())).toBe(FIRST_FRAME_WAIT_MS)
  })

  it('takes a connected remote with no camera at once', () => {
    const off = person('ann', {
      link: 'connected',
      cameraStream: stream,
      mediaState: { muted: false, videoEnabled: false, screenSharing: false },
    })
    expect(monitorDelay(off, [self, off], new Set())).toBe(0)
    const none = person('bob', { link: 'connected' })
    expect(monitorDelay(none, [self, none], new Set())).toBe(0)
  })

  it('measures us once nobody is being set up any more', () => {
    const ann = person('ann', { link: 'connected', cameraStream: stream })
    const bob = person('bob', { link: 'failed' })
    expect(monitorDelay(self, [self, ann, bob], new Set())).toBeNull()
    // A failed link does not hold us back; a settled one no longer does.
    expect(monitorDelay(self, [self, ann, bob], new Set(['ann']))).toBe(0)
    expect(monitorDelay(self, [self], new Set())).toBe(0)
  })

  it('schedules nobody twice', () => {
    const ann = person('ann', { link: 'connected', cameraStream: stream })
    expect(monitorDelay(ann, [self, ann], new Set(['ann']))).toBeNull()
    expect(monitorDelay(self, [self], new Set(['me']))).toBeNull()
  })
})
