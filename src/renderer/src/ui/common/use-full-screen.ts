/** Full screen for one element (a tile), and whether it is the one in full screen now. */
import { useCallback, useEffect, useState, type RefObject } from 'react'

export interface FullScreenControl {
  fullScreen: boolean
  toggle: () => void
}

export function useFullScreen(ref: RefObject<HTMLElement | null>): FullScreenControl {
  const [fullScreen, setFullScreen] = useState(false)

  useEffect(() => {
    const update = () => setFullScreen(document.fullscreenElement === ref.current)
    document.addEventListener('fullscreenchange', update)
    return () => document.removeEventListener('fullscreenchange', update)
  }, [ref])

  const toggle = useCallback(() => {
    const element = ref.current
    if (!element) return
    // Refusals (no user gesture, an embedder without the API) leave the tile as it is.
    if (document.fullscreenElement === element) document.exitFullscreen().catch(() => undefined)
    else element.requestFullscreen().catch(() => undefined)
  }, [ref])

  return { fullScreen, toggle }
}
