/** Our own uplink as one set of figures, taken from the link that suffers most. */
import { describe, expect, it } from 'vitest'
import type { PeerStats } from '../../../../src/renderer/src/engine/call-engine-api'
import { uplinkStats } from '../../../../src/renderer/src/engine/stats-sampler'

function stats(rttMs: number | null, availableOutgoingKbps: number | null): PeerStats {
  return {
    rttMs,
    packetLossPercent: 0,
    jitterMs: null,
    inboundKbps: null,
    outboundKbps: null,
    outboundLossPercent: 0,
    availableOutgoingKbps,
    outboundVideoKbps: null,
    route: 'direct',
    localCandidateType: 'host',
    remoteCandidateType: 'host',
  }
}

describe('uplinkStats', () => {
  it('is null until a link has stats', () => {
    expect(uplinkStats([])).toBeNull()
    expect(uplinkStats([null, null])).toBeNull()
  })

  it('takes the link with the longest round trip', () => {
    const slow = stats(320, 290)
    expect(uplinkStats([stats(20, 2_000), null, slow, stats(null, 100)])).toBe(slow)
  })
})
