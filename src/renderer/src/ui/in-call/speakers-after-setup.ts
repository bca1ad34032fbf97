/**
 * Who the speaking monitor measures: a person only once their link is set up. Measuring a voice
 * builds an analyser on the audio thread's graph (about 20 ms of the main thread for a remote
 * track), and built while a call is being set up it holds back every WebRTC event behind it: the
 * answer, ICE, DTLS and the first frame. So a remote joins the monitor after their first frame
 * (or, with their camera off or never showing, once their link is connected and a wait is over),
 * in an idle moment after it; we join it once nobody is being set up any more.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ParticipantView } from '../../engine/call-engine-api'

/** A connected camera that shows no frame by then is measured anyway: their voice still counts. */
export const FIRST_FRAME_WAIT_MS = 2000
/** An idle moment is waited for at most this long; a busy page measures after it anyway. */
const IDLE_WAIT_MS = 1000

/**
 * How long after now `person` may join the monitor, or null while they are still being set up
 * (or already in it). `settled` holds who is in it.
 */
export function monitorDelay(
  person: ParticipantView,
  people: readonly ParticipantView[],
  settled: ReadonlySet<string>,
): number | null {
  if (settled.has(person.userId)) return null
  if (person.isLocal) {
    // Waits on links being set up, not on one that failed or recovers (that may take long).
    const settingUp = people.some(
      (other) =>
        !other.isLocal &&
        !settled.has(other.userId) &&
        (other.link === 'connecting' || other.link === 'connected'),
    )
    return settingUp ? null : 0
  }
  if (person.link !== 'connected') return null
  // A camera that is on gets its first frame first (noteFirstFrame settles them then).
  return person.mediaState.videoEnabled && person.cameraStream ? FIRST_FRAME_WAIT_MS : 0
}

export interface SpeakersAfterSetup {
  /** The people the speaking monitor measures now. */
  speakers: readonly ParticipantView[]
  /** A remote camera showed its first frame: they join the monitor in the next idle moment. */
  noteFirstFrame: (userId: string) => void
}

export function useSpeakersAfterSetup(people: readonly ParticipantView[]): SpeakersAfterSetup {
  const [settled, setSettled] = useState<ReadonlySet<string>>(() => new Set())
  /** Who is already on their way in, so each is scheduled once. */
  const scheduled = useRef(new Map<string, () => void>())

  const settleSoon = useCallback((userId: string, delayMs: number) => {
    if (scheduled.current.has(userId)) return
    let idle: number | null = null
    const timer = window.setTimeout(() => {
      idle = window.requestIdleCallback(
        () => {
          idle = null
          setSettled((current) => (current.has(userId) ? current : new Set(current).add(userId)))
        },
        { timeout: IDLE_WAIT_MS },
      )
    }, delayMs)
    scheduled.current.set(userId, () => {
      window.clearTimeout(timer)
      if (idle !== null) window.cancelIdleCallback(idle)
    })
  }, [])

  useEffect(() => {
    for (const person of people) {
      const delay = monitorDelay(person, people, settled)
      if (delay !== null) settleSoon(person.userId, delay)
    }
  }, [people, settled, settleSoon])

  useEffect(() => {
    const pending = scheduled.current
    return () => {
      for (const cancel of pending.values()) cancel()
      pending.clear()
    }
  }, [])

  const noteFirstFrame = useCallback(
    (userId: string) => {
      // A first frame after a wait that already ran out changes nothing.
      const cancel = scheduled.current.get(userId)
      if (cancel) {
        cancel()
        scheduled.current.delete(userId)
      }
      settleSoon(userId, 0)
    },
    [settleSoon],
  )

  const speakers = useMemo(
    () => people.filter((person) => settled.has(person.userId)),
    [people, settled],
  )
  return { speakers, noteFirstFrame }
}
