/**
 * One RTCPeerConnection to one remote participant, and every decision about it: perfect
 * negotiation (roles fixed by comparing user ids) that also settles with peers that never roll
 * back, what an incoming offer means, remote candidates queued until they can be applied, and the
 * recovery ladder (link-recovery.ts). The connection itself stays private.
 *
 * Media sections are what any WebRTC client understands: Parley's first offer carries audio and
 * camera, each with a track under one stream id (lip sync); a screen share is one more video
 * section with its own stream, added when the share starts and stopped when it ends. An offer of
 * any shape is answered with the microphone on its first audio section and the camera on its first
 * video section. A remote's first video is its camera; a later one it sends is its screen.
 */
import { RelayFailureWatch, type RelayFailure } from './relay-failure'
import { IN_CALL_CHANNEL_LABEL } from '../../../shared/in-call-messages'
import type { IceCandidate } from '../../../shared/protocol'
import { backoffPolicy } from '../../../shared/retry-policy'
import type { ClientRtcConfig } from '../../../shared/rtc-config'
import type { ErrorPhrase, PeerLinkState, PeerStats } from './call-engine-api'
import { englishText } from '../../../shared/i18n/phrase'
import { tuneSender } from './bitrate-policy'
import { withoutHeaderExtensionClashes } from './header-extension-repair'
import {
  LocalAddressWatch,
  NEW_ADDRESS_WAIT_MS,
  decideRecovery,
  type RecoveryCause,
} from './link-recovery'
import { markRecovery, type RecoveryEvent } from './recovery-marks'
import { toCandidateInit } from './remote-candidate'
import { StatsSampler, receivedBytesOf, sameStats } from './stats-sampler'
import { InboundFlowWatch } from './inbound-flow'
import { scaleDownFor, type ShownSize } from './shown-size'
import { addFirstOfferSections, connectionConfig, type TakenOffer } from './warm-offer'

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
  /**
   * The link's path went quiet: ask signaling to make sure its own socket still answers (both may
   * ride the same dying uplink, and a restart offer sent into a dead socket is lost).
   */
  verifySignaling?(): void
}

/** Steps of the setup path, marked with User Timing as `call:<stage>:<remoteId>`. */
export type SetupStage =
  | 'offer-sent'
  | 'offer-received'
  | 'answer-sent'
  | 'answer-received'
  | 'ice-connected'
  | 'dtls-connected'
  | 'track'

export interface PeerLinkOptions {
  selfId: string
  remoteId: string
  rtcConfig: ClientRtcConfig
  tracks: LocalTracks
  signal: PeerSignal
  /** Link state, streams or stats changed. */
  onChange(): void
  /** A negotiation finished: senders now have encodings that the bitrate policy can cap. */
  onNegotiated(): void
  /** Whether the participant's budget still allows replacing this link with a fresh one. */
  canRebuild(): boolean
  /** Replace this link with a fresh one that offers; `reason` says what went wrong, if known. */
  onRebuild(reason: ErrorPhrase | null): void
  /**
   * Video frames of this link's camera stream shown so far by the engine's own <video> of it
   * (camera-video.ts), null when none shows it: the cheapest sign that media still arrives.
   */
  framesShown?(): number | null
  /**
   * The link's data channel for in-call messages: made by the side that makes the first offer,
   * taken from the remote otherwise. Without this option the link carries media only.
   */
  onDataChannel?(channel: RTCDataChannel): void
  /**
   * A first offer made ahead (warm-offer.ts), already our local description, for a link that
   * starts as the offerer: it offers with it at once instead of making a connection and an offer.
   */
  warmOffer?: TakenOffer
}

/**
 * How long after its first connection a link gets its bitrate caps and the size the peer shows us
 * at: not in the middle of the connection's own first steps, and soon, since until then the camera
 * is encoded at its full size for every peer. At 1 s, a newcomer right after another met the
 * other's writes coming due in the middle of its own setup, with every page still encoding at full
 * size: 4-person joins took 1128-1312 ms to frames from all (p50 of three runs of 5) against
 * 914-1048 ms at 300 ms.
 */
const CAPS_AFTER_CONNECT_MS = 300
/** `disconnected` often heals by itself within a second or two; act only after this. */
const DISCONNECTED_DEBOUNCE_MS = 2_500
/** A link that has not connected this long after its first description gets the ladder too. */
const FIRST_CONNECT_WATCHDOG_MS = 10_000
/** An answerer that has not heard an offer this long asks for a fresh link that offers. */
const OFFER_WAIT_MS = 5_000
/** An offer without an answer is sent again after these waits (a lost message, a busy peer). */
const OFFER_RESEND_POLICY = backoffPolicy([5_000, 10_000, 20_000])
/**
 * Both sides offered and we are the impolite one: a Parley peer rolls back and answers ours, a
 * peer without perfect negotiation never does. An answer that is merely slow (a loaded machine)
 * is no reason to yield: yielding then leaves each side answering an offer the other took back.
 * So after the first wait our offer is sent again (a repeat is answered at once by a peer that
 * answered it already), and only when that too goes unanswered do we take ours back and answer
 * theirs. A remote candidate of another ICE generation than their offer's ends the wait early:
 * they took their offer back, and their answer is on its way.
 */
const GLARE_WAITS_MS = [1_500, 3_000] as const
/**
 * How often the link looks whether anything still arrives (inbound-flow.ts), and how many looks in
 * a row with nothing received make a "connected" link stalled: a tile must not claim a working
 * link over frozen video for more than a few seconds (the fuller stats are sampled less often).
 */
const FLOW_CHECK_MS = 500
const SILENT_SAMPLES_FOR_STALL = 3
/** Quiet looks in a row (a second of nothing) after which signaling is asked whether it answers. */
const SILENT_SAMPLES_FOR_CHECK = 2
/**
 * A network change this side learned of while the link still looked healthy (the `online` event
 * and the rejoin often come before the link notices its path is gone) is remembered this long:
 * if the link turns unhealthy meanwhile, it restarts at once whatever its role.
 */
const NETWORK_CHANGE_MEMORY_MS = 10_000
/** How many candidates to hold for a link whose remote description has not arrived. */
const MAX_QUEUED_CANDIDATES = 200

/** The `o=` line's session id: a new one means the remote made a new RTCPeerConnection. */
export function sdpSessionId(sdp: string | undefined): string | null {
  if (!sdp) return null
  const match = /^o=\S+ (\d+) /m.exec(sdp)
  return match?.[1] ?? null
}

/**
 * The media sections in order, by mid where the description names them. An answer must list the
 * offer's sections in the offer's order, so a different list means it answers another offer.
 */
function sectionOrder(sdp: string): string[] {
  const sections = sdp.split(/^(?=m=)/m).slice(1)
  return sections.map((section, index) => /^a=mid:(\S+)/m.exec(section)?.[1] ?? `#${index}`)
}

/** The whole `o=` origin (session id and version): the same for a copy of the same offer. */
function sdpOrigin(sdp: string): string | null {
  return /^o=.*$/m.exec(sdp)?.[0]?.trim() ?? null
}

/**
 * The session's ICE username fragment (every section is bundled on one transport): a new one
 * means the description restarts ICE.
 */
function iceUfrag(sdp: string | undefined): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp ?? '')?.[1] ?? null
}

/** A remote candidate's ICE username fragment, from the field or the line's `ufrag` extension. */
function candidateUfrag(candidate: RTCIceCandidateInit): string | null {
  return candidate.usernameFragment ?? / ufrag (\S+)/.exec(candidate.candidate ?? '')?.[1] ?? null
}

function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error)
}

function isStopped(transceiver: RTCRtpTransceiver): boolean {
  return transceiver.currentDirection === 'stopped' || transceiver.direction === 'stopped'
}

/** Media from the remote flows on this section (or will, once the answer is in). */
function receives(transceiver: RTCRtpTransceiver): boolean {
  const direction = transceiver.currentDirection
  return direction === 'recvonly' || direction === 'sendrecv'
}

/** The same stream object while its tracks are the same, so the UI does not re-attach it. */
function streamOf(current: MediaStream | null, tracks: MediaStreamTrack[]): MediaStream | null {
  if (tracks.length === 0) return null
  const now = current?.getTracks() ?? []
  if (current && now.length === tracks.length && tracks.every((track) => now.includes(track))) {
    return current
  }
  return new MediaStream(tracks)
}

export class PeerLink {
  readonly remoteId: string
  /** The polite side yields when both offer at once. */
  readonly polite: boolean
  link: PeerLinkState = 'connecting'
  /** Why the link failed, in words for the tile; null while nothing went wrong. */
  failureReason: ErrorPhrase | null = null
  stats: PeerStats | null = null
  cameraStream: MediaStream | null = null
  screenStream: MediaStream | null = null

  private readonly pc: RTCPeerConnection
  private readonly tracks: LocalTracks
  private role: 'offerer' | 'answerer' | null = null
  private audioSection: RTCRtpTransceiver | null = null
  private cameraSection: RTCRtpTransceiver | null = null
  private screenSection: RTCRtpTransceiver | null = null
  /**
   * Audio and camera are sent under this one stream id (msid), which is what makes the receiver
   * play them in sync (lip sync). The stream itself carries no tracks; it is only the label.
   */
  private readonly syncLabel: MediaStream

  /** We hold the DTLS server role (`a=setup:passive`) on this connection. */
  private dtlsServer = false
  /** An answer of the remote's was applied at least once. */
  private answered = false
  private makingOffer = false
  private ignoreOffer = false
  private isSettingRemoteAnswerPending = false
  /** An offer ignored in a collision, answered if the remote never answers ours. */
  private ignoredOffer: string | null = null
  /** Its ICE username fragment: candidates with another one come from after a rollback. */
  private ignoredOfferUfrag: string | null = null
  private glareTimer: ReturnType<typeof setTimeout> | null = null
  private offerAgainWhenStable = false
  private offerResends = 0
  private offerResendTimer: ReturnType<typeof setTimeout> | null = null
  private negotiationDropped = false
  /**
   * Counts the signaling connections this link has been resumed on, and which one our pending
   * offer last went out on: an offer sent on the connection still in use is on its way (a socket
   * that is up delivers in order), one sent before signaling came back may be lost.
   */
  private signalingEpoch = 0
  private offerEpoch: number | null = null
  private pendingCandidates: RTCIceCandidateInit[] = []
  /** Remote descriptions and candidates are applied one at a time, in arrival order. */
  private chain: Promise<void> = Promise.resolve()
  private capping: Promise<void> = Promise.resolve()
  private bitrateCaps: { camera: number; screen: number } | null = null
  /** How large the peer shows our camera, as it last told us; null: never told (full size). */
  private cameraShownAt: ShownSize | null = null
  /** The first connection is CAPS_AFTER_CONNECT_MS old: caps are written from now on. */
  private capsDue = false
  private capsTimer: ReturnType<typeof setTimeout> | null = null

  private everConnected = false
  private recoveryAttempt = 0
  private debounceTimer: ReturnType<typeof setTimeout> | null = null
  private recoveryTimer: ReturnType<typeof setTimeout> | null = null
  private watchdogTimer: ReturnType<typeof setTimeout> | null = null
  private readonly sampler = new StatsSampler()
  private readonly inbound = new InboundFlowWatch()
  private flowTimer: ReturnType<typeof setInterval> | null = null
  private mediaStalled = false
  /** The transport whose selected pair is watched, and that pair (its two candidates). */
  private watchedIce: RTCIceTransport | null = null
  private selectedPair: string | null = null
  private readonly localAddresses = new LocalAddressWatch()
  /** When this side last learned of a network change while the link looked healthy. */
  private networkChangedAt: number | null = null
  /** When this side's own network last changed (its addresses may be about to). */
  private ownNetworkChangedAt: number | null = null
  /** Runs while the ladder holds its next rung for a new address (link-recovery.ts). */
  private newAddressTimer: ReturnType<typeof setTimeout> | null = null
  /** The rung that came due during that wait, to run when it ends without one. */
  private heldRung: RecoveryCause | null = null
  private readonly marked = new Set<SetupStage>()
  private closed = false
  private readonly relayWatch: RelayFailureWatch
  private relayFailureShown: RelayFailure | null = null

  constructor(private readonly options: PeerLinkOptions) {
    this.remoteId = options.remoteId
    this.polite = options.selfId < options.remoteId
    this.tracks = { ...options.tracks }
    const warm = options.warmOffer
    this.pc = warm?.pc ?? new RTCPeerConnection(connectionConfig(options.rtcConfig))
    this.syncLabel = warm?.syncLabel ?? new MediaStream()
    this.relayWatch = new RelayFailureWatch(options.rtcConfig.iceTransportPolicy === 'relay')
    this.pc.onnegotiationneeded = () => void this.negotiate()
    this.pc.onicecandidate = ({ candidate }) => this.onLocalCandidate(candidate)
    this.pc.onicecandidateerror = (event) => {
      const { errorCode, url } = event as RTCPeerConnectionIceErrorEvent
      this.onCandidateError(errorCode, url)
    }
    this.pc.onicegatheringstatechange = () => this.onGatheringState(this.pc.iceGatheringState)
    this.pc.oniceconnectionstatechange = () => {
      const state = this.pc.iceConnectionState
      if (state === 'connected' || state === 'completed') {
        this.mark('ice-connected')
        this.markRecovery('ice-connected')
      } else if (state === 'checking' || state === 'disconnected' || state === 'failed') {
        this.markRecovery(`ice-${state}`)
      }
    }
    this.pc.onconnectionstatechange = () => this.onConnectionState()
    this.pc.onsignalingstatechange = () => {
      if (this.pc.signalingState === 'stable') this.onStable()
    }
    this.pc.ontrack = () => {
      this.mark('track')
      this.refreshRemoteMedia()
    }
    if (options.onDataChannel) {
      const onDataChannel = options.onDataChannel
      this.pc.ondatachannel = ({ channel }) => {
        if (channel.label === IN_CALL_CHANNEL_LABEL) onDataChannel(channel)
      }
    }
  }

  /**
   * Starts the link once its owner holds it (nothing here may call back into an owner that is
   * still constructing it). 'offerer': we joined and offer at once. 'answerer': we wait.
   */
  start(role: 'offerer' | 'answerer'): void {
    if (this.role || this.closed) return
    this.role = role
    this.flowTimer = setInterval(() => void this.checkFlow(), FLOW_CHECK_MS)
    const warm = this.options.warmOffer
    if (role === 'offerer') {
      const sections = warm ?? addFirstOfferSections(this.pc, this.tracks, this.syncLabel)
      this.audioSection = sections.audio
      this.cameraSection = sections.camera
      // A warm offer is only taken while nothing is shared: then this adds nothing.
      this.syncScreen()
      this.refreshRemoteMedia(false)
      // In the first offer, so the channel needs no renegotiation of its own.
      this.options.onDataChannel?.(
        warm?.channel ?? this.pc.createDataChannel(IN_CALL_CHANNEL_LABEL, { ordered: true }),
      )
      // Offer now rather than on negotiationneeded: that event is a task that waits behind the
      // UI's render of the new call state, and the offer is on the critical path of the first
      // frame. The event, when it comes, finds the offer under way and does nothing.
      void (warm ? this.offerWarm(warm) : this.negotiate())
    }
    // An offerer's silent peer is the offer re-send ladder's business; the first-connect watchdog
    // starts once both descriptions are in (a busy peer may take a while to answer).
    if (role === 'answerer') this.watchdogTimer = setTimeout(() => this.onWatchdog(), OFFER_WAIT_MS)
  }

  get remoteSessionId(): string | null {
    return sdpSessionId(this.pc.remoteDescription?.sdp)
  }

  /**
   * True when this offer comes from a new connection on the remote side (a new session id), or
   * both of us offered from fresh connections and we are the side that yields: either way this
   * link cannot take it, and a fresh link that answers must.
   */
  offerNeedsNewLink(sdp: string): boolean {
    const incoming = sdpSessionId(sdp)
    const current = this.remoteSessionId
    const restarted = current !== null && incoming !== null && current !== incoming
    const bothFresh = this.polite && this.role === 'offerer' && this.pc.remoteDescription === null
    return restarted || bothFresh
  }

  /** Media flows (or is still being set up for the first time): keep this link on a rejoin. */
  get worthKeeping(): boolean {
    return (
      this.pc.remoteDescription !== null &&
      (this.link === 'connected' || this.link === 'connecting' || this.link === 'recovering')
    )
  }

  get healthy(): boolean {
    return this.pc.connectionState === 'connected' && !this.mediaStalled
  }

  async setTrack(slot: MediaSlot, track: MediaStreamTrack | null): Promise<void> {
    this.tracks[slot] = track
    if (this.closed) return
    if (slot === 'screen') {
      this.syncScreen()
      return
    }
    const section = slot === 'audio' ? this.audioSection : this.cameraSection
    if (!section || isStopped(section)) return
    if (track && section.direction !== 'sendrecv' && section.direction !== 'sendonly') {
      // A section that only received (no device at the start) now sends: renegotiation follows.
      section.direction = 'sendrecv'
      section.sender.setStreams(this.syncLabel)
    }
    await section.sender.replaceTrack(track)
    // Another camera may have another size: the scale for the peer's view is worked out again.
    if (slot === 'camera' && this.cameraShownAt) await this.tuneSenders()
  }

  /**
   * Remembers the caps and applies them once the link is negotiated, stable and has been connected
   * a moment (CAPS_AFTER_CONNECT_MS; onStable and the first connection apply them again): never
   * during the connection's first steps, which a write would delay (reading a sender's parameters
   * waits on WebRTC's own thread), while a fresh link sends below any cap anyway; and never while
   * a description is being applied, which changes the sender's parameters under the write. The
   * caps it already has read nothing: the link writes them itself whenever its senders change.
   */
  applyBitrates(camera: number, screen: number): Promise<void> {
    const caps = this.bitrateCaps
    if (caps?.camera === camera && caps.screen === screen) return this.capping
    this.bitrateCaps = { camera, screen }
    return this.tuneSenders()
  }

  /**
   * The peer shows our camera at `size` (its 'view' message): our camera goes out no larger
   * (shown-size.ts), written when and as the caps are.
   */
  showCameraAt(size: ShownSize): Promise<void> {
    this.cameraShownAt = size
    return this.tuneSenders()
  }

  private tuneSenders(): Promise<void> {
    if (
      this.closed ||
      !this.capsDue ||
      this.pc.signalingState !== 'stable' ||
      !this.pc.currentRemoteDescription
    ) {
      return Promise.resolve()
    }
    // One write at a time per link: two interleaved read-modify-writes would refuse each other.
    this.capping = this.capping.then(async () => {
      if (this.closed || this.pc.signalingState !== 'stable') return
      const caps = this.bitrateCaps
      const camera = this.cameraSection?.sender
      await Promise.all([
        camera
          ? tuneSender(camera, {
              maxBitrate: caps?.camera,
              scaleResolutionDownBy: this.cameraScaleDown(camera),
            })
          : undefined,
        this.screenSection && caps
          ? tuneSender(this.screenSection.sender, { maxBitrate: caps.screen })
          : undefined,
      ]).catch((error: unknown) => console.warn('[parley] could not tune a sender', error))
    })
    return this.capping
  }

  /** Undefined (left as it is) until the peer says how it shows us, or for a track of no size. */
  private cameraScaleDown(sender: RTCRtpSender): number | undefined {
    const shown = this.cameraShownAt
    const settings = sender.track?.getSettings()
    if (!shown || !settings?.width || !settings.height) return undefined
    return scaleDownFor({ width: settings.width, height: settings.height }, shown)
  }

  handleDescription(description: { type: 'offer' | 'answer'; sdp: string }): Promise<void> {
    this.mark(description.type === 'offer' ? 'offer-received' : 'answer-received')
    this.markRecovery(description.type === 'offer' ? 'offer-received' : 'answer-received')
    return this.enqueue(() =>
      description.type === 'offer'
        ? this.acceptOffer(description.sdp)
        : this.acceptAnswer(description.sdp),
    )
  }

  handleCandidate(raw: IceCandidate): Promise<void> {
    const candidate = toCandidateInit(raw)
    if (!candidate) return Promise.resolve()
    const ufrag = candidateUfrag(candidate)
    if (this.ignoredOffer && ufrag && this.ignoredOfferUfrag && ufrag !== this.ignoredOfferUfrag) {
      // Not their ignored offer's: they rolled it back and answer ours. No collision to settle.
      this.forgetIgnoredOffer()
    }
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
   * Signaling is back (a socket reconnect and rejoin): the path may have changed, so a link that
   * is not healthy restarts at once from this side, and what was dropped meanwhile is sent again.
   */
  resume(): void {
    if (this.closed || !this.role) return
    this.signalingEpoch++
    // An offer still unanswered went out on the connection that is gone: it goes again first, so
    // a restart below finds it on its way instead of sending it a second time.
    if (this.pc.signalingState === 'have-local-offer') {
      this.negotiationDropped = false
      this.offerResends = 0
      this.resendOffer()
    }
    if (!this.healthy) {
      this.networkChanged()
      return
    }
    // Signaling had to come back: the path under this link may have changed too.
    this.networkChangedAt = Date.now()
    this.ownNetworkChangedAt = this.networkChangedAt
    if (this.negotiationDropped) {
      this.negotiationDropped = false
      void this.negotiate()
    }
  }

  /** The network changed under us (the `online` event, signaling back): restart now if needed. */
  networkChanged(): void {
    if (this.closed || !this.role) return
    this.ownNetworkChangedAt = Date.now()
    this.remoteRejoined()
  }

  /**
   * The remote is back from elsewhere, maybe another network: restart now if needed. Our own
   * addresses did not change, so a restart that gathers on them again is no reason to wait.
   */
  remoteRejoined(): void {
    if (this.closed || !this.role) return
    if (this.healthy) {
      this.networkChangedAt = Date.now()
      return
    }
    this.recoveryAttempt = 0
    this.clearRecoveryTimer()
    this.recover('network-change')
  }

  /**
   * Why this relay-only link has no relay (unreachable, or refused credentials); null when it
   * has one, may still get one, or may go direct.
   */
  get relayFailure(): RelayFailure | null {
    return this.relayWatch.failure
  }

  private noteRelayFailure(): void {
    const failure = this.relayWatch.failure
    if (failure === this.relayFailureShown) return
    this.relayFailureShown = failure
    if (failure) console.warn(`[parley] link to ${this.remoteId}: no relay (${failure})`)
    this.options.onChange()
  }

  /** Applies a refreshed RTC config (new TURN credentials, relay-only switched on or off). */
  updateConfig(config: ClientRtcConfig): void {
    this.relayWatch.reset(config.iceTransportPolicy === 'relay')
    this.noteRelayFailure()
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
      const { stats } = await this.sampler.sample(this.pc)
      if (this.closed) return
      // Unchanged figures keep the same object: the tile does not render again.
      if (this.stats && sameStats(this.stats, stats)) return
      this.stats = stats
      this.options.onChange()
    } catch {
      // A closing connection refuses getStats; the next sample or close() settles it.
    }
  }

  private async checkFlow(): Promise<void> {
    if (this.closed) return
    this.watchPath()
    if (this.pc.connectionState !== 'connected') {
      this.inbound.reset()
      return
    }
    if (!this.inbound.frames(this.options.framesShown?.() ?? null)) {
      try {
        const report = await this.pc.getStats()
        if (this.closed || this.pc.connectionState !== 'connected') return
        const bytes = receivedBytesOf(report)
        // A browser that reports no byte count cannot tell: no judgement either way.
        if (bytes === null) return this.inbound.reset()
        this.inbound.transportBytes(bytes)
      } catch {
        // A closing connection refuses getStats; close() stops this timer.
        return
      }
    }
    this.watchInboundFlow()
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.flowTimer) clearInterval(this.flowTimer)
    if (this.watchedIce) this.watchedIce.onselectedcandidatepairchange = null
    this.clearRecoveryTimer()
    for (const timer of [
      this.capsTimer,
      this.debounceTimer,
      this.watchdogTimer,
      this.glareTimer,
      this.offerResendTimer,
      this.newAddressTimer,
    ]) {
      if (timer) clearTimeout(timer)
    }
    this.pc.onnegotiationneeded = null
    this.pc.onicecandidate = null
    this.pc.oniceconnectionstatechange = null
    this.pc.onconnectionstatechange = null
    this.pc.onsignalingstatechange = null
    this.pc.ontrack = null
    this.pc.ondatachannel = null
    this.pc.close()
    this.link = 'closed'
  }

  // --- negotiation ---------------------------------------------------------------------------

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => (this.closed ? undefined : operation()))
    this.chain = run.catch(() => undefined)
    return run
  }

  /**
   * The screen is its own section with its own stream while a share runs, and no section at all
   * otherwise: a client that shows its latest stream never sees an empty one.
   */
  private syncScreen(): void {
    if (this.closed || !this.role) return
    const track = this.tracks.screen
    if (track && !this.screenSection) {
      // An answerer adds it only after the first negotiation, so its offer cannot collide.
      if (this.role === 'answerer' && !this.pc.currentRemoteDescription) return
      this.screenSection = this.pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [new MediaStream()],
      })
    } else if (track && this.screenSection) {
      this.screenSection.sender
        .replaceTrack(track)
        .catch((error: unknown) => console.warn('[parley] could not switch the screen', error))
    } else if (!track && this.screenSection) {
      const section = this.screenSection
      this.screenSection = null
      // Stopping the section ends the remote's track; negotiationneeded removes it from the SDP.
      section.stop()
    }
  }

  private async negotiate(): Promise<void> {
    if (this.closed || this.makingOffer || !this.role) return
    if (!this.options.signal.isUp()) {
      // Offering into a dead socket would leave us waiting for an answer that cannot come.
      this.negotiationDropped = true
      return
    }
    if (this.pc.signalingState !== 'stable') return
    try {
      this.makingOffer = true
      await this.pc.setLocalDescription()
      this.sendOffer()
    } catch (error) {
      console.warn(`[parley] negotiation with ${this.remoteId} failed`, error)
    } finally {
      this.makingOffer = false
    }
  }

  /**
   * The first offer, made ahead (warm-offer.ts): sent as soon as it is our local description,
   * then what its connection gathered meanwhile. Should the browser have refused it, the link
   * makes its offer as any other would.
   */
  private async offerWarm(warm: TakenOffer): Promise<void> {
    this.makingOffer = true
    let made = true
    try {
      await warm.ready
    } catch (error) {
      console.warn(`[parley] the offer made ahead for ${this.remoteId} was refused`, error)
      made = false
    } finally {
      this.makingOffer = false
    }
    if (this.closed) return
    // Signaling down: dropped, and sent once it is back (resume).
    if (made && this.pc.signalingState === 'have-local-offer') this.sendOffer()
    // Candidates follow the offer they belong to.
    for (const event of warm.early.splice(0)) {
      if (event.kind === 'candidate') this.onLocalCandidate(event.candidate)
      else if (event.kind === 'candidate-error') this.onCandidateError(event.errorCode, event.url)
      else this.onGatheringState(event.state)
    }
    if (!made) void this.negotiate()
  }

  /** Our local description is an offer: it goes to the remote, and waits for an answer. */
  private sendOffer(): void {
    const offer = this.pc.localDescription
    if (!offer || offer.type !== 'offer') return
    if (!this.emitOffer(offer.sdp)) return
    this.mark('offer-sent')
    this.markRecovery('offer-sent')
    this.offerResends = 0
    this.armOfferResend()
  }

  /**
   * Hands our offer to signaling and notes which connection carried it, or that it was dropped
   * (signaling down): resume() sends it once signaling is back.
   */
  private emitOffer(sdp: string): boolean {
    const sent = this.options.signal.offer(sdp)
    this.offerEpoch = sent ? this.signalingEpoch : null
    if (!sent) this.negotiationDropped = true
    return sent
  }

  private onLocalCandidate(candidate: RTCIceCandidate | null): void {
    this.relayWatch.candidate(candidate?.type)
    this.noteRelayFailure()
    // The end-of-candidates null and empty strings carry nothing the remote needs.
    if (!candidate || !candidate.candidate) {
      if (this.localAddresses.gatheringComplete() === 'nothing-new') this.awaitNewAddress()
      return
    }
    this.options.signal.candidate(candidate.toJSON())
    this.markRecovery('local-candidate')
    if (this.localAddresses.isNewAddress(candidate.candidate, this.healthy)) {
      this.onNewLocalAddress()
    }
  }

  private onCandidateError(errorCode: number, url: string): void {
    this.relayWatch.candidateError(errorCode, url)
    this.noteRelayFailure()
  }

  private onGatheringState(state: RTCIceGatheringState): void {
    if (state === 'gathering') this.relayWatch.reset()
    if (state === 'complete') this.relayWatch.gatheringComplete()
    this.noteRelayFailure()
  }

  /** The same offer again: a lost message or a busy peer. A peer that answered already ignores it. */
  private resendOffer(): void {
    const offer = this.pc.localDescription
    if (this.closed || this.pc.signalingState !== 'have-local-offer' || !offer) return
    if (this.emitOffer(offer.sdp)) this.markRecovery('offer-resent')
    this.armOfferResend()
  }

  private armOfferResend(): void {
    if (this.offerResendTimer) clearTimeout(this.offerResendTimer)
    this.offerResendTimer = null
    const delay = OFFER_RESEND_POLICY.nextDelayMs(this.offerResends)
    if (delay === null) {
      // Never answered: the recovery ladder takes over (a fresh link when none ever worked).
      if (!this.healthy) this.recover('never-connected')
      return
    }
    this.offerResendTimer = setTimeout(() => {
      this.offerResendTimer = null
      if (this.pc.signalingState !== 'have-local-offer') return
      this.offerResends++
      this.resendOffer()
    }, delay)
  }

  private clearOfferResend(): void {
    if (this.offerResendTimer) clearTimeout(this.offerResendTimer)
    this.offerResendTimer = null
    this.offerResends = 0
  }

  private async acceptOffer(sdp: string): Promise<void> {
    if (this.isRepeatOfAppliedOffer(sdp)) {
      // A copy of an offer we answered (it re-sends when our answer is slow or lost): the same
      // answer again. Applying it twice could change the DTLS role mid-handshake.
      const answer = this.pc.currentLocalDescription
      if (answer?.type === 'answer') this.options.signal.answer(answer.sdp)
      return
    }
    const collision =
      this.makingOffer ||
      (this.pc.signalingState !== 'stable' && !this.isSettingRemoteAnswerPending)
    this.ignoreOffer = !this.polite && collision
    if (this.ignoreOffer) {
      // A Parley peer rolls back and answers ours; a peer without perfect negotiation never
      // does, so its offer is kept and answered if ours stays unanswered (see GLARE_WAITS_MS).
      this.ignoredOffer = sdp
      this.ignoredOfferUfrag = iceUfrag(sdp)
      if (!this.glareTimer) this.armGlareWait(0)
      return
    }
    this.forgetIgnoredOffer()
    await this.applyOffer(sdp)
  }

  private isRepeatOfAppliedOffer(sdp: string): boolean {
    const applied = this.pc.currentRemoteDescription
    if (this.pc.signalingState !== 'stable' || applied?.type !== 'offer') return false
    const origin = sdpOrigin(sdp)
    return origin !== null && origin === sdpOrigin(applied.sdp)
  }

  private armGlareWait(step: number): void {
    const wait = GLARE_WAITS_MS[step]
    if (wait === undefined) return
    this.glareTimer = setTimeout(() => {
      this.glareTimer = null
      // A rollback can lose a race with an answer that lands meanwhile: logged, never uncaught
      // (the answer settled the collision, and recovery watches the link either way).
      this.enqueue(() => this.onGlareWait(step)).catch((error: unknown) =>
        console.warn(`[parley] collision with ${this.remoteId} not settled`, error),
      )
    }, wait)
  }

  /** A wait of the collision is over and our offer is still unanswered. */
  private async onGlareWait(step: number): Promise<void> {
    const offer = this.pc.localDescription
    if (!this.ignoredOffer || this.pc.signalingState !== 'have-local-offer' || !offer) return
    if (step + 1 < GLARE_WAITS_MS.length) {
      // Maybe only slow, or our offer was lost: the same offer again, and one more wait.
      this.options.signal.offer(offer.sdp)
      this.armGlareWait(step + 1)
      return
    }
    await this.yieldToIgnoredOffer()
  }

  private forgetIgnoredOffer(): void {
    this.ignoredOffer = null
    this.ignoredOfferUfrag = null
    if (this.glareTimer) clearTimeout(this.glareTimer)
    this.glareTimer = null
  }

  private async yieldToIgnoredOffer(): Promise<void> {
    const sdp = this.ignoredOffer
    this.forgetIgnoredOffer()
    if (!sdp || this.pc.signalingState !== 'have-local-offer') return
    await this.pc.setLocalDescription({ type: 'rollback' })
    // Whatever our offer carried (a new track, an ICE restart) is offered again once stable.
    this.offerAgainWhenStable = true
    this.ignoreOffer = false
    await this.applyOffer(sdp)
  }

  private async applyOffer(sdp: string): Promise<void> {
    try {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: withoutHeaderExtensionClashes(sdp) })
    } catch (error) {
      this.fail({ key: 'linkProblems.offerUnusable', values: { detail: errorText(error) } }, true)
      return
    }
    // A polite rollback of ours, or theirs answered: nothing of ours is waiting for an answer.
    this.clearOfferResend()
    await this.flushCandidates()
    await this.adoptOfferedSections()
    try {
      await this.pc.setLocalDescription(await this.dtlsServerAnswer(sdp))
    } catch (error) {
      this.fail({ key: 'linkProblems.noAnswer', values: { detail: errorText(error) } }, true)
      return
    }
    const answer = this.pc.localDescription
    if (answer && this.options.signal.answer(answer.sdp)) {
      this.mark('answer-sent')
      this.markRecovery('answer-sent')
    }
    if (!this.answered) this.armFirstConnectWatchdog()
    this.refreshRemoteMedia()
  }

  private async acceptAnswer(sdp: string): Promise<void> {
    // A late answer to an offer we rolled back or replaced: applying it would throw.
    if (this.pc.signalingState !== 'have-local-offer') return
    const offer = this.pc.localDescription
    const applied = this.pc.currentRemoteDescription
    if (
      offer &&
      applied?.type === 'answer' &&
      sdpOrigin(sdp) === sdpOrigin(applied.sdp) &&
      sectionOrder(offer.sdp).join(' ') !== sectionOrder(sdp).join(' ')
    ) {
      // Their copy of the answer we already applied, to an earlier offer of ours (our offer went
      // out twice and the resend crossed their answer), arriving after a new offer with other
      // sections: the browser would refuse it. The new offer's own answer is still to come (the
      // resend timer keeps running), so no fresh link is needed.
      console.info(`[parley] link to ${this.remoteId}: a copy of an earlier answer, set aside`)
      return
    }
    this.isSettingRemoteAnswerPending = true
    try {
      await this.pc.setRemoteDescription({
        type: 'answer',
        sdp: withoutHeaderExtensionClashes(sdp),
      })
    } catch (error) {
      // Which sections each side listed, for a refusal that only shows under load.
      console.info(
        `[parley] link to ${this.remoteId}: offered ${sectionOrder(offer?.sdp ?? '').join(' ')}, answered ${sectionOrder(sdp).join(' ')}`,
      )
      this.fail({ key: 'linkProblems.answerUnusable', values: { detail: errorText(error) } }, true)
      return
    } finally {
      this.isSettingRemoteAnswerPending = false
    }
    // The first answer to our offer fixes the DTLS roles: an answerer that took the client role
    // (`active`) made us the server, which later answers of ours must keep.
    if (!this.answered && this.pc.currentLocalDescription?.type === 'offer') {
      this.dtlsServer = /^a=setup:active\r?$/m.test(sdp)
    }
    if (!this.answered) this.armFirstConnectWatchdog()
    this.answered = true
    this.clearOfferResend()
    this.forgetIgnoredOffer()
    await this.flushCandidates()
    this.refreshRemoteMedia()
  }

  /**
   * The first answer takes the DTLS server role (`a=setup:passive`), so the offerer starts the
   * handshake. The offerer can only finish ICE once it holds our answer, so its first DTLS packet
   * always finds us ready; with the browser's default (answerer as client) our first packet often
   * outruns the answer through the signaling server, is dropped, and is retransmitted only after
   * 1, 3, 7 seconds: a slow first frame. Only when the offer left us the choice (`actpass`), and
   * in every later answer too when we took it first: the role is fixed for the connection's life.
   */
  private async dtlsServerAnswer(offerSdp: string): Promise<RTCSessionDescriptionInit> {
    const answer = await this.pc.createAnswer()
    const first = this.pc.currentLocalDescription === null
    if (!/^a=setup:actpass\r?$/m.test(offerSdp) || !(first || this.dtlsServer)) return answer
    this.dtlsServer = true
    return { type: 'answer', sdp: answer.sdp?.replace(/^a=setup:active\r?$/gm, 'a=setup:passive') }
  }

  /**
   * The sections an offer created: our microphone goes on its first audio section and our camera
   * on its first video section, both under the shared stream id. Other sections only receive.
   */
  private async adoptOfferedSections(): Promise<void> {
    const offered = this.pc
      .getTransceivers()
      .filter((t) => t.mid !== null && !isStopped(t) && t !== this.screenSection)
    const attach = async (section: RTCRtpTransceiver, track: MediaStreamTrack | null) => {
      section.direction = track ? 'sendrecv' : 'recvonly'
      if (track) section.sender.setStreams(this.syncLabel)
      await section.sender.replaceTrack(track)
    }
    const pending: Promise<void>[] = []
    if (!this.audioSection) {
      this.audioSection = offered.find((t) => t.receiver.track.kind === 'audio') ?? null
      if (this.audioSection) pending.push(attach(this.audioSection, this.tracks.audio))
    }
    if (!this.cameraSection) {
      this.cameraSection = offered.find((t) => t.receiver.track.kind === 'video') ?? null
      if (this.cameraSection) pending.push(attach(this.cameraSection, this.tracks.camera))
    }
    await Promise.all(pending)
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

  private onStable(): void {
    this.refreshRemoteMedia()
    this.options.onNegotiated()
    // A share started before the first negotiation finished goes out now.
    this.syncScreen()
    // A negotiation may have brought a sender (a screen) that has no caps yet.
    void this.tuneSenders()
    if (this.offerAgainWhenStable) {
      this.offerAgainWhenStable = false
      void this.negotiate()
    }
  }

  /**
   * Remote streams straight from the receivers: they exist before any packet arrives, so the UI
   * attaches them at once and the first frame shows the moment it is decoded; and a track that
   * arrives without a stream reaches the tile all the same.
   */
  private refreshRemoteMedia(notify = true): void {
    if (this.closed) return
    const live = this.pc.getTransceivers().filter((t) => !isStopped(t))
    const audio = this.audioSection ?? live.find((t) => t.receiver.track.kind === 'audio')
    const camera = this.cameraSection ?? live.find((t) => t.receiver.track.kind === 'video')
    const screens = live.filter(
      (t) =>
        t.receiver.track.kind === 'video' &&
        t !== camera &&
        t !== this.screenSection &&
        receives(t),
    )
    const cameraTracks = [audio, camera]
      .filter((t): t is RTCRtpTransceiver => t !== undefined && t !== null)
      .map((t) => t.receiver.track)
    const screen = screens.at(-1)
    const cameraStream = streamOf(this.cameraStream, cameraTracks)
    const screenStream = streamOf(this.screenStream, screen ? [screen.receiver.track] : [])
    if (cameraStream === this.cameraStream && screenStream === this.screenStream) return
    this.cameraStream = cameraStream
    this.screenStream = screenStream
    if (notify) this.options.onChange()
  }

  // --- health and recovery -------------------------------------------------------------------

  private onConnectionState(): void {
    const state = this.pc.connectionState
    if (state === 'connected') {
      this.mark('dtls-connected')
      if (!this.everConnected) {
        this.capsTimer = setTimeout(() => {
          this.capsTimer = null
          this.capsDue = true
          void this.tuneSenders()
        }, CAPS_AFTER_CONNECT_MS)
      }
      this.everConnected = true
      if (this.debounceTimer) clearTimeout(this.debounceTimer)
      this.debounceTimer = null
      if (!this.mediaStalled) this.markHealthy()
    } else if (state === 'disconnected') {
      this.options.signal.verifySignaling?.()
      this.setLink('recovering')
      this.debounceTimer ??= setTimeout(() => {
        this.debounceTimer = null
        if (!this.healthy) this.recover('disconnected')
      }, DISCONNECTED_DEBOUNCE_MS)
    } else if (state === 'failed') {
      this.setLink('recovering')
      this.recover('failed')
    } else if (state === 'closed') {
      this.setLink('closed')
    } else if (this.everConnected && this.link !== 'failed') {
      this.setLink('recovering')
    }
  }

  private markHealthy(): void {
    this.recoveryAttempt = 0
    this.networkChangedAt = null
    this.stopAwaitingNewAddress()
    this.localAddresses.linkHealthy()
    this.clearRecoveryTimer()
    this.failureReason = null
    this.setLink('connected')
  }

  private onWatchdog(): void {
    this.watchdogTimer = null
    if (this.everConnected || this.closed) return
    this.recover('never-connected')
  }

  /** Both descriptions are in: ICE and DTLS get this long to connect before the ladder starts. */
  private armFirstConnectWatchdog(): void {
    if (this.everConnected || this.closed) return
    if (this.watchdogTimer) clearTimeout(this.watchdogTimer)
    this.watchdogTimer = setTimeout(() => this.onWatchdog(), FIRST_CONNECT_WATCHDOG_MS)
  }

  /**
   * "Connected" is only claimed while something arrives: ICE can stay connected for a while over
   * a path that no longer carries media (a switched uplink, a frozen peer).
   */
  private watchInboundFlow(): void {
    const quietLooks = this.inbound.quietLooks
    // A quiet second already asks whether signaling still answers: if the uplink died, the
    // socket learns it now instead of after its own timeout, and the restart is not lost. (One
    // quiet half second is too common on a busy machine to be worth a probe.)
    if (quietLooks === SILENT_SAMPLES_FOR_CHECK) this.options.signal.verifySignaling?.()
    const stalled = quietLooks >= SILENT_SAMPLES_FOR_STALL
    if (stalled === this.mediaStalled) return
    this.mediaStalled = stalled
    if (stalled) {
      this.markRecovery('media-stalled')
      this.setLink('recovering')
      this.recover('no-media')
    } else {
      this.markHealthy()
    }
  }

  /**
   * Marks the moment ICE moves the link onto another pair, for the recovery timelines: told by the
   * ICE transport's own event, once its transport exists (every section is bundled on one).
   */
  private watchPath(): void {
    const ice =
      this.pc.getSenders()[0]?.transport?.iceTransport ?? this.pc.sctp?.transport.iceTransport
    if (!ice || ice === this.watchedIce || !('getSelectedCandidatePair' in ice)) return
    this.watchedIce = ice
    const onPair = () => {
      const pair = ice.getSelectedCandidatePair()
      if (!pair) return
      const key = `${pair.local.candidate} ${pair.remote.candidate}`
      if (key === this.selectedPair) return
      if (this.selectedPair !== null) this.markRecovery('path-changed')
      this.selectedPair = key
    }
    ice.onselectedcandidatepairchange = onPair
    onPair()
  }

  /** One rung of the ladder; the decisions are link-recovery.ts's. */
  private recover(cause: RecoveryCause): void {
    if (this.closed || this.recoveryTimer || this.healthy) return
    const changedLately =
      this.networkChangedAt !== null &&
      Date.now() - this.networkChangedAt < NETWORK_CHANGE_MEMORY_MS
    const decision = decideRecovery({
      cause: changedLately ? 'network-change' : cause,
      polite: this.polite,
      attempt: this.recoveryAttempt,
      signalingUp: this.options.signal.isUp(),
      negotiated: this.pc.remoteDescription !== null,
      canRebuild: this.options.canRebuild(),
    })
    switch (decision.action) {
      case 'give-up':
        this.fail(
          this.failureReason ??
            (this.everConnected
              ? { key: 'linkProblems.lost' }
              : { key: 'linkProblems.neverConnected' }),
          false,
        )
        return
      case 'rebuild':
        this.recoveryAttempt++
        this.markRecovery('rebuild')
        this.options.onRebuild(this.failureReason)
        return
      case 'restart-ice':
        this.recoveryAttempt++
        if (this.ownNetworkChangedLately()) this.localAddresses.restartStarted()
        this.restartIce()
        break
      case 'wait-for-remote':
        this.recoveryAttempt++
        break
      case 'wait-for-signaling':
        // Not counted: nothing was tried. resume() acts the moment signaling is back.
        break
    }
    if (this.link !== 'failed') this.setLink(this.everConnected ? 'recovering' : 'connecting')
    this.armNextRung(cause, decision.checkAgainMs ?? 0)
  }

  private ownNetworkChangedLately(): boolean {
    return (
      this.ownNetworkChangedAt !== null &&
      Date.now() - this.ownNetworkChangedAt < NETWORK_CHANGE_MEMORY_MS
    )
  }

  /** The ladder looks again after `delayMs`, or later while a new address is awaited. */
  private armNextRung(cause: RecoveryCause, delayMs: number): void {
    this.recoveryTimer = setTimeout(() => {
      this.recoveryTimer = null
      if (this.healthy) return
      if (this.newAddressTimer) this.heldRung = cause
      else this.recover(cause)
    }, delayMs)
  }

  /**
   * The restart made for a network change gathered only where the link already was: the browser
   * has not listed the new network yet. The next restart waits for the new address
   * (onNewLocalAddress), a bounded while.
   */
  private awaitNewAddress(): void {
    if (this.closed || this.healthy) return
    this.markRecovery('gathered-nothing-new')
    this.stopAwaitingNewAddress()
    this.newAddressTimer = setTimeout(() => {
      this.newAddressTimer = null
      const held = this.heldRung
      this.heldRung = null
      if (held && !this.healthy) this.recover(held)
    }, NEW_ADDRESS_WAIT_MS)
  }

  private stopAwaitingNewAddress(): void {
    if (this.newAddressTimer) clearTimeout(this.newAddressTimer)
    this.newAddressTimer = null
    this.heldRung = null
  }

  private restartIce(): void {
    this.markRecovery('restart-ice')
    const pending = this.pc.localDescription
    if (this.pc.signalingState === 'have-local-offer' && pending) {
      // Our offer is still unanswered, and stays: rolling it back and offering anew is what a
      // restart did before, and Chromium then kept decoding the remote video without ever showing
      // it again: a frozen picture, for good. An offer that did not restart ICE itself leaves the
      // restart to the next one, made when the answer is in (restartIce() marks negotiation as
      // needed).
      if (iceUfrag(pending.sdp) === iceUfrag(this.pc.currentLocalDescription?.sdp)) {
        this.pc.restartIce()
      }
      // Sent on this signaling connection, it is on its way or being answered: a peer that answers
      // every offer as it comes, as a plain client does, given the same one again mid-answer fails
      // its second answer. One that was dropped goes now; the re-send ladder covers the rest.
      if (this.offerEpoch === this.signalingEpoch) return
      this.offerResends = 0
      this.resendOffer()
      return
    }
    this.pc.restartIce()
    // Not waiting for negotiationneeded: it is a task behind whatever else is queued.
    void this.negotiate()
  }

  /**
   * The machine gathered on an address it did not have: another network came up. A healthy link
   * restarts ICE anyway, so paths over the new network are checked while the old one still works;
   * one that is not healthy starts its ladder again from a network change.
   */
  private onNewLocalAddress(): void {
    if (this.closed || !this.everConnected) return
    this.markRecovery('new-local-address')
    this.stopAwaitingNewAddress()
    // Another network came up: a signaling socket waiting to reconnect tries now.
    this.options.signal.verifySignaling?.()
    if (!this.healthy) {
      this.networkChanged()
      return
    }
    // With signaling down the offer waits for resume(); the browser keeps the restart pending.
    this.restartIce()
  }

  private fail(reason: ErrorPhrase, tryFreshLink: boolean): void {
    if (this.closed) return
    console.warn(`[parley] link to ${this.remoteId}: ${englishText(reason)}`)
    this.failureReason = reason
    if (tryFreshLink && this.options.canRebuild() && this.options.signal.isUp()) {
      this.options.onRebuild(reason)
      return
    }
    this.clearRecoveryTimer()
    if (this.link === 'failed') {
      this.options.onChange()
      return
    }
    this.setLink('failed')
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

  private mark(stage: SetupStage): void {
    if (this.marked.has(stage)) return
    this.marked.add(stage)
    performance.mark(`call:${stage}:${this.remoteId}`)
  }

  /** Only once the link has worked: before that, the setup marks tell the story. */
  private markRecovery(event: RecoveryEvent): void {
    if (this.everConnected) markRecovery(event, this.remoteId)
  }
}
