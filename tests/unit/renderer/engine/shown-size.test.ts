/** How much a camera is scaled down for the size a peer shows it at, and when a size is told. */
import { describe, expect, it } from 'vitest'
import {
  MAX_SCALE_DOWN,
  differsEnough,
  scaleDownFor,
} from '../../../../src/renderer/src/engine/shown-size'

const camera = { width: 640, height: 480 }

describe('scaleDownFor', () => {
  it('covers both sides of a tile of another shape: the smaller ratio', () => {
    // 474x356 covers 472x265 (rounded down: never short of it).
    expect(scaleDownFor(camera, { width: 472, height: 265 })).toBe(1.35)
    // A tall tile: 320 high needs the width of 427.
    expect(scaleDownFor(camera, { width: 200, height: 320 })).toBe(1.5)
  })

  it('never scales up, never below the least, and leaves a source of no size alone', () => {
    expect(scaleDownFor(camera, { width: 1920, height: 1080 })).toBe(1)
    expect(scaleDownFor(camera, { width: 40, height: 30 })).toBe(MAX_SCALE_DOWN)
    expect(scaleDownFor(camera, { width: 0, height: 0 })).toBe(MAX_SCALE_DOWN)
    expect(scaleDownFor({ width: 0, height: 0 }, { width: 472, height: 265 })).toBe(1)
  })
})

describe('differsEnough', () => {
  it('tells the first size, a tenth either way, and shown against not shown', () => {
    const told = { width: 472, height: 265 }
    expect(differsEnough(null, told)).toBe(true)
    expect(differsEnough(told, { width: 480, height: 270 })).toBe(false)
    expect(differsEnough(told, { width: 560, height: 265 })).toBe(true)
    expect(differsEnough(told, { width: 472, height: 200 })).toBe(true)
    expect(differsEnough(told, { width: 0, height: 0 })).toBe(true)
    expect(differsEnough({ width: 0, height: 0 }, { width: 0, height: 0 })).toBe(false)
    expect(differsEnough({ width: 0, height: 0 }, told)).toBe(true)
  })
})
