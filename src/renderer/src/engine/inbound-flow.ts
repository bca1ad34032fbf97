/**
 * Whether anything still arrives on a link, told as cheaply as the browser allows: a tile must not
 * claim a working link over frozen video, and a full getStats() twice a second per link was the
 * largest script cost of a steady call.
 *
 * A look first asks the link's receivers when a packet of theirs last played
 * (getSynchronizationSources(): synchronous, a few microseconds, no stats report). Only when no
 * audio or video source has news does it read the transport's received bytes from getStats(),
 * which the remote's RTCP keeps growing while it is reachable: a person with the camera off and a
 * muted or silent microphone is no stall. In a call with a camera or a voice, that is never.
 */

/** The newest moment (ms, the browser's clock) any source of these receivers played media. */
export function latestMediaAt(
  receivers: readonly Pick<RTCRtpReceiver, 'getSynchronizationSources'>[],
): number | null {
  let latest: number | null = null
  for (const receiver of receivers) {
    for (const source of receiver.getSynchronizationSources()) {
      if (Number.isFinite(source.timestamp) && (latest === null || source.timestamp > latest)) {
        latest = source.timestamp
      }
    }
  }
  return latest
}

export class InboundFlowWatch {
  /** Looks in a row that saw nothing arrive. */
  quietLooks = 0
  private mediaAt: number | null = null
  /** The transport's byte count at the previous look, if that look read one. */
  private bytes: number | null = null
  /** Media arrived at some point: when it stops, that alone is news. */
  private mediaSeen = false

  /**
   * The first step of a look: true when media played since the last look, and the look is done.
   * False: media cannot tell, and the look needs the transport's bytes (transportBytes).
   */
  media(latestAt: number | null): boolean {
    const arrived = latestAt !== null && (this.mediaAt === null || latestAt > this.mediaAt)
    if (!arrived) return false
    this.mediaAt = latestAt
    this.mediaSeen = true
    this.bytes = null
    this.quietLooks = 0
    return true
  }

  /** The second step, when media told nothing: the transport's received bytes so far. */
  transportBytes(bytes: number): void {
    const previous = this.bytes
    this.bytes = bytes
    // Against the previous look's count; without one (media told the looks before), media that
    // stopped is a quiet look, to be confirmed by the next count. Only a flow that stopped counts:
    // a peer with nothing to send (no devices) never started.
    const quiet = previous === null ? this.mediaSeen : previous > 0 && bytes <= previous
    this.quietLooks = quiet ? this.quietLooks + 1 : 0
  }

  /** The link is not connected: nothing to judge; counting starts afresh once it is. */
  reset(): void {
    this.quietLooks = 0
    this.bytes = null
  }
}
