/**
 * Turns one peer connection's getStats() into the few figures people can act on: round-trip time
 * and route of the selected candidate pair, inbound loss over the last interval, and bitrates.
 */
import type { PeerStats } from './call-engine-api'

interface Totals {
  at: number
  bytesReceived: number
  bytesSent: number
  videoBytesSent: number
  packetsReceived: number
  packetsLost: number
}

type StatsEntry = Record<string, unknown> & { type: string; id: string }

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

export class StatsSampler {
  private previous: Totals | null = null
  private previousAvailable: number | null = null

  async sample(pc: RTCPeerConnection): Promise<{ stats: PeerStats }> {
    const report = await pc.getStats()
    const entries = new Map<string, StatsEntry>()
    report.forEach((value: StatsEntry) => entries.set(value.id, value))

    let pair: StatsEntry | undefined
    let jitterSeconds: number | null = null
    let outboundLost: number | null = null
    const totals: Totals = {
      at: performance.now(),
      bytesReceived: 0,
      bytesSent: 0,
      videoBytesSent: 0,
      packetsReceived: 0,
      packetsLost: 0,
    }
    for (const entry of entries.values()) {
      if (entry.type === 'transport') {
        const id = str(entry.selectedCandidatePairId)
        if (id) pair = entries.get(id) ?? pair
      } else if (entry.type === 'inbound-rtp') {
        totals.bytesReceived += num(entry.bytesReceived) ?? 0
        totals.packetsReceived += num(entry.packetsReceived) ?? 0
        totals.packetsLost += num(entry.packetsLost) ?? 0
        const jitter = num(entry.jitter)
        if (jitter !== null) jitterSeconds = Math.max(jitterSeconds ?? 0, jitter)
      } else if (entry.type === 'remote-inbound-rtp') {
        // Their receiver's view of what we send: the loss on our uplink and the path after it.
        const lost = num(entry.fractionLost)
        if (lost !== null) outboundLost = Math.max(outboundLost ?? 0, lost)
      } else if (entry.type === 'outbound-rtp') {
        totals.bytesSent += num(entry.bytesSent) ?? 0
        if (entry.kind === 'video') totals.videoBytesSent += num(entry.bytesSent) ?? 0
      }
    }
    // Some browsers name no selected pair on the transport: the nominated, succeeded one is it.
    pair ??= [...entries.values()].find(
      (e) => e.type === 'candidate-pair' && e.nominated === true && e.state === 'succeeded',
    )

    const local = pair ? entries.get(str(pair.localCandidateId) ?? '') : undefined
    const remote = pair ? entries.get(str(pair.remoteCandidateId) ?? '') : undefined
    const localType = local ? str(local.candidateType) : null
    const remoteType = remote ? str(remote.candidateType) : null
    const rtt = pair ? num(pair.currentRoundTripTime) : null
    const available = pair ? num(pair.availableOutgoingBitrate) : null
    // The estimate starts low on every new path and climbs within a second or two: only one that
    // stayed low over two samples is reported, as the higher of the two.
    const previousAvailable = this.previousAvailable
    this.previousAvailable = available
    const sustainedAvailable =
      available !== null && previousAvailable !== null
        ? Math.max(available, previousAvailable)
        : null

    const previous = this.previous
    this.previous = totals
    let inboundKbps: number | null = null
    let outboundKbps: number | null = null
    let outboundVideoKbps: number | null = null
    let packetLossPercent: number | null = null
    if (previous) {
      const seconds = (totals.at - previous.at) / 1000
      if (seconds > 0) {
        inboundKbps = Math.max(
          0,
          ((totals.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds,
        )
        outboundKbps = Math.max(0, ((totals.bytesSent - previous.bytesSent) * 8) / 1000 / seconds)
        outboundVideoKbps = Math.max(
          0,
          ((totals.videoBytesSent - previous.videoBytesSent) * 8) / 1000 / seconds,
        )
      }
      const received = totals.packetsReceived - previous.packetsReceived
      const lost = Math.max(0, totals.packetsLost - previous.packetsLost)
      packetLossPercent = received + lost > 0 ? (lost / (received + lost)) * 100 : 0
    }

    const stats: PeerStats = {
      rttMs: rtt !== null ? Math.round(rtt * 1000) : null,
      packetLossPercent: packetLossPercent !== null ? round1(packetLossPercent) : null,
      jitterMs: jitterSeconds !== null ? Math.round(jitterSeconds * 1000) : null,
      inboundKbps: inboundKbps !== null ? Math.round(inboundKbps) : null,
      outboundKbps: outboundKbps !== null ? Math.round(outboundKbps) : null,
      outboundVideoKbps: outboundVideoKbps !== null ? Math.round(outboundVideoKbps) : null,
      outboundLossPercent: outboundLost !== null ? round1(outboundLost * 100) : null,
      availableOutgoingKbps:
        sustainedAvailable !== null ? Math.round(sustainedAvailable / 1000) : null,
      route:
        localType === null && remoteType === null
          ? 'unknown'
          : localType === 'relay' || remoteType === 'relay'
            ? 'relay'
            : 'direct',
      localCandidateType: localType,
      remoteCandidateType: remoteType,
    }
    return { stats }
  }
}

/**
 * Everything the transport received so far (media and RTCP), which keeps growing while the
 * remote is reachable; null when the browser does not report it.
 */
export function receivedBytesOf(report: RTCStatsReport): number | null {
  let transportBytes: number | null = null
  let nominatedPairBytes: number | null = null
  report.forEach((entry: StatsEntry) => {
    if (entry.type === 'transport') {
      const bytes = num(entry.bytesReceived)
      if (bytes !== null) transportBytes = (transportBytes ?? 0) + bytes
    } else if (
      entry.type === 'candidate-pair' &&
      entry.nominated === true &&
      entry.state === 'succeeded'
    ) {
      nominatedPairBytes = num(entry.bytesReceived) ?? nominatedPairBytes
    }
  })
  return transportBytes ?? nominatedPairBytes
}

/** Same figures: nothing for the UI to render again. */
export function sameStats(a: PeerStats, b: PeerStats): boolean {
  return (Object.keys(a) as (keyof PeerStats)[]).every((key) => a[key] === b[key])
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

/**
 * Our own uplink as one set of figures: the link with the longest round trip (a queue on our
 * uplink lengthens every link's; the UI judges the figures). Null while no link has stats.
 */
export function uplinkStats(all: readonly (PeerStats | null)[]): PeerStats | null {
  let worst: PeerStats | null = null
  for (const stats of all) {
    if (!stats) continue
    if (!worst || (stats.rttMs ?? -1) > (worst.rttMs ?? -1)) worst = stats
  }
  return worst
}
