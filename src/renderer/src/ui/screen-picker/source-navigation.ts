/**
 * Arrow-key movement in a wrapping grid of sources, worked out from where the options actually
 * sit on screen, so it stays right however many columns the window is wide enough for.
 */
export interface OptionBox {
  left: number
  top: number
  width: number
}

export type NavigationKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End'

export function isNavigationKey(key: string): key is NavigationKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key)
}

/** The index to move to from `current` (-1: none yet) for `key`, among `boxes` in DOM order. */
export function nextOptionIndex(boxes: OptionBox[], current: number, key: NavigationKey): number {
  const count = boxes.length
  if (count === 0) return -1
  if (current < 0 || current >= count)
    return key === 'End' || key === 'ArrowUp' || key === 'ArrowLeft' ? count - 1 : 0
  switch (key) {
    case 'Home':
      return 0
    case 'End':
      return count - 1
    case 'ArrowRight':
      return (current + 1) % count
    case 'ArrowLeft':
      return (current - 1 + count) % count
    default:
      return verticalNeighbour(boxes, current, key === 'ArrowDown' ? 1 : -1)
  }
}

function verticalNeighbour(boxes: OptionBox[], current: number, direction: 1 | -1): number {
  const from = boxes[current]
  if (!from) return current
  const rows = [...new Set(boxes.map((box) => Math.round(box.top)))].sort((a, b) => a - b)
  const rowIndex = rows.indexOf(Math.round(from.top))
  const targetRow = rows[rowIndex + direction]
  // Single row, or already at the top or bottom edge: stay put rather than wrap unexpectedly.
  if (targetRow === undefined) return current
  const centre = from.left + from.width / 2
  let best = current
  let bestDistance = Infinity
  boxes.forEach((box, index) => {
    if (Math.round(box.top) !== targetRow) return
    const distance = Math.abs(box.left + box.width / 2 - centre)
    if (distance < bestDistance) {
      best = index
      bestDistance = distance
    }
  })
  return best
}
