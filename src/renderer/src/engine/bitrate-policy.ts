/**
 * Sent video quality scaled to the size of the mesh: every participant encodes once per peer, so
 * uplink and CPU grow with the call. No simulcast on peer-to-peer links, just a per-sender cap.
 */

/** Bits per second for the camera, by the number of people in the call (self included). */
export function cameraMaxBitrate(participantCount: number): number {
  if (participantCount <= 2) return 1_500_000
  if (participantCount <= 4) return 800_000
  return 400_000
}

/** Screens carry text: they get more than the camera at every size. */
export function screenMaxBitrate(participantCount: number): number {
  if (participantCount <= 2) return 2_500_000
  if (participantCount <= 4) return 1_500_000
  return 1_000_000
}

/** What a sender is told; a figure left out is left as it is. */
export interface SenderTuning {
  maxBitrate?: number
  /** Video only: how much smaller than its track the picture goes out (shown-size.ts). */
  scaleResolutionDownBy?: number
}

/**
 * Sets `maxBitrate` and `scaleResolutionDownBy` on the sender's encodings; a no-op when they are
 * already there. A read-modify-write of getParameters() that touches nothing else: Chromium
 * refuses any change to the RTCP, codec or header-extension parameters. Call it only on a
 * negotiated sender in a stable connection: Chromium hands out encodings before negotiation too,
 * but a description applied between the read and the write changes the RTCP parameters under it
 * (InvalidModificationError).
 */
export async function tuneSender(sender: RTCRtpSender, tuning: SenderTuning): Promise<void> {
  const parameters = sender.getParameters()
  if (!parameters.encodings || parameters.encodings.length === 0) return
  let changed = false
  for (const encoding of parameters.encodings) {
    if (tuning.maxBitrate !== undefined && encoding.maxBitrate !== tuning.maxBitrate) {
      encoding.maxBitrate = tuning.maxBitrate
      changed = true
    }
    const scale = tuning.scaleResolutionDownBy
    // Unset is the track's own size, as 1 is.
    if (scale !== undefined && (encoding.scaleResolutionDownBy ?? 1) !== scale) {
      encoding.scaleResolutionDownBy = scale
      changed = true
    }
  }
  if (changed) await sender.setParameters(parameters)
}
