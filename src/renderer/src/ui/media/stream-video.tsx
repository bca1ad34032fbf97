/**
 * A <video> bound to a MediaStream. srcObject cannot be set from JSX, so a ref effect sets it.
 * Remote videos stay unmuted: they carry the participant's audio too.
 */
import { useLayoutEffect, useRef } from 'react'
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
  /** Called when the first frame of this stream is shown. */
  onFirstFrame?: () => void
}

export function StreamVideo({
  stream,
  muted,
  mirrored = false,
  fit = 'cover',
  concealed = false,
  onFirstFrame,
}: StreamVideoProps) {
  const videoRef = useRef<HTMLVideoElement>(null)
  // Remote voices play on the speaker chosen under Devices.
  useAudioOutput(videoRef, muted)

  // Layout effects: the stream is attached, and its first frame watched for, as the element is
  // put in the page, not after the next paint (a passive effect would cost a frame or more).
  useLayoutEffect(() => {
    const video = videoRef.current
    if (!video) return
    if (video.srcObject !== stream) video.srcObject = stream
    // autoPlay covers most cases; an explicit play() covers a stream swapped on a live element.
    if (stream) video.play().catch(() => undefined)
  }, [stream])

  useLayoutEffect(() => {
    const video = videoRef.current
    if (!video || !stream || !onFirstFrame) return
    let done = false
    const fire = () => {
      if (done) return
      done = true
      onFirstFrame()
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
  }, [stream, onFirstFrame])

  const classes = [
    'stream-video',
    `stream-video--${fit}`,
    mirrored ? 'stream-video--mirrored' : '',
    concealed ? 'stream-video--concealed' : '',
  ]
  return (
    <video
      ref={videoRef}
      className={classes.filter(Boolean).join(' ')}
      autoPlay
      playsInline
      muted={muted}
      aria-hidden={concealed || undefined}
    />
  )
}
