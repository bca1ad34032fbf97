/**
 * "Microphone level" in the lobby: a <meter> that moves with your voice, so you can tell the
 * right microphone is picked before joining. A timer writes the value straight to the element:
 * twenty readings a second never go through React.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ParticipantView } from '../../engine/call-engine-api'
import { sharedAudioContext } from '../audio/shared-audio-context'
import { createTrackLevel, levelToMeter } from '../audio/track-level'
import { holdsStill } from './lobby-joining'
import './lobby-audio-check.css'

const SAMPLE_EVERY_MS = 50
/** The bar falls back gently instead of flickering to zero between syllables. */
const FALL_PER_SAMPLE = 0.06

export interface MicLevelMeterProps {
  self: ParticipantView | null
}

export function MicLevelMeter({ self }: MicLevelMeterProps) {
  const { t } = useTranslation()
  const meterRef = useRef<HTMLMeterElement>(null)
  const track = self?.cameraStream?.getAudioTracks()[0] ?? null

  useEffect(() => {
    const meter = meterRef.current
    if (!meter) return
    meter.value = 0
    if (!track) return
    const level = createTrackLevel(sharedAudioContext(), track)
    let shown = 0
    const timer = window.setInterval(() => {
      // While a join is on its way the bar holds where it is: no readings, no repaints.
      if (holdsStill(meter)) return
      // A muted microphone reads as silence: the meter shows what the others would hear.
      const measured = track.enabled ? levelToMeter(level.read()) : 0
      shown = Math.max(measured, shown - FALL_PER_SAMPLE)
      meter.value = shown
    }, SAMPLE_EVERY_MS)
    return () => {
      window.clearInterval(timer)
      level.dispose()
    }
  }, [track])

  return (
    <div className="mic-level">
      <meter
        ref={meterRef}
        className="mic-level__meter"
        aria-label={t('lobby.micLevel')}
        min={0}
        max={1}
        low={0.25}
        high={0.85}
        optimum={0.5}
        defaultValue={0}
      />
    </div>
  )
}
