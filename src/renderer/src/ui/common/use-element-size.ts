/** The size of an element, kept current with a ResizeObserver. */
import { useEffect, useState, type RefObject } from 'react'

export interface Size {
  width: number
  height: number
}

/**
 * 'content' (default): inside the padding. 'border': padding included, for a layout decision that
 * changes the element's own padding (measuring inside it would make the decision flip back).
 */
export type MeasuredBox = 'content' | 'border'

export function useElementSize(
  ref: RefObject<HTMLElement | null>,
  box: MeasuredBox = 'content',
): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 })

  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0]
      if (!entry) return
      const border = entry.borderBoxSize[0]
      const measured =
        box === 'border' && border
          ? { width: border.inlineSize, height: border.blockSize }
          : entry.contentRect
      setSize({ width: Math.floor(measured.width), height: Math.floor(measured.height) })
    })
    observer.observe(element, { box: box === 'border' ? 'border-box' : 'content-box' })
    return () => observer.disconnect()
  }, [ref, box])

  return size
}
