/**
 * How good a link to one person is, in three words: good, fair or poor. Every threshold lives
 * here so the tiles, the details and the tests agree. The limits follow what people notice:
 * about 150 ms of round trip starts to make turn-taking awkward and 400 ms breaks it; a few
 * percent of loss shows as smeared video and clipped words; jitter above ~30 ms makes the
 * receiver buffer more (more delay), above ~100 ms it drops audio.
 */
export type SignalQuality = 'good' | 'fair' | 'poor'

/** The measures the quality is judged from. Jitter is optional: not every source reports it. */
export interface SignalMeasures {
  rttMs: number | null
  packetLossPercent: number | null
  jitterMs?: number | null
}

interface Limits {
  /** At or above this, the link is at least fair (not good). */
  fair: number
  /** At or above this, the link is poor. */
  poor: number
}

export const SIGNAL_THRESHOLDS = {
  rttMs: { fair: 150, poor: 400 },
  packetLossPercent: { fair: 2, poor: 8 },
  jitterMs: { fair: 30, poor: 100 },
} as const satisfies Record<keyof SignalMeasures, Limits>

const RANK: Record<SignalQuality, number> = { good: 0, fair: 1, poor: 2 }

function judge(value: number | null | undefined, limits: Limits): SignalQuality {
  if (value == null || !Number.isFinite(value)) return 'good'
  if (value >= limits.poor) return 'poor'
  if (value >= limits.fair) return 'fair'
  return 'good'
}

/**
 * The worst of what each measure says. A measure not known yet says nothing (good), so a new
 * link is not called poor before there is evidence; `null` means no measure is known at all.
 */
export function signalQuality(measures: SignalMeasures | null): SignalQuality | null {
  if (!measures) return null
  const known = [measures.rttMs, measures.packetLossPercent, measures.jitterMs].some(
    (value) => value != null && Number.isFinite(value),
  )
  if (!known) return null
  const verdicts = [
    judge(measures.rttMs, SIGNAL_THRESHOLDS.rttMs),
    judge(measures.packetLossPercent, SIGNAL_THRESHOLDS.packetLossPercent),
    judge(measures.jitterMs, SIGNAL_THRESHOLDS.jitterMs),
  ]
  return verdicts.reduce((worst, next) => (RANK[next] > RANK[worst] ? next : worst), 'good')
}

/**
 * The engine's stats (PeerStats) as measures: round trip, inbound loss, and the jitter of what
 * arrives (a queue on the sender's uplink shows there first). Typed by shape, so this module
 * stays free of the engine and its DOM types.
 */
export function measuresOf(
  stats: {
    rttMs: number | null
    packetLossPercent: number | null
    jitterMs?: number | null
  } | null,
): SignalMeasures | null {
  if (!stats) return null
  return {
    rttMs: stats.rttMs,
    packetLossPercent: stats.packetLossPercent,
    jitterMs: stats.jitterMs,
  }
}

/**
 * Below this estimate of what the uplink carries, video cannot be sent well. The uplink is called
 * poor when the estimate stays that low while video is being sent (the engine reports only an
 * estimate that stayed low over two samples: it starts low on every new path while it ramps up),
 * or together with a round trip that is at least fair (a queue building). Without video to send
 * the estimate says little: with nothing to probe it, it never climbs.
 */
export const UPLINK_POOR_KBPS = 400

/** What one's own uplink looks like from every link: the worst of them. */
export interface UplinkMeasures {
  rttMs: number | null
  /** Loss of what we send, as the receivers report it. */
  outboundLossPercent: number | null
  availableOutgoingKbps: number | null
  /** The video sent on this link, kbit/s; unknown counts as none. */
  outboundVideoKbps?: number | null
}

/** A narrow uplink: an estimate below UPLINK_POOR_KBPS while video is sent. */
function narrowWhileSendingVideo(link: UplinkMeasures): boolean {
  return (
    link.availableOutgoingKbps != null &&
    link.availableOutgoingKbps < UPLINK_POOR_KBPS &&
    (link.outboundVideoKbps ?? 0) > 0
  )
}

/**
 * What their own estimate of their uplink to us says (they tell it while they send video): poor
 * below UPLINK_POOR_KBPS, and nothing otherwise (the link's own measures judge the rest).
 */
export function theirUplinkQuality(kbps: number | null | undefined): SignalQuality | null {
  if (kbps == null || !Number.isFinite(kbps)) return null
  return kbps < UPLINK_POOR_KBPS ? 'poor' : null
}

/** The worse of two verdicts; an unknown one says nothing. */
export function worseQuality(
  a: SignalQuality | null,
  b: SignalQuality | null,
): SignalQuality | null {
  if (a === null) return b
  if (b === null) return a
  return RANK[b] > RANK[a] ? b : a
}

export function uplinkQuality(links: readonly UplinkMeasures[]): SignalQuality | null {
  let worst: SignalQuality | null = null
  for (const link of links) {
    let quality = signalQuality({ rttMs: link.rttMs, packetLossPercent: link.outboundLossPercent })
    if (
      (quality === 'fair' &&
        link.availableOutgoingKbps != null &&
        link.availableOutgoingKbps < UPLINK_POOR_KBPS) ||
      narrowWhileSendingVideo(link)
    ) {
      quality = 'poor'
    }
    if (quality && (!worst || RANK[quality] > RANK[worst])) worst = quality
  }
  return worst
}
