/**
 * Whether anything still arrives on a link, told as cheaply as the browser allows: a tile must not
 * claim a working link over frozen video, and a full getStats() twice a second per link was the
 * largest script cost of a steady call.
 *
 * A look first reads how many frames of the link's camera the engine's own <video> has shown
 * (a counter of the element's, read on the page's thread: no stats report, no wait for another
 * thread, which getSynchronizationSources() would cost on every look). Only when no new frame
 * came does it read the transport's received bytes from getStats(), which the remote's RTCP keeps
 * growing while it is reachable: a person with the camera off and a muted or silent microphone is
 * no stall. In a call with cameras on, that is never.
 */

export class InboundFlowWatch {
  /** Looks in a row that saw nothing arrive. */
  quietLooks = 0
  private frameCount: number | null = null
  /** The transport's byte count at the previous look, if that look read one. */
  private bytes: number | null = null
  /** This look's frame count stood where the last one was, after frames had been shown. */
  private framesStoodStill = false
  /**
   * The first step of a look, with the frames shown so far (null: nothing shows this link's
   * video): true when a frame came since the last look, and the look is done. False: frames
   * cannot tell, and the look needs the transport's bytes (transportBytes).
   */
  frames(shown: number | null): boolean {
    // Another count than last time is a new frame (a counter that starts again counts too).
    const arrived = shown !== null && shown > 0 && shown !== this.frameCount
    this.framesStoodStill = shown !== null && shown > 0 && shown === this.frameCount
    this.frameCount = shown
    if (!arrived) return false
    this.bytes = null
    this.quietLooks = 0
    return true
  }

  /** The second step, when media told nothing: the transport's received bytes so far. */
  transportBytes(bytes: number): void {
    const previous = this.bytes
    this.bytes = bytes
    // Against the previous look's count. Without one (frames told the looks before), frames that
    // stood still make this look quiet for now, so a stall is seen as soon as a full getStats()
    // every look saw it (the ICE ladder's first rung must not wait an extra look); the bytes read
    // now are where the next look starts from, and if they grew by then the count starts again (a
    // frame counter stalls on a busy page while packets still come). Only a flow that stopped
    // counts: a peer with nothing to send (no devices) never started.
    const quiet = previous === null ? this.framesStoodStill : previous > 0 && bytes <= previous
    this.quietLooks = quiet ? this.quietLooks + 1 : 0
  }

  /** The link is not connected: nothing to judge; counting starts afresh once it is. */
  reset(): void {
    this.quietLooks = 0
    this.bytes = null
    this.framesStoodStill = false
  }
}
