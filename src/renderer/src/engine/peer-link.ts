/**
 * One RTCPeerConnection to one remote participant: perfect negotiation (roles fixed by comparing
 * user ids), fixed audio/camera/screen transceivers changed only with replaceTrack, a queue for
 * remote candidates that arrive before the remote description, and the ICE recovery ladder
 * (debounced `disconnected`, restartIce from the impolite side, backoff, then a clear 'failed').
 */
import type { ClientRtcConfig } from '../../../shared/rtc-config'
import type { PeerLinkState, PeerStats } from './call-engine-api'
import { capSenderBitrate } from './bitrate-policy'
import { StatsSampler } from './stats-sampler'

export type MediaSlot = 'audio' | 'camera' | 'screen'

export interface LocalTracks {
  audio: MediaStreamTrack | null
  camera: MediaStreamTrack | null
  screen: MediaStreamTrack | null
}

export interface PeerSignal {
  /** Each returns false when signaling is down and the message was dropped. */
  offer(sdp: string): boolean
  answer(sdp: string): boolean
  candidate(candidate: RTCIceCandidateInit): boolean
  isUp(): boolean
}

export interface PeerLinkOptions {
  selfId: string
  remoteId: string
  rtcConfig: ClientRtcConfig
  /** 'offerer': we joined and offer first, with our three transceivers. 'answerer': we wait. */
  role: 'offerer' | 'answerer'
  tracks: LocalTracks
  signal: PeerSignal
  /** Link state, streams or stats changed. */
  onChange(): void
  /** A negotiation finished: senders now have encodings that the bitrate policy can cap. */
  onNegotiated(): void
  /**
   * Restarting ICE did not help or cannot (the remote threw its connection away, or we never got
   * an offer): the engine replaces this link with a fresh one that offers. Absent: never rebuild.
   */
  onRebuild?: () => void
}

/** `disconnected` often heals by itself within a second or two; act only after this. */
const DISCONNECTED_DEBOUNCE_MS = 2_500
/** A link that has not connected this long after creation gets the recovery ladder too. */
const FIRST_CONNECT_WATCHDOG_MS = 10_000
/** An answerer that has not heard an offer this long asks to be rebuilt as the offerer. */
const OFFER_WAIT_MS = 5_000
const RECOVERY_BACKOFF_MS = [2_000, 4_000, 8_000, 16_000, 16_000]
/** How many candidates to hold for a link whose remote description has not arrived. */
const MAX_QUEUED_CANDIDATES = 200

/** The `o=` line's session id: a new one means the remote made a new RTCPeerConnection. */
export function sdpSessionId(sdp: string | undefined): string | null {
  if (!sdp) return null
  const match = /^o=\S+ (\d+) /m.exec(sdp)
  return match?.[1] ?? null
}

export class PeerLink {
  readonly pc: RTCPeerConnection
  readonly remoteId: string
  /** The polite side yields when both offer at once. */
  readonly polite: boolean
  link: PeerLinkState = 'connecting'
  stats: PeerStats | null = null
  cameraStream: MediaStream | null = null
  screenStream: MediaStream | null = null

  private transceivers: Record<MediaSlot, RTCRtpTransceiver> | null = null
  private readonly tracks: LocalTracks
  private makingOffer = false
  private ignoreOffer = false
  private isSettingRemoteAnswerPending = false
  private pendingCandidates: RTCIceCandidateInit[] = []
  /** Remote descriptions and candidates are applied one at a time, in arrival order. */
  private chain: Promise<void> = Promise.resolve()
  private everConnected = false
  private negotiationDropped = false
  private recoveryAttempts = 0
  private debounceTimer: ReturnType<typeof setTimeout> | null = null
  private recoveryTimer: ReturnType<typeof setTimeout> | null = null
  private watchdogTimer: ReturnType<typeof setTimeout> | null = null
  private readonly sampler = new StatsSampler()
  private closed = false
  /**
   * Audio and camera are sent under this one stream id (msid), which is what makes the receiver
   * play them in sync (lip sync). The stream itself carries no tracks; it is only the label.
   */
  private readonly syncLabel = new MediaStream()

  constructor(private readonly options: PeerLinkOptions) {
    this.remoteId = options.remoteId
    this.polite = options.selfId < options.remoteId
    this.tracks = { ...options.tracks }
    this.pc = new RTCPeerConnection({
      iceServers: options.rtcConfig.iceServers,
      iceTransportPolicy: options.rtcConfig.iceTransportPolicy,
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    })
    this.pc.onnegotiationneeded = () => void this.negotiate()
    this.pc.onicecandidate = ({ candidate }) => {
      // The end-of-candidates null and empty strings carry nothing the remote needs.
      if (candidate && candidate.candidate) options.signal.candidate(candidate.toJSON())
    }
    this.pc.onconnectionstatechange = () => this.onConnectionState()
    this.pc.onsignalingstatechange = () => {
      if (this.pc.signalingState === 'stable') options.onNegotiated()
    }
    if (options.role === 'offerer') {
      // Fixed order on both sides: m-line 0 audio, 1 camera, 2 screen.
      const add = (slot: MediaSlot, kind: 'audio' | 'video'): RTCRtpTransceiver =>
        this.pc.addTransceiver(this.tracks[slot] ?? kind, {
          direction: 'sendrecv',
          streams: slot === 'screen' ? [] : [this.syncLabel],
        })
      this.transceivers = {
        audio: add('audio', 'audio'),
        camera: add('camera', 'video'),
        screen: add('screen', 'video'),
      }
      // No onChange from the constructor: the owner does not hold this link yet.
      this.buildRemoteStreams(false)
      // Offer now rather than on negotiationneeded: that event is a task that waits behind the
      // UI's render of the new call state, and the offer is on the critical path of the first
      // frame. The event, when it comes, finds the offer under way and does nothing.
      void this.negotiate()
    }
    this.watchdogTimer = setTimeout(
      () => {
        this.watchdogTimer = null
        if (!this.everConnected) this.recover()
      },
      options.role === 'offerer' ? FIRST_CONNECT_WATCHDOG_MS : OFFER_WAIT_MS,
    )
  }

  get remoteSessionId(): string | null {
    return sdpSessionId(this.pc.remoteDescription?.sdp)
  }

  /** True while we offered first and have heard nothing back: safe to throw away and restart. */
  get isUnansweredOfferer(): boolean {
    return this.transceivers !== null && this.pc.remoteDescription === null
  }

  async setTrack(slot: MediaSlot, track: MediaStreamTrack | null): Promise<void> {
    this.tracks[slot] = track
    const transceiver = this.transceivers?.[slot]
    if (!transceiver || this.closed) return
    await transceiver.sender.replaceTrack(track)
  }

  async applyBitrates(camera: number, screen: number): Promise<void> {
    if (!this.transceivers || this.closed) return
    await Promise.all([
      capSenderBitrate(this.transceivers.camera.sender, camera),
      capSenderBitrate(this.transceivers.screen.sender, screen),
    ]).catch((error: unknown) => console.warn('[parley] could not cap the bitrate', error))
  }

  handleDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return this.enqueue(async () => {
      const offerCollision =
        description.type === 'offer' &&
        (this.makingOffer ||
          (this.pc.signalingState !== 'stable' && !this.isSettingRemoteAnswerPending))
      this.ignoreOffer = !this.polite && offerCollision
      if (this.ignoreOffer) return
      if (description.type === 'answer' && this.pc.signalingState !== 'have-local-offer') {
        // A late answer to an offer we rolled back or replaced: applying it would throw.
        return
      }
      this.isSettingRemoteAnswerPending = description.type === 'answer'
      try {
        await this.pc.setRemoteDescription(description)
      } finally {
        this.isSettingRemoteAnswerPending = false
      }
      await this.flushCandidates()
      if (description.type === 'offer') {
        const firstAnswer = this.pc.currentLocalDescription === null
        await this.adoptRemoteTransceivers()
        if (firstAnswer) {
          await this.pc.setLocalDescription(await this.dtlsServerAnswer())
        } else {
          await this.pc.setLocalDescription()
        }
        const answer = this.pc.localDescription
        if (answer) this.options.signal.answer(answer.sdp)
      }
    })
  }

  handleCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    return this.enqueue(async () => {
      if (!this.pc.remoteDescription) {
        if (this.pendingCandidates.length < MAX_QUEUED_CANDIDATES) {
          this.pendingCandidates.push(candidate)
        }
        return
      }
      await this.addCandidate(candidate)
    })
  }

  /**
   * Signaling is back (after a socket reconnect and rejoin): send again what was dropped while it
   * was down, and restart ICE on a link that did not survive.
   */
  resume(): void {
    if (this.closed) return
    if (this.pc.signalingState === 'have-local-offer' && this.negotiationDropped) {
      this.negotiationDropped = false
      void this.enqueue(async () => {
        await this.pc.setLocalDescription({ type: 'rollback' })
      }).then(() => this.negotiate())
      return
    }
    if (this.negotiationDropped) {
      this.negotiationDropped = false
      void this.negotiate()
      return
    }
    if (this.link === 'failed' || this.link === 'recovering') {
      this.recoveryAttempts = 0
      this.clearRecoveryTimer()
      this.recover()
    }
  }

  /** Applies a refreshed RTC config (new TURN credentials, relay-only switched on or off). */
  updateConfig(config: ClientRtcConfig): void {
    try {
      this.pc.setConfiguration({
        ...this.pc.getConfiguration(),
        iceServers: config.iceServers,
        iceTransportPolicy: config.iceTransportPolicy,
      })
    } catch (error) {
      console.warn('[parley] could not apply the new RTC config', error)
    }
  }

  async sampleStats(): Promise<void> {
    if (this.closed) return
    try {
      this.stats = await this.sampler.sample(this.pc)
      this.options.onChange()
    } catch {
      // A closing connection refuses getStats; the next sample or close() settles it.
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.clearRecoveryTimer()
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    if (this.watchdogTimer) clearTimeout(this.watchdogTimer)
    this.pc.onnegotiationneeded = null
    this.pc.onicecandidate = null
    this.pc.onconnectionstatechange = null
    this.pc.onsignalingstatechange = null
    this.pc.close()
    this.link = 'closed'
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => (this.closed ? undefined : operation()))
    this.chain = run.catch(() => undefined)
    return run
  }

  private async negotiate(): Promise<void> {
    if (this.closed || this.makingOffer) return
    if (!this.options.signal.isUp()) {
      // Offering into a dead socket would leave us waiting for an answer that cannot come.
      this.negotiationDropped = true
      return
    }
    if (this.pc.signalingState !== 'stable') return
    try {
      this.makingOffer = true
      await this.pc.setLocalDescription()
      const offer = this.pc.localDescription
      if (offer && offer.type === 'offer' && !this.options.signal.offer(offer.sdp)) {
        this.negotiationDropped = true
      }
    } catch (error) {
      console.warn(`[parley] negotiation with ${this.remoteId} failed`, error)
    } finally {
      this.makingOffer = false
    }
  }

  /**
   * The first answer takes the DTLS server role (`a=setup:passive`), so the offerer starts the
   * handshake. The offerer can only finish ICE once it holds our answer, so its first DTLS packet
   * always finds us ready; with the browser's default (answerer as client) our first packet often
   * outruns the answer through the signaling server, is dropped, and is retransmitted only after
   * 1, 3, 7 seconds: a slow first frame. The role is fixed for the connection's life: later
   * answers keep whatever the browser derives from it.
   */
  private async dtlsServerAnswer(): Promise<RTCSessionDescriptionInit> {
    const answer = await this.pc.createAnswer()
    return { type: 'answer', sdp: answer.sdp?.replace(/^a=setup:active\r?$/gm, 'a=setup:passive') }
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate)
    } catch (error) {
      // Candidates of an offer we ignored (or of an old ICE generation) are expected to fail.
      if (!this.ignoreOffer) console.warn('[parley] a remote candidate was refused', error)
    }
  }

  private async flushCandidates(): Promise<void> {
    const queued = this.pendingCandidates
    this.pendingCandidates = []
    for (const candidate of queued) await this.addCandidate(candidate)
  }

  /**
   * The answerer's transceivers come from the offer. They are mapped by m-line order and kind
   * (first audio, first video = camera, second video = screen), set to send, and given our tracks.
   */
  private async adoptRemoteTransceivers(): Promise<void> {
    if (this.transceivers) return
    const all = this.pc.getTransceivers()
    const audio = all.find((t) => t.receiver.track.kind === 'audio')
    const videos = all.filter((t) => t.receiver.track.kind === 'video')
    const camera = videos[0]
    const screen = videos[1]
    if (!audio || !camera || !screen) {
      console.warn(`[parley] ${this.remoteId} offered an unexpected set of media sections`)
      return
    }
    this.transceivers = { audio, camera, screen }
    await Promise.all(
      (['audio', 'camera', 'screen'] as const).map(async (slot) => {
        const transceiver = this.transceivers?.[slot]
        if (!transceiver) return
        transceiver.direction = 'sendrecv'
        if (slot !== 'screen') transceiver.sender.setStreams(this.syncLabel)
        await transceiver.sender.replaceTrack(this.tracks[slot])
      }),
    )
    this.buildRemoteStreams()
  }

  /**
   * Remote streams straight from the receivers: they exist before any packet arrives, so the UI
   * can attach them at once and the first frame shows the moment it is decoded.
   */
  private buildRemoteStreams(notify = true): void {
    if (!this.transceivers) return
    this.cameraStream = new MediaStream([
      this.transceivers.audio.receiver.track,
      this.transceivers.camera.receiver.track,
    ])
    this.screenStream = new MediaStream([this.transceivers.screen.receiver.track])
    if (notify) this.options.onChange()
  }

  private onConnectionState(): void {
    const state = this.pc.connectionState
    if (state === 'connected') {
      this.everConnected = true
      this.recoveryAttempts = 0
      this.clearRecoveryTimer()
      if (this.debounceTimer) clearTimeout(this.debounceTimer)
      this.debounceTimer = null
      this.setLink('connected')
    } else if (state === 'disconnected') {
      this.setLink('recovering')
      this.debounceTimer ??= setTimeout(() => {
        this.debounceTimer = null
        if (this.pc.connectionState !== 'connected') this.recover()
      }, DISCONNECTED_DEBOUNCE_MS)
    } else if (state === 'failed') {
      this.setLink('recovering')
      this.recover()
    } else if (state === 'closed') {
      this.setLink('closed')
    } else if (this.everConnected && this.link !== 'failed') {
      this.setLink('recovering')
    }
  }

  /** One rung of the ladder: restart ICE (impolite side), then check again after a backoff. */
  private recover(): void {
    if (this.closed || this.recoveryTimer) return
    if (this.pc.connectionState === 'connected') return
    if (this.recoveryAttempts >= RECOVERY_BACKOFF_MS.length) {
      this.setLink('failed')
      return
    }
    if (this.link !== 'failed') this.setLink(this.everConnected ? 'recovering' : 'connecting')
    const rebuild = this.options.onRebuild
    if (this.options.signal.isUp() && rebuild) {
      // No offer ever came (ours cannot restart without transceivers), or a restart already
      // failed on our side: a fresh connection is what the remote can still accept.
      const neverOffered = this.transceivers === null
      const restartFailed = this.recoveryAttempts >= 1 && !this.polite
      if (neverOffered || restartFailed) {
        this.recoveryAttempts++
        rebuild()
        return
      }
    }
    if (this.options.signal.isUp()) {
      if (this.pc.signalingState === 'have-local-offer') {
        // Our offer went unanswered (lost in a reconnect, or ignored): take it back, offer again.
        void this.enqueue(async () => {
          await this.pc.setLocalDescription({ type: 'rollback' })
        }).then(() => this.restartFromOurSide())
      } else {
        this.restartFromOurSide()
      }
    }
    const delay = RECOVERY_BACKOFF_MS[this.recoveryAttempts] ?? 16_000
    this.recoveryAttempts++
    this.recoveryTimer = setTimeout(() => {
      this.recoveryTimer = null
      if (this.pc.connectionState !== 'connected') this.recover()
    }, delay)
  }

  private restartFromOurSide(): void {
    // Only the impolite side starts the ICE restart, so both ends do not offer at once; the
    // polite side waits for it. Before any description, a restart means offering again.
    if (!this.transceivers) return
    if (this.pc.remoteDescription === null) {
      void this.negotiate()
      return
    }
    if (!this.polite) this.pc.restartIce()
  }

  private clearRecoveryTimer(): void {
    if (this.recoveryTimer) clearTimeout(this.recoveryTimer)
    this.recoveryTimer = null
  }

  private setLink(link: PeerLinkState): void {
    if (this.link === link || this.closed) return
    this.link = link
    this.options.onChange()
  }
}
