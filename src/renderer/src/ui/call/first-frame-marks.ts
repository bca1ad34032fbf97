/**
 * User Timing marks for the first-frame benchmark: `call:first-frame:<userId>` when a remote
 * camera first shows a frame, once per participant per call. "Shows" as a person sees it: the
 * mark is made in the rendering step that paints the frame, with nothing over it (the tile's
 * initials lie beneath its video; see StreamVideo's onFirstFrame).
 */
export function createFirstFrameMarker(): (callId: string | null, userId: string) => void {
  const marked = new Set<string>()
  return (callId, userId) => {
    const key = `${callId ?? ''}\u0000${userId}`
    if (marked.has(key)) return
    marked.add(key)
    performance.mark(`call:first-frame:${userId}`)
  }
}
