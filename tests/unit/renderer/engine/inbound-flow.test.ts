/**
 * The decision behind a link's stall detection: frames that show settle a look without a stats
 * report, and the transport's byte count decides only when frames cannot tell.
 */
import { describe, expect, it } from 'vitest'
import { InboundFlowWatch } from '../../../../src/renderer/src/engine/inbound-flow'

describe('InboundFlowWatch', () => {
  it('a count of frames shown that moved settles the look; the same count again does not', () => {
    const watch = new InboundFlowWatch()
    expect(watch.frames(12)).toBe(true)
    expect(watch.frames(24)).toBe(true)
    expect(watch.quietLooks).toBe(0)
    expect(watch.frames(24)).toBe(false)
    // Nothing shows the link's video, or it showed nothing yet: frames cannot tell.
    expect(watch.frames(null)).toBe(false)
    expect(watch.frames(0)).toBe(false)
    // A new element counts from the start again: a moved count all the same.
    expect(watch.frames(3)).toBe(true)
  })

  it('frames that stop with nothing else arriving: quiet looks add up', () => {
    const watch = new InboundFlowWatch()
    watch.frames(100)
    // Frames that stood still make the look quiet for now; its byte count is what the next
    // look compares with, so a stall is seen after as many looks as a stats report every look.
    expect(watch.frames(100)).toBe(false)
    watch.transportBytes(5_000)
    expect(watch.quietLooks).toBe(1)
    watch.frames(100)
    watch.transportBytes(5_000)
    watch.frames(100)
    watch.transportBytes(5_000)
    expect(watch.quietLooks).toBe(3)
    // A frame shows again.
    expect(watch.frames(101)).toBe(true)
    expect(watch.quietLooks).toBe(0)
  })

  it('a frame counter that stood still on a busy page while packets came: the count starts again', () => {
    const watch = new InboundFlowWatch()
    watch.frames(100)
    watch.frames(100)
    watch.transportBytes(5_000)
    expect(watch.quietLooks).toBe(1)
    watch.frames(100)
    watch.transportBytes(9_000)
    expect(watch.quietLooks).toBe(0)
  })

  it('camera off and a muted or silent voice: growing RTCP makes no look quiet', () => {
    const watch = new InboundFlowWatch()
    watch.frames(100)
    let bytes = 5_000
    let most = 0
    watch.frames(100)
    watch.transportBytes(bytes)
    // The look where the frames stood still is quiet for now; the growing count ends that.
    expect(watch.quietLooks).toBe(1)
    for (let look = 0; look < 10; look++) {
      watch.frames(100)
      watch.transportBytes((bytes += 80))
      most = Math.max(most, watch.quietLooks)
    }
    expect(most).toBe(0)
  })

  it('a peer that never sent anything is never quiet', () => {
    const watch = new InboundFlowWatch()
    for (let look = 0; look < 5; look++) watch.transportBytes(0)
    expect(watch.quietLooks).toBe(0)
  })

  it('without video, bytes that stop after flowing count, and a reset starts afresh', () => {
    const watch = new InboundFlowWatch()
    watch.transportBytes(100)
    watch.transportBytes(300)
    expect(watch.quietLooks).toBe(0)
    watch.transportBytes(300)
    watch.transportBytes(300)
    expect(watch.quietLooks).toBe(2)
    watch.reset()
    expect(watch.quietLooks).toBe(0)
    // No count to compare with after the reset, and no frame ever: not quiet.
    watch.transportBytes(300)
    expect(watch.quietLooks).toBe(0)
  })
})
