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

/**
 * Sets `maxBitrate` on the sender's encodings; a no-op when it is already there. A read-modify-write
 * of getParameters() that touches nothing but `maxBitrate`: Chromium refuses any change to the
 * RTCP, codec or header-extension parameters. Call it only on a negotiated sender in a stable
 * connection: Chromium hands out encodings before negotiation too, but a description applied
 * between the read and the write changes the RTCP parameters under it (InvalidModificationError).
 */
export async function capSenderBitrate(sender: RTCRtpSender, maxBitrate: number): Promise<void> {
  const parameters = sender.getParameters()
  if (!parameters.encodings || parameters.encodings.length === 0) return
  let changed = false
  for (const encoding of parameters.encodings) {
    if (encoding.maxBitrate !== maxBitrate) {
      encoding.maxBitrate = maxBitrate
      changed = true
    }
  }
  if (changed) await sender.setParameters(parameters)
}
