/**
 * Short generated sounds (no audio files): a few sine notes with soft edges, played through an
 * <audio> element so they reach the speaker chosen under Devices (setSinkId), like voices do.
 */
import { sharedAudioContext } from './shared-audio-context'

export interface Note {
  frequency: number
  /** From the start of the sound, seconds. */
  start: number
  duration: number
}

export interface PlayToneOptions {
  /** Null: the system default speaker. */
  sinkId: string | null
  /** 0..1 */
  volume?: number
}

/**
 * Resolves when the sound has finished: true if it played, false if it could not (an unplugged
 * speaker, a blocked autoplay). Sounds are never worth an error, so it never rejects.
 */
export async function playTone(notes: readonly Note[], options: PlayToneOptions): Promise<boolean> {
  const context = sharedAudioContext()
  const destination = context.createMediaStreamDestination()
  const element = new Audio()
  const volume = options.volume ?? 0.2
  const startAt = context.currentTime + 0.05
  let end = startAt
  const oscillators: OscillatorNode[] = []
  for (const note of notes) {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    oscillator.frequency.value = note.frequency
    const noteStart = startAt + note.start
    const noteEnd = noteStart + note.duration
    // Ramps in and out: a note switched on and off abruptly clicks.
    gain.gain.setValueAtTime(0, noteStart)
    gain.gain.linearRampToValueAtTime(volume, noteStart + 0.015)
    gain.gain.setValueAtTime(volume, Math.max(noteStart + 0.015, noteEnd - 0.04))
    gain.gain.linearRampToValueAtTime(0, noteEnd)
    oscillator.connect(gain).connect(destination)
    oscillator.start(noteStart)
    oscillator.stop(noteEnd)
    oscillators.push(oscillator)
    end = Math.max(end, noteEnd)
  }
  try {
    if (options.sinkId && 'setSinkId' in element) await element.setSinkId(options.sinkId)
    element.srcObject = destination.stream
    await element.play()
    await new Promise((resolve) => setTimeout(resolve, (end - context.currentTime) * 1000 + 100))
    return true
  } catch (error) {
    console.warn('[parley] could not play a sound', error)
    return false
  } finally {
    element.pause()
    element.srcObject = null
    for (const oscillator of oscillators) oscillator.disconnect()
    for (const track of destination.stream.getTracks()) track.stop()
  }
}
