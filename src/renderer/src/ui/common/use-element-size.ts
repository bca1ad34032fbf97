/**
 * The size of an element, kept current with a ResizeObserver: its content box by default, or its
 * border box, for a layout whose own padding changes with the size it picks (the controls bar's
 * compact padding must not change the width it decides by, or it flips between layouts).
 */
import { useEffect, useState, type RefObject } from 'react'

export interface Size {
  width: number
  height: number
}

export function useElementSize(
  ref: RefObject<HTMLElement | null>,
  box: 'content' | 'border' = 'content',
): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 })

  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0]
      if (!entry) return
      const border = entry.borderBoxSize[0]
      if (box === 'border' && border) {
        setSize({ width: Math.floor(border.inlineSize), height: Math.floor(border.blockSize) })
      } else {
        setSize({
          width: Math.floor(entry.contentRect.width),
          height: Math.floor(entry.contentRect.height),
        })
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, box])

  return size
}
