/**
 * The connection of a first offer, made ahead. Making an RTCPeerConnection and adding its audio
 * and camera sections holds the main thread for 10-20 ms; done when the server says who is in the
 * call, it sits between Join and our first offer. So the engine makes one in the lobby, in an
 * idle moment, and the link of our first offer takes it over (PeerLink's `prepared`). Nothing
 * about the remote goes into it: the sections, the stream id and the data channel are the same
 * for anyone, and no ICE gathering starts before the offer is made.
 */
import { IN_CALL_CHANNEL_LABEL } from '../../../shared/in-call-messages'
import type { ClientRtcConfig } from '../../../shared/rtc-config'

/** The tracks a connection sends from the start (the screen only once a share runs). */
export interface SentTracks {
  audio: MediaStreamTrack | null
  camera: MediaStreamTrack | null
}

export interface PreparedConnection {
  readonly pc: RTCPeerConnection
  readonly audioSection: RTCRtpTransceiver
  readonly cameraSection: RTCRtpTransceiver
  /** The in-call messages' channel, in the first offer so it needs no renegotiation. */
  readonly channel: RTCDataChannel
  /** The stream id (msid) audio and camera are sent under: one label, so they play in sync. */
  readonly syncLabel: MediaStream
  readonly rtcConfig: ClientRtcConfig
  readonly tracks: SentTracks
}

export function createConnection(rtcConfig: ClientRtcConfig): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: rtcConfig.iceServers,
    iceTransportPolicy: rtcConfig.iceTransportPolicy,
    bundlePolicy: 'max-bundle',
    rtcpMuxPolicy: 'require',
  })
}

/** A section of our own first offer: sending when there is a device, else receiving only. */
export function addMediaSection(
  pc: RTCPeerConnection,
  track: MediaStreamTrack | null,
  kind: 'audio' | 'video',
  syncLabel: MediaStream,
): RTCRtpTransceiver {
  return pc.addTransceiver(track ?? kind, {
    direction: track ? 'sendrecv' : 'recvonly',
    streams: [syncLabel],
  })
}

export function createInCallChannel(pc: RTCPeerConnection): RTCDataChannel {
  return pc.createDataChannel(IN_CALL_CHANNEL_LABEL, { ordered: true })
}

export function prepareConnection(
  rtcConfig: ClientRtcConfig,
  tracks: SentTracks,
): PreparedConnection {
  const pc = createConnection(rtcConfig)
  const syncLabel = new MediaStream()
  return {
    pc,
    audioSection: addMediaSection(pc, tracks.audio, 'audio', syncLabel),
    cameraSection: addMediaSection(pc, tracks.camera, 'video', syncLabel),
    channel: createInCallChannel(pc),
    syncLabel,
    rtcConfig,
    tracks: { audio: tracks.audio, camera: tracks.camera },
  }
}

/** Whether `prepared` still is what a fresh connection would be: same config, same tracks. */
export function preparedFits(
  prepared: PreparedConnection,
  rtcConfig: ClientRtcConfig | null,
  tracks: SentTracks,
): boolean {
  return (
    prepared.rtcConfig === rtcConfig &&
    prepared.tracks.audio === tracks.audio &&
    prepared.tracks.camera === tracks.camera &&
    prepared.pc.signalingState === 'stable' &&
    !prepared.pc.localDescription
  )
}
