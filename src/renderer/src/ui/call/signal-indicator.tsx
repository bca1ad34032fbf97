/**
 * A remote tile's link, quietly: signal bars (good / fair / poor, judged in signal-quality.ts)
 * and words only when something is wrong ("Ben's connection is poor", "Reconnecting…"). The
 * details (route, round trip, loss, bitrate) are one click, hover or keyboard focus away.
 * The bars' accessible name ("Connection: relayed, good signal") keeps the route in words for
 * screen readers, and for tests telling a relayed link from a direct one.
 */
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react'
import type { ParticipantView, PeerStats } from '../../engine/call-engine-api'
import { useTranslation } from 'react-i18next'
import { SignalBarsIcon } from '../common/icons'
import { i18n } from '../common/translator'
import { linkProblemText } from './link-problem-text'
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
  if (stats?.route === 'relay') return i18n.t('signal.relayed')
  if (stats?.route === 'direct') return i18n.t('signal.direct')
  return i18n.t('signal.connected')
}

export function poorConnectionText(name: string): string {
  return i18n.t('signal.poorWords', { name })
}

export function signalContent(participant: ParticipantView): SignalContent {
  const { link, stats } = participant
  const name = participant.displayName || i18n.t('common.someone')
  switch (link) {
    case 'connecting':
      return { label: i18n.t('signal.connecting'), words: null, tone: 'quiet', bars: 0 }
    case 'recovering':
      return {
        label: i18n.t('signal.reconnectingLabel'),
        words: i18n.t('signal.reconnecting'),
        tone: 'poor',
        bars: 1,
      }
    case 'failed':
      return {
        label: i18n.t('signal.lostLabel'),
        words: i18n.t('signal.lost'),
        tone: 'poor',
        bars: 0,
      }
    case 'closed':
      return { label: i18n.t('signal.closed'), words: null, tone: 'quiet', bars: 0 }
    default: {
      // What we measure of the link, and what they measure of their own uplink to us: a narrow
      // uplink their bandwidth estimate adapted to shows neither loss nor delay here.
      const quality =
        worseQuality(
          signalQuality(measuresOf(stats)),
          theirUplinkQuality(participant.theirUplinkKbps),
        ) ?? 'good'
      return {
        label: i18n.t('signal.label', {
          route: routeWord(stats),
          quality: i18n.t(`signal.${quality}`),
        }),
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
  const problem: DetailLine[] = linkProblem
    ? [{ term: i18n.t('signal.problem'), value: linkProblemText(linkProblem) }]
    : []
  if (!stats)
    return [...problem, { term: i18n.t('signal.statistics'), value: i18n.t('signal.notMeasured') }]
  const route =
    stats.route === 'relay'
      ? i18n.t('signal.routeRelayed')
      : stats.route === 'direct'
        ? i18n.t('signal.routeDirect')
        : i18n.t('signal.routeUnknown')
  const lines: (DetailLine | null)[] = [
    { term: i18n.t('signal.route'), value: route },
    stats.rttMs != null
      ? { term: i18n.t('signal.roundTrip'), value: `${Math.round(stats.rttMs)} ms` }
      : null,
    stats.packetLossPercent != null
      ? { term: i18n.t('signal.packetLoss'), value: `${stats.packetLossPercent.toFixed(1)} %` }
      : null,
    stats.inboundKbps != null
      ? { term: i18n.t('signal.receiving'), value: `${Math.round(stats.inboundKbps)} kbit/s` }
      : null,
    stats.outboundKbps != null
      ? { term: i18n.t('signal.sending'), value: `${Math.round(stats.outboundKbps)} kbit/s` }
      : null,
  ]
  return [...problem, ...lines.filter((line): line is DetailLine => line !== null)]
}

export function SignalIndicator({ participant }: { participant: ParticipantView }) {
  const { t } = useTranslation()
  const content = signalContent(participant)
  const name = participant.displayName || t('common.someone')
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
        aria-label={t('signal.details', { name })}
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
