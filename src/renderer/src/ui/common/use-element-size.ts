/** The content size of an element, kept current with a ResizeObserver. */
import { useEffect, useState, type RefObject } from 'react'

export interface Size {
  width: number
  height: number
}

export function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 })

  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect
      if (box) setSize({ width: Math.floor(box.width), height: Math.floor(box.height) })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])

  return size
}
