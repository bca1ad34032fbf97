/**
 * Measures everyone's voice while in a call and records who speaks in a SpeakingStore. One timer
 * samples every audio track through the shared AudioContext; nothing here renders: the tiles read
 * the store and re-render only when a person starts or stops speaking.
 */
import { useEffect, useRef, useState } from 'react'
import type { ParticipantView } from '../../engine/call-engine-api'
import { sharedAudioContext } from '../audio/shared-audio-context'
import { createTrackLevel, type TrackLevel } from '../audio/track-level'
import { createMutedSpeechGate } from './muted-speech-gate'
import { createSpeakingDetector, type SpeakingDetector } from './speaking-detector'
import { createSpeakingStore, type SpeakingStore } from './speaking-store'

/**
 * Ten looks a second keep the ring within a few hundred milliseconds of a voice; each look reads a
 * window at least this long (track-level.ts), so no sound falls between two looks.
 */
const SAMPLE_EVERY_MS = 100

interface Monitor {
  trackId: string
  level: TrackLevel
  detector: SpeakingDetector
  /** Our own microphone is measured through a clone, see below; stopped with the monitor. */
  clone: MediaStreamTrack | null
}

export interface SpeakingMonitorOptions {
  /** We started talking into a muted microphone: once per mute, see muted-speech-gate.ts. */
  onMutedSpeech: () => void
}

export function useSpeakingMonitor(
  people: readonly ParticipantView[],
  { onMutedSpeech }: SpeakingMonitorOptions,
): SpeakingStore {
  const [store] = useState(createSpeakingStore)
  const peopleRef = useRef(people)
  const onMutedRef = useRef(onMutedSpeech)
  useEffect(() => {
    peopleRef.current = people
    onMutedRef.current = onMutedSpeech
  })

  useEffect(() => {
    const context = sharedAudioContext()
    const monitors = new Map<string, Monitor>()
    const mutedSpeech = createMutedSpeechGate()

    const stop = (userId: string) => {
      const monitor = monitors.get(userId)
      if (!monitor) return
      monitor.level.dispose()
      monitor.clone?.stop()
      monitors.delete(userId)
      store.set(userId, false)
    }

    const monitorFor = (person: ParticipantView, track: MediaStreamTrack): Monitor => {
      const existing = monitors.get(person.userId)
      if (existing?.trackId === track.id) return existing
      stop(person.userId)
      // Muting disables our track, which then reads as silence; a clone has its own switch, so
      // we can still tell that someone talks into a muted microphone.
      const clone = person.isLocal ? track.clone() : null
      if (clone) clone.enabled = true
      const monitor: Monitor = {
        trackId: track.id,
        level: createTrackLevel(context, clone ?? track),
        detector: createSpeakingDetector(),
        clone,
      }
      monitors.set(person.userId, monitor)
      return monitor
    }

    const sample = () => {
      // Nothing shows a ring in a hidden window; the first look after it shows again is current.
      if (document.hidden) return
      const now = performance.now()
      const present = new Set<string>()
      for (const person of peopleRef.current) {
        const track = person.cameraStream?.getAudioTracks()[0]
        if (!track || track.readyState !== 'live') continue
        // A muted person has no ring whatever their level: their analyser is let go (stop() marks
        // them quiet). Our own microphone is still read, to tell we talk into it while muted.
        if (person.mediaState.muted && !person.isLocal) continue
        present.add(person.userId)
        const monitor = monitorFor(person, track)
        const voice = monitor.detector.update(monitor.level.read(), now)
        const muted = person.mediaState.muted
        store.set(person.userId, voice && !muted)
        if (person.isLocal && mutedSpeech.update(muted, voice)) onMutedRef.current()
      }
      for (const userId of [...monitors.keys()]) if (!present.has(userId)) stop(userId)
    }

    const timer = window.setInterval(sample, SAMPLE_EVERY_MS)
    return () => {
      window.clearInterval(timer)
      for (const userId of [...monitors.keys()]) stop(userId)
    }
  }, [store])

  return store
}
