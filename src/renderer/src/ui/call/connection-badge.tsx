/**
 * A remote tile's link health in words: "Relayed · 48 ms", "Direct · 3 ms", "Reconnecting…".
 * Worded apart from the call's status line ("Connected", "Connecting…") so the two never blur.
 * Its accessible name ("Connection: relayed") states the route, so people using a screen reader,
 * and tests, can tell a TURN-relayed link from a direct one.
 */
import type { ParticipantView } from '../../engine/call-engine-api'
import { RelayIcon } from '../common/icons'

interface BadgeContent {
  label: string
  text: string
  tone: 'good' | 'relay' | 'warn' | 'bad' | 'quiet'
}

export function badgeContent(participant: Pick<ParticipantView, 'link' | 'stats'>): BadgeContent {
  const { link, stats } = participant
  switch (link) {
    case 'connecting':
      return { label: 'Connection: connecting', text: 'Linking…', tone: 'quiet' }
    case 'recovering':
      return { label: 'Connection: reconnecting', text: 'Reconnecting…', tone: 'warn' }
    case 'failed':
      return { label: 'Connection: lost', text: 'Connection lost', tone: 'bad' }
    case 'closed':
      return { label: 'Connection: closed', text: 'Disconnected', tone: 'quiet' }
    default: {
      const rtt = stats?.rttMs != null ? ` · ${Math.round(stats.rttMs)} ms` : ''
      if (stats?.route === 'relay')
        return { label: 'Connection: relayed', text: `Relayed${rtt}`, tone: 'relay' }
      if (stats?.route === 'direct')
        return { label: 'Connection: direct', text: `Direct${rtt}`, tone: 'good' }
      return { label: 'Connection: connected', text: `Linked${rtt}`, tone: 'good' }
    }
  }
}

function detailsOf(participant: ParticipantView): string {
  const stats = participant.stats
  // What went wrong comes first: the badge alone only says that something did.
  if (participant.linkProblem) return participant.linkProblem
  if (!stats) return 'No statistics yet'
  const lines = [
    `Route: ${stats.route === 'relay' ? 'relayed through the TURN server' : stats.route}`,
    stats.localCandidateType ? `Local candidate: ${stats.localCandidateType}` : null,
    stats.remoteCandidateType ? `Remote candidate: ${stats.remoteCandidateType}` : null,
    stats.rttMs != null ? `Round trip: ${Math.round(stats.rttMs)} ms` : null,
    stats.packetLossPercent != null ? `Packet loss: ${stats.packetLossPercent.toFixed(1)} %` : null,
    stats.inboundKbps != null ? `Receiving: ${Math.round(stats.inboundKbps)} kbit/s` : null,
    stats.outboundKbps != null ? `Sending: ${Math.round(stats.outboundKbps)} kbit/s` : null,
  ]
  return lines.filter(Boolean).join('\n')
}

export function ConnectionBadge({ participant }: { participant: ParticipantView }) {
  const content = badgeContent(participant)
  return (
    <span
      className={`badge badge--${content.tone}`}
      role="img"
      aria-label={content.label}
      title={detailsOf(participant)}
    >
      {content.tone === 'relay' ? (
        <RelayIcon size={12} />
      ) : (
        <span className="badge__dot" aria-hidden="true" />
      )}
      <span aria-hidden="true">{content.text}</span>
    </span>
  )
}
