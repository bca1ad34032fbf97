/**
 * What a tile shows while its person speaks: a ring (CSS on `data-speaking`) and "speaking" in the
 * tile's accessible description. The tile renders `description` inside its root and passes a ref
 * to that root.
 *
 * Speaking starts and stops with every word (and with each of the fake microphone's beeps), so the
 * marks are put on the tile's element straight from the store, not through a render: a render of
 * the tile rebuilds its name plate, signal bars and actions, translations and all, for two
 * attributes.
 */
import { useContext, useId, useLayoutEffect, type ReactNode, type RefObject } from 'react'
import { SpeakingContext } from './speaking-context'
import './speaking.css'

export interface SpeakingMarks {
  /** Always rendered inside the tile; the tile's description points at it while speaking. */
  description: ReactNode
}

/** Sets or clears the marks on a tile's element. */
function markSpeaking(tile: Element, speaking: boolean, descriptionId: string): void {
  if (speaking) {
    tile.setAttribute('data-speaking', 'true')
    tile.setAttribute('aria-describedby', descriptionId)
  } else {
    tile.removeAttribute('data-speaking')
    tile.removeAttribute('aria-describedby')
  }
}

export function useSpeakingMarks(
  userId: string,
  tileRef: RefObject<HTMLElement | null>,
): SpeakingMarks {
  const store = useContext(SpeakingContext)
  const descriptionId = useId()
  useLayoutEffect(() => {
    const tile = tileRef.current
    if (!tile) return
    const apply = () => markSpeaking(tile, store.isSpeaking(userId), descriptionId)
    apply()
    const unsubscribe = store.subscribe(userId, apply)
    return () => {
      unsubscribe()
      markSpeaking(tile, false, descriptionId)
    }
  }, [store, userId, tileRef, descriptionId])
  return {
    description: (
      <span id={descriptionId} hidden>
        speaking
      </span>
    ),
  }
}
