/** The size of an element, kept current with a ResizeObserver. */
import { useLayoutEffect, useState, type RefObject } from 'react'

export interface Size {
  width: number
  height: number
}

/**
 * 'content' (default): inside the padding. 'border': padding included, for a layout decision that
 * changes the element's own padding (measuring inside it would make the decision flip back).
 */
export type MeasuredBox = 'content' | 'border'

/** The element's size now, read from its layout (forces a layout if one is pending). */
function measureNow(element: HTMLElement, box: MeasuredBox): Size {
  if (box === 'border') return { width: element.offsetWidth, height: element.offsetHeight }
  const style = getComputedStyle(element)
  const horizontal = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
  const vertical = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom)
  return {
    width: Math.max(0, Math.floor(element.clientWidth - horizontal)),
    height: Math.max(0, Math.floor(element.clientHeight - vertical)),
  }
}

export function useElementSize(
  ref: RefObject<HTMLElement | null>,
  box: MeasuredBox = 'content',
): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 })

  // A layout effect reads the size before the first paint: what is laid out by it (the gallery
  // stays hidden until measured) never waits for the observer's first report, which only comes
  // with a rendering frame, and a busy or unfocused page can go a long time without one.
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    setSize(measureNow(element, box))
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0]
      if (!entry) return
      const border = entry.borderBoxSize[0]
      const measured =
        box === 'border' && border
          ? { width: border.inlineSize, height: border.blockSize }
          : entry.contentRect
      const next = { width: Math.floor(measured.width), height: Math.floor(measured.height) }
      setSize((current) =>
        current.width === next.width && current.height === next.height ? current : next,
      )
    })
    observer.observe(element, { box: box === 'border' ? 'border-box' : 'content-box' })
    return () => observer.disconnect()
  }, [ref, box])

  return size
}
