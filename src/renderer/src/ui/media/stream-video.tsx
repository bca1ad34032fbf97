/**
 * A <video> bound to a MediaStream. Remote videos stay unmuted: they carry the participant's
 * audio too.
 *
 * The element is made here, not by React: React listens to every media event (timeupdate,
 * progress, resize, ...) on each <video> it creates and runs its event system for each one, a
 * steady cost for every tile of a call that nothing here reads. A `display: contents` holder keeps
 * the element laid out as a direct child of the tile.
 */
import { useLayoutEffect, useRef } from 'react'
import { createVideo } from '../../engine/camera-video'
import { useAudioOutput } from '../devices/audio-output'

export interface StreamVideoProps {
  stream: MediaStream | null
  /** True for our own media: we must never hear ourselves. */
  muted: boolean
  /** Our own camera is shown mirrored, as people expect from a mirror. */
  mirrored?: boolean
  fit?: 'cover' | 'contain'
  /** Kept playing (for its audio) but not shown, e.g. while a camera is off. */
  concealed?: boolean
  /**
   * Called when the first frame of this stream is on screen: it is painted in the rendering step
   * this runs in, and nothing covers it (the tile's placeholder lies beneath the video).
   */
  onFirstFrame?: () => void
  /**
   * An element made and fed elsewhere (the engine's for a remote camera, its stream already on
   * it): shown here instead of a new one, and left playing when this unmounts.
   */
  video?: HTMLVideoElement | null
}

export function StreamVideo({
  stream,
  muted,
  mirrored = false,
  fit = 'cover',
  concealed = false,
  onFirstFrame,
  video: given = null,
}: StreamVideoProps) {
  const holderRef = useRef<HTMLSpanElement>(null)
  const videoRef = useRef<HTMLVideoElement | null>(null)
  // Remote voices play on the speaker chosen under Devices.
  useAudioOutput(videoRef, muted)

  // First of the effects, so the others find the element.
  useLayoutEffect(() => {
    const holder = holderRef.current
    const video = given ?? createVideo()
    videoRef.current = video
    holder?.append(video)
    return () => {
      videoRef.current = null
      if (given) {
        // Its owner keeps it playing; another holder may have taken it already.
        if (video.parentNode === holder) video.remove()
        return
      }
      // Nothing plays on: a detached element with a live stream could keep its audio.
      video.pause()
      video.srcObject = null
      video.remove()
    }
  }, [given])

  useLayoutEffect(() => {
    const video = videoRef.current
    if (!video) return
    const classes = [
      'stream-video',
      `stream-video--${fit}`,
      mirrored ? 'stream-video--mirrored' : '',
      concealed ? 'stream-video--concealed' : '',
    ]
    video.className = classes.filter(Boolean).join(' ')
    video.muted = muted
    if (concealed) video.setAttribute('aria-hidden', 'true')
    else video.removeAttribute('aria-hidden')
  }, [fit, mirrored, concealed, muted, given])

  // Layout effects: the stream is attached, and its first frame watched for, as the element is
  // put in the page, not after the next paint (a passive effect would cost a frame or more).
  useLayoutEffect(() => {
    const video = videoRef.current
    if (!video) return
    if (video.srcObject !== stream) video.srcObject = stream
    // autoplay covers most cases; an explicit play() covers a stream swapped on a live element,
    // and a given element that was paused while out of the page.
    if (stream) video.play().catch(() => undefined)
  }, [stream, given])

  useLayoutEffect(() => {
    const video = videoRef.current
    if (!video || !stream || !onFirstFrame) return
    let done = false
    const fire = () => {
      if (done) return
      done = true
      onFirstFrame()
    }
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      // A given element that decoded its first frame before it was put here: that frame is
      // painted with the element, in the next rendering step.
      const handle = requestAnimationFrame(fire)
      return () => cancelAnimationFrame(handle)
    }
    if (typeof video.requestVideoFrameCallback === 'function') {
      const handle = video.requestVideoFrameCallback(fire)
      return () => video.cancelVideoFrameCallback(handle)
    }
    video.addEventListener('loadeddata', fire)
    video.addEventListener('playing', fire)
    return () => {
      video.removeEventListener('loadeddata', fire)
      video.removeEventListener('playing', fire)
    }
  }, [stream, onFirstFrame, given])

  return <span ref={holderRef} className="stream-video-holder" />
}
