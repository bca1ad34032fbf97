/**
 * Each person's camera is sent to each Parley at the size that Parley shows it, the way the
 * big calling apps send a small tile a small picture: a 640x480 camera in a 472x265 tile is
 * 472x354 on the wire, half the pixels to encode, send and decode, and the tile looks the same.
 * The receiver measures the element its camera plays on and says so over the in-call channel
 * ('view'); the sender scales its encoding down to it (PeerLink). A client that never says leaves
 * the sender at the full camera size.
 */

/** A size in device pixels; 0 x 0 is an element not shown at all. */
export interface ShownSize {
  width: number
  height: number
}

/**
 * The most a camera is scaled down, also when it is not shown at all: a 640x480 camera still
 * sends 160x120, so its frames keep the link's health checks fed and a tile shown again has a
 * picture at once, sharpening within a round trip.
 */
export const MAX_SCALE_DOWN = 4

/**
 * How much to scale a `source` picture down for a `shown` element. Tiles fill their box
 * (object-fit: cover), so the picture must cover both sides of it: the smaller of the two ratios.
 * Never up (1 is the camera's own size); rounded down, so the picture still covers the tile.
 */
export function scaleDownFor(source: ShownSize, shown: ShownSize): number {
  if (source.width <= 0 || source.height <= 0) return 1
  if (shown.width <= 0 || shown.height <= 0) return MAX_SCALE_DOWN
  const scale = Math.min(source.width / shown.width, source.height / shown.height)
  return Math.floor(Math.min(MAX_SCALE_DOWN, Math.max(1, scale)) * 100) / 100
}

/**
 * Whether a new measure is worth telling: a tenth either way, or shown against not shown. A
 * window being dragged larger changes the size every frame; each message costs the peer a
 * sender write.
 */
export function differsEnough(told: ShownSize | null, now: ShownSize): boolean {
  if (!told) return true
  const shownBefore = told.width > 0 && told.height > 0
  const shownNow = now.width > 0 && now.height > 0
  if (shownBefore !== shownNow) return true
  if (!shownNow) return false
  const apart = (a: number, b: number) => Math.abs(a - b) > 0.1 * Math.max(a, b)
  return apart(told.width, now.width) || apart(told.height, now.height)
}
