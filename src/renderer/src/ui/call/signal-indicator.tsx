/**
 * A remote tile's link, quietly: signal bars (good / fair / poor, judged in signal-quality.ts)
 * and words only when something is wrong ("Ben's connection is poor", "Reconnecting…"). The
 * details (route, round trip, loss, bitrate) are one click, hover or keyboard focus away.
 * The bars' accessible name ("Connection: relayed, good signal") keeps the route in words for
 * screen readers, and for tests telling a relayed link from a direct one.
 */
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react'
import type { ParticipantView, PeerStats } from '../../engine/call-engine-api'
import { SignalBarsIcon } from '../common/icons'
import {
  measuresOf,
  signalQuality,
  theirUplinkQuality,
  worseQuality,
  type SignalQuality,
} from './signal-quality'

type Tone = 'good' | 'fair' | 'poor' | 'quiet'

interface SignalContent {
  /** The accessible name: state of the link, its route, and the signal. */
  label: string
  /** Words shown beside the bars; null when all is well. */
  words: string | null
  tone: Tone
  bars: 0 | 1 | 2 | 3
}

const BARS: Record<SignalQuality, 1 | 2 | 3> = { good: 3, fair: 2, poor: 1 }

function routeWord(stats: PeerStats | null): string {
  if (stats?.route === 'relay') return 'relayed'
  if (stats?.route === 'direct') return 'direct'
  return 'connected'
}

export function poorConnectionText(name: string): string {
  return `${name}'s connection is poor`
}

export function signalContent(participant: ParticipantView): SignalContent {
  const { link, stats } = participant
  const name = participant.displayName || 'Someone'
  switch (link) {
    case 'connecting':
      return { label: 'Connection: connecting', words: null, tone: 'quiet', bars: 0 }
    case 'recovering':
      return { label: 'Connection: reconnecting', words: 'Reconnecting…', tone: 'poor', bars: 1 }
    case 'failed':
      return { label: 'Connection: lost', words: 'Connection lost', tone: 'poor', bars: 0 }
    case 'closed':
      return { label: 'Connection: closed', words: null, tone: 'quiet', bars: 0 }
    default: {
      // What we measure of the link, and what they measure of their own uplink to us: a narrow
      // uplink their bandwidth estimate adapted to shows neither loss nor delay here.
      const quality =
        worseQuality(
          signalQuality(measuresOf(stats)),
          theirUplinkQuality(participant.theirUplinkKbps),
        ) ?? 'good'
      return {
        label: `Connection: ${routeWord(stats)}, ${quality} signal`,
        words: quality === 'poor' ? poorConnectionText(name) : null,
        tone: quality,
        bars: BARS[quality],
      }
    }
  }
}

interface DetailLine {
  term: string
  value: string
}

export function detailLines(
  participant: Pick<ParticipantView, 'stats' | 'linkProblem'>,
): DetailLine[] {
  const { stats, linkProblem } = participant
  // What went wrong comes first: the bars alone only say that something did.
  const problem: DetailLine[] = linkProblem ? [{ term: 'Problem', value: linkProblem }] : []
  if (!stats) return [...problem, { term: 'Statistics', value: 'Not measured yet' }]
  const route =
    stats.route === 'relay'
      ? 'Relayed through the server'
      : stats.route === 'direct'
        ? 'Direct'
        : 'Not known yet'
  const lines: (DetailLine | null)[] = [
    { term: 'Route', value: route },
    stats.rttMs != null ? { term: 'Round trip', value: `${Math.round(stats.rttMs)} ms` } : null,
    stats.packetLossPercent != null
      ? { term: 'Packet loss', value: `${stats.packetLossPercent.toFixed(1)} %` }
      : null,
    stats.inboundKbps != null
      ? { term: 'Receiving', value: `${Math.round(stats.inboundKbps)} kbit/s` }
      : null,
    stats.outboundKbps != null
      ? { term: 'Sending', value: `${Math.round(stats.outboundKbps)} kbit/s` }
      : null,
  ]
  return [...problem, ...lines.filter((line): line is DetailLine => line !== null)]
}

export function SignalIndicator({ participant }: { participant: ParticipantView }) {
  const content = signalContent(participant)
  const name = participant.displayName || 'Someone'
  const detailsId = useId()
  // The details sit in the top layer (a popover), so a small tile never clips them; CSS anchor
  // positioning keeps them beside the bars. An anchor name is a dashed ident: letters only.
  const anchorName = `--signal-${detailsId.replace(/[^a-zA-Z0-9]/g, '')}`
  const rootRef = useRef<HTMLDivElement>(null)
  const detailsRef = useRef<HTMLDivElement>(null)
  // Pinned open by a click; shown while hovered or focused.
  const [pinned, setPinned] = useState(false)
  const [peeking, setPeeking] = useState(false)
  const open = pinned || peeking

  useEffect(() => {
    const details = detailsRef.current
    if (!details || typeof details.showPopover !== 'function') return
    if (open && !details.matches(':popover-open')) details.showPopover()
    if (!open && details.matches(':popover-open')) details.hidePopover()
  }, [open])

  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setPinned(false)
      setPeeking(false)
    }
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && rootRef.current?.contains(event.target)) return
      setPinned(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  return (
    <div
      ref={rootRef}
      className={`signal signal--${content.tone}`}
      onPointerEnter={() => setPeeking(true)}
      onPointerLeave={() => setPeeking(false)}
    >
      <button
        type="button"
        className="signal__button"
        style={{ anchorName } as CSSProperties}
        aria-expanded={open}
        aria-controls={detailsId}
        aria-describedby={detailsId}
        onClick={() => setPinned(!pinned)}
        onFocus={() => setPeeking(true)}
        onBlur={() => setPeeking(false)}
      >
        <span className="signal__bars" role="img" aria-label={content.label}>
          <SignalBarsIcon lit={content.bars} />
        </span>
        {content.words ? <span className="signal__words">{content.words}</span> : null}
      </button>
      <div
        id={detailsId}
        ref={detailsRef}
        className="signal__details"
        role="group"
        aria-label={`Connection to ${name}`}
        popover="manual"
        style={{ positionAnchor: anchorName } as CSSProperties}
      >
        <dl>
          {detailLines(participant).map((line) => (
            <div key={line.term} className="signal__detail">
              <dt>{line.term}</dt>
              <dd>{line.value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  )
}
