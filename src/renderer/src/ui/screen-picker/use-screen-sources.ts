/**
 * The screens and windows on offer, asked of the host now and every two seconds while the picker
 * is open, so thumbnails stay live and closed windows drop out. A chosen source that disappears
 * is dropped from the choice at the same moment.
 */
import { i18n } from '../common/translator'
import { useCallback, useEffect, useState } from 'react'
import type { Bridge, ScreenSource } from '../../../../shared/bridge'
import { bridgeErrorText } from '../common/call-error-text'

export const REFRESH_MS = 2000
export const THUMBNAIL_WIDTH = 320
export const THUMBNAIL_HEIGHT = 180

export interface ScreenSources {
  /** Null until the first answer. */
  sources: ScreenSource[] | null
  error: string | null
  selectedId: string | null
  select: (sourceId: string) => void
}

export function useScreenSources(bridge: Bridge): ScreenSources {
  const [sources, setSources] = useState<ScreenSource[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)

  useEffect(() => {
    let active = true
    let timer: number | undefined
    // One request at a time: the next is scheduled only after the last answer, so a slow host
    // (thumbnails of many windows) is never asked again before it has answered.
    const refresh = () => {
      bridge.screenShare
        .listSources({
          kinds: ['screen', 'window'],
          thumbnailWidth: THUMBNAIL_WIDTH,
          thumbnailHeight: THUMBNAIL_HEIGHT,
        })
        .then((list) => {
          if (!active) return
          setSources(list)
          setError(null)
          setSelectedId((current) =>
            current !== null && list.some((source) => source.id === current) ? current : null,
          )
        })
        .catch((caught: unknown) => {
          if (!active) return
          setError(i18n.t('picker.listFailed', { reason: bridgeErrorText(caught, i18n.t) }).trim())
        })
        .finally(() => {
          if (active) timer = window.setTimeout(refresh, REFRESH_MS)
        })
    }
    refresh()
    return () => {
      active = false
      window.clearTimeout(timer)
    }
  }, [bridge])

  const select = useCallback((sourceId: string) => setSelectedId(sourceId), [])

  return { sources, error, selectedId, select }
}
