/** The join and leave sounds: two soft notes, rising for a join and falling for a leave. */
import { playTone, type Note } from '../audio/play-tone'

const JOIN: readonly Note[] = [
  { frequency: 660, start: 0, duration: 0.12 },
  { frequency: 880, start: 0.11, duration: 0.16 },
]
const LEAVE: readonly Note[] = [
  { frequency: 880, start: 0, duration: 0.12 },
  { frequency: 587, start: 0.11, duration: 0.18 },
]

export function playJoinSound(sinkId: string | null): Promise<boolean> {
  return playTone(JOIN, { sinkId, volume: 0.15 })
}

export function playLeaveSound(sinkId: string | null): Promise<boolean> {
  return playTone(LEAVE, { sinkId, volume: 0.15 })
}
