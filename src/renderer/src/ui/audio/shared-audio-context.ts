/**
 * The page's one AudioContext, for level meters, speaking detection, sounds and recording. Browsers
 * cap how many contexts a page may open and each costs an audio thread, so everything shares this.
 * A context made before any click starts suspended; the first key or pointer press resumes it.
 */

let context: AudioContext | null = null

function resume(audio: AudioContext): void {
  if (audio.state === 'suspended') audio.resume().catch(() => undefined)
}

export function sharedAudioContext(): AudioContext {
  if (!context) {
    const created = new AudioContext()
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
