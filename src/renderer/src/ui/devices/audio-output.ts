/**
 * The speaker remote voices play on. Provided by the call screen from CallState, read by every
 * unmuted <video>, so choosing a speaker reaches each tile without threading it through props.
 */
import { createContext, useContext, useEffect, type RefObject } from 'react'

/** Null: the system default. */
export const AudioOutputContext = createContext<string | null>(null)

/** Firefox (before 116) and some embedded browsers cannot route audio per element. */
export function canChooseAudioOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype
}

/** Routes an element's audio to the chosen speaker; muted elements play nothing, so are left be. */
export function useAudioOutput(
  elementRef: RefObject<HTMLMediaElement | null>,
  muted: boolean,
): void {
  const sinkId = useContext(AudioOutputContext)
  useEffect(() => {
    const element = elementRef.current
    if (!element || muted || !canChooseAudioOutput()) return
    // '' is the default device, which is also where an element starts.
    const target = sinkId ?? ''
    if (element.sinkId === target) return
    element.setSinkId(target).catch((error: unknown) => {
      // An unplugged speaker: play on the system default rather than nowhere.
      console.warn('[parley] could not switch the speaker; using the default', error)
      if (target !== '') element.setSinkId('').catch(() => undefined)
    })
  }, [elementRef, muted, sinkId])
}
