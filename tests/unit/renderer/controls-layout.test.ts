/** The call controls at any width: names under icons when they fit, then icons, then "More". */
import { describe, expect, it } from 'vitest'
import {
  arrangeControls,
  BAR_CHROME,
  ICON_SLOT,
  LABELLED_SLOT,
} from '../../../src/renderer/src/ui/call/controls-layout'

describe('arrangeControls', () => {
  it('writes every name out on a wide bar', () => {
    expect(arrangeControls(1280, 4, 2)).toEqual({ labelled: true, optionalInBar: 2 })
  })

  it('lays out wide before the bar is measured', () => {
    expect(arrangeControls(0, 4, 2)).toEqual({ labelled: true, optionalInBar: 2 })
  })

  it('drops the names before moving anything into More', () => {
    const width = BAR_CHROME + 6 * LABELLED_SLOT - 1
    expect(arrangeControls(width, 4, 2)).toEqual({ labelled: false, optionalInBar: 2 })
  })

  it('moves optional controls into More when even icons do not fit', () => {
    // A 360 px window: the bar is 360 px wide.
    const at360 = arrangeControls(360, 4, 2)
    expect(at360.labelled).toBe(false)
    expect(4 + at360.optionalInBar).toBeLessThanOrEqual(Math.floor((360 - BAR_CHROME) / ICON_SLOT))
    expect(arrangeControls(BAR_CHROME + 4 * ICON_SLOT, 4, 2).optionalInBar).toBe(0)
    expect(arrangeControls(BAR_CHROME + 5 * ICON_SLOT, 4, 2).optionalInBar).toBe(1)
  })

  it('never counts below zero on a bar too small for the fixed controls', () => {
    expect(arrangeControls(120, 4, 3).optionalInBar).toBe(0)
  })

  it('takes more optional controls as they are listed', () => {
    expect(arrangeControls(1280, 4, 5)).toEqual({ labelled: true, optionalInBar: 5 })
    expect(arrangeControls(420, 4, 5).optionalInBar).toBe(2)
  })
})
