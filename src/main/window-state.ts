/**
 * The main window's size and position, remembered between runs and clamped to a display that is
 * still there (a monitor unplugged since last time must not leave the window off-screen).
 */
import type { WindowBounds } from './settings/settings-store'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 760 }
/** The call UI works down to 360 px wide (a compact controls bar with "More"). */
export const MIN_WINDOW_SIZE = { width: 360, height: 560 }
/** How much of the title bar must be on a display for a saved position to be kept. */
const MIN_VISIBLE = 64

function overlap(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  const right = Math.min(a.x + a.width, b.x + b.width)
  const bottom = Math.min(a.y + a.height, b.y + b.height)
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null
}

/**
 * The bounds to open the window with: the saved ones when enough of them is on a display's work
 * area, otherwise the saved size (shrunk to fit) centred by the OS.
 */
export function restoreWindowBounds(
  saved: WindowBounds | null,
  workAreas: readonly Rectangle[],
): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false }
  const largest = workAreas.reduce<Rectangle | null>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    null,
  )
  const fit = (width: number, height: number) => ({
    width: Math.max(MIN_WINDOW_SIZE.width, largest ? Math.min(width, largest.width) : width),
    height: Math.max(MIN_WINDOW_SIZE.height, largest ? Math.min(height, largest.height) : height),
  })
  if (saved.x === undefined || saved.y === undefined) {
    return { bounds: fit(saved.width, saved.height), maximized: saved.maximized }
  }
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 32 }
  const home = workAreas.find((area) => {
    const visible = overlap(titleBar, area)
    return visible !== null && visible.width >= Math.min(MIN_VISIBLE, saved.width)
  })
  if (!home) return { bounds: fit(saved.width, saved.height), maximized: saved.maximized }
  const size = {
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(saved.width, home.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(saved.height, home.height)),
  }
  // Pull the window fully inside its display where it fits.
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - size.width)
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - size.height)
  return { bounds: { x, y, ...size }, maximized: saved.maximized }
}

/** The part of BrowserWindow the tracker reads. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle
  isMaximized(): boolean
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown
}

/** Saves the window's bounds when it moves or resizes (debounced) and when it closes. */
export function trackWindowBounds(
  window: TrackedWindow,
  save: (bounds: WindowBounds) => void,
  timers: {
    setTimeout(callback: () => void, ms: number): unknown
    clearTimeout(handle: unknown): void
  } = {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): void {
  let pending: unknown = null
  const capture = (): void => {
    const { x, y, width, height } = window.getNormalBounds()
    save({
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
      maximized: window.isMaximized(),
    })
  }
  const later = (): void => {
    if (pending !== null) timers.clearTimeout(pending)
    pending = timers.setTimeout(() => {
      pending = null
      capture()
    }, 500)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('close', () => {
    if (pending !== null) timers.clearTimeout(pending)
    pending = null
    capture()
  })
}
