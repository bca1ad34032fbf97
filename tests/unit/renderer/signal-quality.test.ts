/** The signal indicator's one set of thresholds: good, fair and poor from loss, RTT and jitter. */
import { describe, expect, it } from 'vitest'
import {
  measuresOf,
  SIGNAL_THRESHOLDS,
  signalQuality,
  UPLINK_POOR_KBPS,
  theirUplinkQuality,
  uplinkQuality,
  worseQuality,
} from '../../../src/renderer/src/ui/call/signal-quality'

describe('signalQuality', () => {
  it('calls a quick, clean link good', () => {
    expect(signalQuality({ rttMs: 12, packetLossPercent: 0, jitterMs: 3 })).toBe('good')
  })

  it('says nothing before any measure is known', () => {
    expect(signalQuality(null)).toBeNull()
    expect(signalQuality({ rttMs: null, packetLossPercent: null })).toBeNull()
    expect(signalQuality({ rttMs: Number.NaN, packetLossPercent: null })).toBeNull()
  })

  it('judges each measure at its fair and poor limits', () => {
    const cases = [
      ['rttMs', SIGNAL_THRESHOLDS.rttMs],
      ['packetLossPercent', SIGNAL_THRESHOLDS.packetLossPercent],
      ['jitterMs', SIGNAL_THRESHOLDS.jitterMs],
    ] as const
    for (const [measure, limits] of cases) {
      const at = (value: number) =>
        signalQuality({ rttMs: null, packetLossPercent: null, [measure]: value })
      expect(at(limits.fair - 0.01), `${measure} just under fair`).toBe('good')
      expect(at(limits.fair), `${measure} at fair`).toBe('fair')
      expect(at(limits.poor - 0.01), `${measure} just under poor`).toBe('fair')
      expect(at(limits.poor), `${measure} at poor`).toBe('poor')
    }
  })

  it('takes the worst measure: low RTT does not hide heavy loss', () => {
    expect(signalQuality({ rttMs: 5, packetLossPercent: 12 })).toBe('poor')
    expect(signalQuality({ rttMs: 200, packetLossPercent: 0 })).toBe('fair')
    expect(signalQuality({ rttMs: 20, packetLossPercent: 0.5, jitterMs: 150 })).toBe('poor')
  })

  it('reads loss, round trip and jitter from the engine stats', () => {
    const stats = {
      rttMs: 450,
      packetLossPercent: 0,
      jitterMs: 120,
      inboundKbps: 900,
      outboundKbps: 800,
      route: 'relay',
      localCandidateType: 'relay',
      remoteCandidateType: 'host',
    }
    expect(measuresOf(stats)).toEqual({ rttMs: 450, packetLossPercent: 0, jitterMs: 120 })
    expect(measuresOf(null)).toBeNull()
  })

  it("a queue on the sender's uplink (jitter past the poor limit) makes its link poor", () => {
    expect(signalQuality(measuresOf({ rttMs: 200, packetLossPercent: 0, jitterMs: 130 }))).toBe(
      'poor',
    )
  })
})

describe('uplinkQuality', () => {
  const fine = { rttMs: 20, outboundLossPercent: 0, availableOutgoingKbps: 2_500 }

  it('is unknown without links, good on a clean uplink', () => {
    expect(uplinkQuality([])).toBeNull()
    expect(uplinkQuality([fine])).toBe('good')
  })

  it('a narrow uplink with a queue building is poor; the low estimate of a new link alone is not', () => {
    const narrow = { rttMs: 250, outboundLossPercent: 0, availableOutgoingKbps: 290 }
    expect(uplinkQuality([fine, narrow])).toBe('poor')
    expect(uplinkQuality([{ ...fine, availableOutgoingKbps: 300 }])).toBe('good')
    expect(uplinkQuality([{ ...narrow, availableOutgoingKbps: UPLINK_POOR_KBPS }])).toBe('fair')
  })

  it('what the receivers lose of what we send counts as loss', () => {
    expect(uplinkQuality([{ ...fine, outboundLossPercent: 12 }])).toBe('poor')
  })

  it('an estimate that stays low while video goes out is poor, even with no queue or loss', () => {
    // A 300 kbit/s uplink the bandwidth estimate adapted to: short round trip, nothing lost.
    const adapted = { ...fine, rttMs: 3, availableOutgoingKbps: 240, outboundVideoKbps: 75 }
    expect(uplinkQuality([adapted])).toBe('poor')
    // Without video to send the estimate has nothing to climb on: it says nothing.
    expect(uplinkQuality([{ ...adapted, outboundVideoKbps: 0 }])).toBe('good')
    expect(uplinkQuality([{ ...adapted, availableOutgoingKbps: UPLINK_POOR_KBPS }])).toBe('good')
  })
})

describe('what they tell of their own uplink', () => {
  it('is poor below the uplink limit, and says nothing above it or when unknown', () => {
    expect(theirUplinkQuality(240)).toBe('poor')
    expect(theirUplinkQuality(UPLINK_POOR_KBPS)).toBeNull()
    expect(theirUplinkQuality(null)).toBeNull()
    expect(theirUplinkQuality(undefined)).toBeNull()
  })

  it('the worse verdict wins; an unknown one says nothing', () => {
    expect(worseQuality('good', 'poor')).toBe('poor')
    expect(worseQuality('fair', null)).toBe('fair')
    expect(worseQuality(null, null)).toBeNull()
  })
})
