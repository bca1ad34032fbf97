/** Window bounds are remembered and clamped to a display that is still there. */
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  restoreWindowBounds,
  trackWindowBounds,
  type TrackedWindow,
} from '../../../src/main/window-state'
import type { WindowBounds } from '../../../src/main/settings/settings-store'
import { manualTimers } from './helpers'

const primary = { x: 0, y: 0, width: 1920, height: 1040 }
const right = { x: 1920, y: 0, width: 1280, height: 1000 }

describe('window state', () => {
  it('opens at the default size the first time', () => {
    expect(restoreWindowBounds(null, [primary])).toEqual({
      bounds: DEFAULT_WINDOW_SIZE,
      maximized: false,
    })
  })

  it('restores bounds that are on a display', () => {
    const saved: WindowBounds = { x: 2000, y: 100, width: 1000, height: 700, maximized: true }
    expect(restoreWindowBounds(saved, [primary, right])).toEqual({
      bounds: { x: 2000, y: 100, width: 1000, height: 700 },
      maximized: true,
    })
  })

  it('drops the position when its display is gone, keeping a size that fits', () => {
    const saved: WindowBounds = { x: 2000, y: 100, width: 2400, height: 1400, maximized: false }
    expect(restoreWindowBounds(saved, [primary])).toEqual({
      bounds: { width: 1920, height: 1040 },
      maximized: false,
    })
  })

  it('pulls a window hanging off the edge back inside its display', () => {
    const saved: WindowBounds = { x: 1500, y: -20, width: 900, height: 700, maximized: false }
    expect(restoreWindowBounds(saved, [primary]).bounds).toEqual({
      x: 1020,
      y: 0,
      width: 900,
      height: 700,
    })
  })

  it('saves bounds on resize and move (debounced) and on close', () => {
    const listeners = new Map<string, () => void>()
    let bounds = { x: 10, y: 20, width: 800, height: 600 }
    const window: TrackedWindow = {
      getNormalBounds: () => bounds,
      isMaximized: () => false,
      on: (event, listener) => listeners.set(event, listener),
    }
    const saved: WindowBounds[] = []
    const timers = manualTimers()
    trackWindowBounds(window, (b) => saved.push(b), timers)
    listeners.get('resize')?.()
    listeners.get('move')?.()
    expect(timers.pending.size).toBe(1)
    timers.fireAll()
    bounds = { x: 30.4, y: 40, width: 900, height: 650 }
    listeners.get('close')?.()
    expect(saved).toEqual([
      { x: 10, y: 20, width: 800, height: 600, maximized: false },
      { x: 30, y: 40, width: 900, height: 650, maximized: false },
    ])
  })
})
