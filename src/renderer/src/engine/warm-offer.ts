/**
 * A first offer made ahead, in the lobby: a connection with our microphone and camera sections and
 * the in-call channel, its offer already set and its candidates already gathering. Joining a call
 * that has people in it sends this offer to the first of them at once, instead of making the
 * connection, the offer and setLocalDescription after the server's answer (15-25 ms of the time
 * to the first remote frame). Nothing in an offer names its remote: the sections, codecs, our ICE
 * credentials and DTLS fingerprint are the same whoever takes it.
 *
 * What the connection reports before a link takes it (its candidates, gathering states, candidate
 * errors) is kept, and handed to the link in order, after the offer has gone out.
 */
import { IN_CALL_CHANNEL_LABEL } from '../../../shared/in-call-messages'
import type { ClientRtcConfig } from '../../../shared/rtc-config'
import type { LocalTracks } from './peer-link'

/** Something the connection reported before a link took it. */
export type EarlyIceEvent =
  | { kind: 'candidate'; candidate: RTCIceCandidate | null }
  | { kind: 'candidate-error'; errorCode: number; url: string }
  | { kind: 'gathering'; state: RTCIceGatheringState }

/** Every link's connection is made with this configuration. */
export function connectionConfig(config: ClientRtcConfig): RTCConfiguration {
  return {
    iceServers: config.iceServers,
    iceTransportPolicy: config.iceTransportPolicy,
    bundlePolicy: 'max-bundle',
    rtcpMuxPolicy: 'require',
  }
}

/**
 * The microphone and camera sections of our first offer, each sending when there is a device and
 * receiving only otherwise, both under one stream id (`syncLabel`): that is what makes the
 * receiver play them in sync.
 */
export function addFirstOfferSections(
  pc: RTCPeerConnection,
  tracks: Pick<LocalTracks, 'audio' | 'camera'>,
  syncLabel: MediaStream,
): { audio: RTCRtpTransceiver; camera: RTCRtpTransceiver } {
  const section = (kind: 'audio' | 'video', track: MediaStreamTrack | null) =>
    pc.addTransceiver(track ?? kind, {
      direction: track ? 'sendrecv' : 'recvonly',
      streams: [syncLabel],
    })
  return { audio: section('audio', tracks.audio), camera: section('video', tracks.camera) }
}

/** What a link takes over from a warm offer. */
export interface TakenOffer {
  pc: RTCPeerConnection
  audio: RTCRtpTransceiver
  camera: RTCRtpTransceiver
  channel: RTCDataChannel
  syncLabel: MediaStream
  /** Settles once the offer is our local description; rejects when the browser refused it. */
  ready: Promise<void>
  /** What the connection reported so far, oldest first; later events go to the link's handlers. */
  early: EarlyIceEvent[]
}

export class WarmOffer {
  private readonly pc: RTCPeerConnection
  private readonly syncLabel = new MediaStream()
  private readonly audio: RTCRtpTransceiver
  private readonly camera: RTCRtpTransceiver
  private readonly channel: RTCDataChannel
  private readonly ready: Promise<void>
  private readonly early: EarlyIceEvent[] = []
  private readonly configKey: string
  private taken = false

  constructor(
    config: ClientRtcConfig,
    private readonly tracks: Pick<LocalTracks, 'audio' | 'camera'>,
  ) {
    this.configKey = JSON.stringify(connectionConfig(config))
    this.pc = new RTCPeerConnection(connectionConfig(config))
    this.pc.onicecandidate = ({ candidate }) => this.early.push({ kind: 'candidate', candidate })
    this.pc.onicecandidateerror = (event) => {
      const { errorCode, url } = event as RTCPeerConnectionIceErrorEvent
      this.early.push({ kind: 'candidate-error', errorCode, url })
    }
    this.pc.onicegatheringstatechange = () =>
      this.early.push({ kind: 'gathering', state: this.pc.iceGatheringState })
    const sections = addFirstOfferSections(this.pc, tracks, this.syncLabel)
    this.audio = sections.audio
    this.camera = sections.camera
    // In the first offer, so the channel needs no renegotiation of its own (as PeerLink does).
    this.channel = this.pc.createDataChannel(IN_CALL_CHANNEL_LABEL, { ordered: true })
    this.ready = this.pc.setLocalDescription()
    // A refusal is the taking link's business (it makes its own offer then); none goes unhandled.
    this.ready.catch(() => undefined)
  }

  /** Made with this configuration and these tracks, and nothing shared yet (no screen). */
  suits(config: ClientRtcConfig, tracks: LocalTracks): boolean {
    return (
      !this.taken &&
      tracks.screen === null &&
      tracks.audio === this.tracks.audio &&
      tracks.camera === this.tracks.camera &&
      JSON.stringify(connectionConfig(config)) === this.configKey
    )
  }

  /** Hands the connection over; from now on its events are the taker's. */
  take(): TakenOffer {
    this.release()
    return {
      pc: this.pc,
      audio: this.audio,
      camera: this.camera,
      channel: this.channel,
      syncLabel: this.syncLabel,
      ready: this.ready,
      early: this.early.splice(0),
    }
  }

  /** Not needed after all (the devices or the configuration changed, or the page leaves). */
  close(): void {
    if (this.taken) return
    this.release()
    this.pc.close()
  }

  /** Used up: nothing more is kept for a taker. */
  private release(): void {
    this.taken = true
    this.pc.onicecandidate = null
    this.pc.onicecandidateerror = null
    this.pc.onicegatheringstatechange = null
  }
}
