/**
 * The <video> a remote participant's camera (and voice) plays on, made and fed by the engine: the
 * stream goes on it the moment the link has one (an offerer's receivers exist from its first
 * offer, an answerer's at the track event), not when the UI next renders, so no render sits
 * between the track and the first decoded frame. The tile puts the element in its place when it
 * mounts; until then (and while a tile moves) it plays detached, so the voice is never cut.
 */
import type { ShownSize } from './shown-size'

export type CreateVideo = () => HTMLVideoElement

/** A <video> that plays what it is given, inline, as every video of a call does. */
export function createVideo(): HTMLVideoElement {
  const video = document.createElement('video')
  video.autoplay = true
  video.playsInline = true
  return video
}

export class CameraVideo {
  private element: HTMLVideoElement | null = null
  private stream: MediaStream | null = null
  private sizeObserver: ResizeObserver | null = null
  /** The element's size in device pixels, on every change (0 x 0: not in the page). */
  onShownSize: ((size: ShownSize) => void) | null = null

  constructor(private readonly create: CreateVideo = createVideo) {}

  /** The element, made on first use: a participant nobody shows yet costs none. */
  get video(): HTMLVideoElement {
    if (!this.element) {
      this.element = this.create()
      this.attach(this.element)
      this.observeSize(this.element)
    }
    return this.element
  }

  /** The camera stream of their current link (null: none yet, or the link is gone). */
  show(stream: MediaStream | null): void {
    if (stream === this.stream) return
    this.stream = stream
    // Nothing to show yet and nobody asked for the element: it is made once there is.
    if (!this.element && !stream) return
    this.attach(this.video)
  }

  /**
   * Frames of `stream` the element has shown so far (a counter of the element's own, read
   * without a stats report or a call to another thread); null when it plays something else or
   * has not been made.
   */
  framesShown(stream: MediaStream | null): number | null {
    if (!this.element || !stream || this.stream !== stream) return null
    return this.element.getVideoPlaybackQuality().totalVideoFrames
  }

  /**
   * Calls `shown` once the element presents its first frame of `stream` (never when it shows
   * something else by then, or where the browser cannot tell).
   */
  whenShown(stream: MediaStream, shown: () => void): void {
    const video = this.video
    if (typeof video.requestVideoFrameCallback !== 'function') return
    video.requestVideoFrameCallback(() => {
      if (this.stream === stream) shown()
    })
  }

  /** They left: nothing plays on, in or out of the page. */
  dispose(): void {
    this.stream = null
    this.sizeObserver?.disconnect()
    this.sizeObserver = null
    const video = this.element
    this.element = null
    if (!video) return
    video.pause()
    video.srcObject = null
    video.remove()
  }

  private observeSize(video: HTMLVideoElement): void {
    if (typeof ResizeObserver !== 'function') return
    this.sizeObserver = new ResizeObserver((entries) => {
      const entry = entries.at(-1)
      if (entry) this.onShownSize?.(deviceSizeOf(entry))
    })
    this.sizeObserver.observe(video, { box: 'device-pixel-content-box' })
  }

  private attach(video: HTMLVideoElement): void {
    if (video.srcObject === this.stream) return
    video.srcObject = this.stream
    // autoplay covers an element in the page; a detached one (no tile yet) plays when asked.
    if (this.stream) video.play().catch(() => undefined)
  }
}

/** Device pixels: a tile on a 2x screen needs twice the picture of the same tile on a 1x one. */
function deviceSizeOf(entry: ResizeObserverEntry): ShownSize {
  const box = entry.devicePixelContentBoxSize?.[0]
  if (box) return { width: Math.round(box.inlineSize), height: Math.round(box.blockSize) }
  const ratio = window.devicePixelRatio || 1
  return {
    width: Math.round(entry.contentRect.width * ratio),
    height: Math.round(entry.contentRect.height * ratio),
  }
}
