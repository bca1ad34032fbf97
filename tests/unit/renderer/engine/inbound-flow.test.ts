/**
 * The decision behind a link's stall detection: media that plays settles a look without a stats
 * report, and the transport's byte count decides only when media cannot tell.
 */
import { describe, expect, it } from 'vitest'
import { InboundFlowWatch, latestMediaAt } from '../../../../src/renderer/src/engine/inbound-flow'

const receiver = (...timestamps: number[]) => ({
  getSynchronizationSources: () =>
    timestamps.map((timestamp) => ({ timestamp, source: 1, rtpTimestamp: 0 })),
})

describe('latestMediaAt', () => {
  it('is the newest source of any receiver, null when none reports', () => {
    expect(latestMediaAt([receiver(5, 40), receiver(), receiver(12)])).toBe(40)
    expect(latestMediaAt([receiver(), receiver()])).toBeNull()
    expect(latestMediaAt([receiver(Number.NaN)])).toBeNull()
  })
})

describe('InboundFlowWatch', () => {
  it('media newer than the last look settles the look; the same media again does not', () => {
    const watch = new InboundFlowWatch()
    expect(watch.media(100)).toBe(true)
    expect(watch.media(600)).toBe(true)
    expect(watch.quietLooks).toBe(0)
    expect(watch.media(600)).toBe(false)
    expect(watch.media(null)).toBe(false)
  })

  it('media that stops with nothing else arriving: quiet looks add up', () => {
    const watch = new InboundFlowWatch()
    watch.media(100)
    // The first count has none to compare with: stopped media alone makes the look quiet.
    watch.transportBytes(5_000)
    expect(watch.quietLooks).toBe(1)
    watch.transportBytes(5_000)
    watch.transportBytes(5_000)
    expect(watch.quietLooks).toBe(3)
    // A packet plays again.
    expect(watch.media(2_000)).toBe(true)
    expect(watch.quietLooks).toBe(0)
  })

  it('camera off and a muted or silent voice: growing RTCP keeps every other look from counting', () => {
    const watch = new InboundFlowWatch()
    watch.media(100)
    let bytes = 5_000
    let most = 0
    for (let look = 0; look < 10; look++) {
      watch.media(100)
      watch.transportBytes((bytes += 80))
      most = Math.max(most, watch.quietLooks)
    }
    expect(most).toBe(1)
    expect(watch.quietLooks).toBe(0)
  })

  it('a peer that never sent anything is never quiet', () => {
    const watch = new InboundFlowWatch()
    for (let look = 0; look < 5; look++) watch.transportBytes(0)
    expect(watch.quietLooks).toBe(0)
  })

  it('without media, bytes that stop after flowing count, and a reset starts afresh', () => {
    const watch = new InboundFlowWatch()
    watch.transportBytes(100)
    watch.transportBytes(300)
    expect(watch.quietLooks).toBe(0)
    watch.transportBytes(300)
    watch.transportBytes(300)
    expect(watch.quietLooks).toBe(2)
    watch.reset()
    expect(watch.quietLooks).toBe(0)
    // No count to compare with after the reset, and no media ever: not quiet.
    watch.transportBytes(300)
    expect(watch.quietLooks).toBe(0)
  })
})
