/**
 * How the call controls fit a bar of a given width. Wide: every control with its name written
 * under the icon. Narrower: icons only (the names stay as accessible names and tooltips). Narrower
 * still: the optional controls that do not fit move, last first, into the "More" menu. The
 * microphone, camera, "More" and "Leave call" always stay in the bar. Pure, so it is tested
 * without a browser; the sizes match the stylesheet's .control rules.
 */

/** Width of one control with its name under it (the longest names run past the 92px minimum). */
export const LABELLED_SLOT = 110
/** Width of one icon-only control (a 48px circle, its padding, the gap). */
export const ICON_SLOT = 56
/** The bar's own horizontal padding plus the divider before "Leave call". */
export const BAR_CHROME = 52

export interface ControlsArrangement {
  labelled: boolean
  /** How many of the optional controls, in their listed order, stay in the bar. */
  optionalInBar: number
}

/**
 * @param width the bar's width in CSS pixels (0 before it is measured: lay out for wide)
 * @param fixed controls that never move (microphone, camera, More, Leave)
 * @param optional controls that may move into More
 */
export function arrangeControls(
  width: number,
  fixed: number,
  optional: number,
): ControlsArrangement {
  if (width <= 0) return { labelled: true, optionalInBar: optional }
  const room = width - BAR_CHROME
  if ((fixed + optional) * LABELLED_SLOT <= room) return { labelled: true, optionalInBar: optional }
  const slots = Math.floor(room / ICON_SLOT)
  return { labelled: false, optionalInBar: Math.max(0, Math.min(optional, slots - fixed)) }
}
