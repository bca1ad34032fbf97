/**
 * React listens at its root, in the capture phase, for every media event of every element below
 * it, also of the <video>s it did not make (stream-video.tsx). A playing video fires `timeupdate`
 * about four times a second, so each tile ran React's event dispatch (a walk up its component
 * tree for handlers) a few times a second all call long, for nothing: no part of the app handles a
 * video's steady events. They are stopped on the window, in the capture phase, before the root.
 */
const STEADY_VIDEO_EVENTS = ['timeupdate', 'progress'] as const

interface CaptureTarget {
  addEventListener(type: string, listener: (event: Event) => void, capture: boolean): void
  removeEventListener(type: string, listener: (event: Event) => void, capture: boolean): void
}

function isVideo(target: EventTarget | null): boolean {
  return (target as { localName?: unknown } | null)?.localName === 'video'
}

/** Stops the videos' steady events at `target` (the window); returns the undo. */
export function quietVideoEvents(target: CaptureTarget): () => void {
  const stop = (event: Event) => {
    if (isVideo(event.target)) event.stopPropagation()
  }
  for (const type of STEADY_VIDEO_EVENTS) target.addEventListener(type, stop, true)
  return () => {
    for (const type of STEADY_VIDEO_EVENTS) target.removeEventListener(type, stop, true)
  }
}
