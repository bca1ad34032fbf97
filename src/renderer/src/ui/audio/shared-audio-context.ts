/**
 * The page's one AudioContext, for level meters, speaking detection, sounds and recording. Browsers
 * cap how many contexts a page may open and each costs an audio thread, so everything shares this.
 * A context made before any click starts suspended; the first key or pointer press resumes it.
 *
 * Nothing is ever connected to its own destination (meters read analysers, sounds and recordings
 * leave through MediaStreamDestinations), so it renders into no audio device at all (`sinkId`
 * 'none'): a device would be fed silence by an output stream and its audio threads all call long.
 * And in large blocks ('playback'): nothing here needs low latency, and each block wakes a thread.
 */

let context: AudioContext | null = null

/** AudioContextOptions with `sinkId` (Chromium 110+), which TypeScript's DOM types lack. */
interface SinkOptions extends AudioContextOptions {
  sinkId?: string | { type: 'none' }
}

function createContext(): AudioContext {
  try {
    const options: SinkOptions = { latencyHint: 'playback', sinkId: { type: 'none' } }
    return new AudioContext(options)
  } catch {
    // A browser that knows no silent sink renders into the default device.
    return new AudioContext({ latencyHint: 'playback' })
  }
}

function resume(audio: AudioContext): void {
  if (audio.state === 'suspended') audio.resume().catch(() => undefined)
}

export function sharedAudioContext(): AudioContext {
  if (!context) {
    const created = createContext()
    context = created
    const onGesture = () => {
      resume(created)
      if (created.state === 'running') {
        window.removeEventListener('pointerdown', onGesture, true)
        window.removeEventListener('keydown', onGesture, true)
      }
    }
    window.addEventListener('pointerdown', onGesture, true)
    window.addEventListener('keydown', onGesture, true)
  }
  resume(context)
  return context
}
