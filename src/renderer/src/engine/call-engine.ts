/**
 * The call engine: the state the UI renders, and the orchestration of local media, the signaling
 * socket and one PeerLink per remote participant. Everything from the server is parsed (in
 * SignalingClient) before it gets here; everything the UI sees is a fresh snapshot.
 */
import type { Bridge, SessionInfo } from '../../../shared/bridge'
import {
  MAX_CHAT_LENGTH,
  REACTION_EMOJI,
  type InCallMessage,
  type ReactionEmoji,
} from '../../../shared/in-call-messages'
import {
  ClientEvent,
  ServerEvent,
  callIdSchema,
  sdpText,
  type CallStarted,
  type MediaState,
  type ParticipantJoined,
  type ParticipantLeft,
  type RelayedCandidate,
  type RelayedOffer,
  type RtcError,
} from '../../../shared/protocol'
import { hasTurnServer, type ClientRtcConfig } from '../../../shared/rtc-config'
import type {
  CallEngine,
  CallEngineOptions,
  CallErrorView,
  CallState,
  ChatEntry,
  ConnectionStatus,
  DeviceAccessState,
  DeviceInfo,
  DeviceNotice,
  DeviceRole,
  ErrorScope,
  InputDeviceKind,
  JoinOptions,
  ParticipantView,
  ReactionView,
  SelectedDevices,
} from './call-engine-api'
import { cameraMaxBitrate, screenMaxBitrate } from './bitrate-policy'
import {
  EngineErrorCode,
  bridgeErrorView,
  deviceSwitchErrorView,
  mediaAccessOf,
  mediaErrorView,
  missingInCallErrorView,
  phrasedErrorView,
  rtcErrorView,
  screenShareErrorView,
  serverUnreachable,
} from './errors'
import { InCallChannel, type PeerMessage } from './in-call-channel'
import type { CameraVideo } from './camera-video'
import { LocalMedia, trackDeviceId, type InputDevice } from './local-media'
import { PeerLink, type LocalTracks, type MediaSlot } from './peer-link'
import { RemoteParticipant, fallbackName, keepThroughGrace } from './remote-participant'
import { markRecovery } from './recovery-marks'
import { SignalingClient, isTokenExpiry } from './signaling-client'
import { uplinkStats } from './stats-sampler'
import { WarmOffer, type TakenOffer } from './warm-offer'

const STATS_INTERVAL_MS = 3_000
/**
 * The links already up take the bitrate caps for a new number of people this long after it last
 * changed. Reading a sender's parameters waits on WebRTC's own thread, which a newcomer's offers
 * and answers need at that moment; a few seconds at the former cap cost nothing.
 */
const RECAP_AFTER_MS = 3_000
/** The longest a round of getStats may hold back renders, so all links render once. */
const STATS_RENDER_HOLD_MS = 500
/**
 * The longest the join and each link's first offer or answer may hold back renders. The UI reads
 * the state through useSyncExternalStore, which renders synchronously in a microtask: a render
 * published between the steps of a negotiation runs before the browser's answer to the next step,
 * so it would sit on the critical path of the first frame. Held, it runs once the first
 * offer/answer exchange is done, while ICE and DTLS connect off the main thread.
 */
const SETUP_RENDER_HOLD_MS = 300
/**
 * The longest a new camera in its tile may hold back renders until its first frame, counted from
 * the render that put it there. A frame comes 150-500 ms after that on a busy 2-core machine: a
 * shorter bound let the renders held so far (a link's state, its channel, its hello) run in the
 * middle of that window and delay the frame they waited for (bench:call).
 */
const FIRST_FRAME_RENDER_HOLD_MS = 800
/**
 * After a rejoin (say the server restarted), others reappear one by one as their sockets
 * reconnect. A still-connected peer missing from our callStarted gets this long to come back
 * before its link is torn down: media keeps flowing meanwhile.
 */
const REJOIN_GRACE_MS = 20_000
/**
 * A participant whose signaling dropped (participantLeft 'disconnected') stays this long, marked
 * reconnecting, before their tile goes: long enough for a blip or a token renewal.
 */
const LEFT_GRACE_MS = 20_000
/** A NOT_IN_CALL answer while we think we are in: rejoin, but not more often than this. */
const REJOIN_THROTTLE_MS = 3_000
/** A link's peer that has not said hello on the data channel by then does not read our messages. */
const HELLO_WAIT_MS = 10_000
/** The chat kept in memory; older messages fall off the top. */
const MAX_CHAT_ENTRIES = 500
/** How long a reaction floats on its sender's tile. */
const REACTION_SHOWN_MS = 3_000
/** One reaction per person per this long, sent or shown: a burst is not a flood of emoji. */
const REACTION_INTERVAL_MS = 1_000

/**
 * The Network Information API where the browser has it (Chromium does): its `change` event fires
 * when the machine moves between networks, also when no `offline` came first.
 */
function networkInformation(): EventTarget | null {
  const connection = (navigator as Navigator & { connection?: unknown }).connection
  return connection instanceof EventTarget ? connection : null
}

function isReplaced(details: unknown): boolean {
  return (
    typeof details === 'object' &&
    details !== null &&
    (details as Record<string, unknown>).reason === 'replaced'
  )
}

export class CallEngineImpl implements CallEngine {
  private readonly bridge: Bridge
  private readonly session: SessionInfo
  private readonly selfId: string
  private readonly listeners = new Set<(state: CallState) => void>()
  private state: CallState

  private status: ConnectionStatus = 'idle'
  private phase: CallState['phase'] = 'lobby'
  private callId: string | null = null
  private error: CallErrorView | null = null
  private devices: DeviceInfo[] = []
  private selected: SelectedDevices = { audioInput: null, videoInput: null, audioOutput: null }
  private rtcConfig: ClientRtcConfig | null = null

  private signaling: SignalingClient | null = null
  /** True once rtc:callStarted arrived on the current socket connection. */
  private joinedOnThisConnection = false
  private lastRejoinAt = 0
  private preparing: Promise<void> | null = null
  private mediaReady = false
  /** The camera was asked to turn on and the browser has not answered yet. */
  private cameraStarting = false
  /** In the lobby: the first offer of the next join, made ahead (warm-offer.ts). */
  private warmOffer: WarmOffer | null = null

  private readonly media = new LocalMedia(() => navigator.mediaDevices, {
    onInputEnded: (device, track) => void this.replaceLostInput(device, track.label),
    onScreenEnded: () => this.stopScreenShare(),
  })
  private deviceAccess: DeviceAccessState = { camera: 'pending', microphone: 'pending' }
  private deviceNotices: DeviceNotice[] = []
  private deviceNoticeSequence = 0
  /** The first listing is the starting point: what is plugged in then is not news. */
  private devicesListed = false
  /** Inputs being replaced after an unplug: an ended track and a devicechange are one event. */
  private readonly replacing = new Set<InputDevice>()
  private stopWatchingDevices: (() => void) | null = null
  private selfMedia: MediaState = { muted: false, videoEnabled: true, screenSharing: false }
  private selfCameraStream: MediaStream | null = null
  private selfScreenStream: MediaStream | null = null

  /** One record per remote participant, in join order. */
  private readonly remotes = new Map<string, RemoteParticipant>()
  private chat: ChatEntry[] = []
  private chatHistoryMissed = false
  private chatSequence = 0
  /** Hands are ordered by this counter, in the order they went up as we saw it. */
  private handSequence = 0
  private selfHandOrder: number | null = null
  private selfRecording = false
  private reactions: ReactionView[] = []
  private reactionSequence = 0
  private readonly reactionTimers = new Set<ReturnType<typeof setTimeout>>()
  /** When each person's last reaction was shown (or, for us, sent). */
  private readonly lastReactionAt = new Map<string, number>()
  private statsTimer: ReturnType<typeof setInterval> | null = null
  private recapTimer: ReturnType<typeof setTimeout> | null = null
  private sampling = false
  private publishHeld = false
  private lastSelfView: ParticipantView | null = null
  /**
   * What holds renders back during setup: 'join' until callStarted, a link until negotiated, a
   * remote's camera from the render that showed its tile until its first frame.
   */
  private readonly setupHolds = new Set<'join' | PeerLink | CameraVideo>()
  /** Cameras whose tile the next render shows, still without a frame (a hold after that render). */
  private readonly framesAwaited = new Map<CameraVideo, MediaStream>()
  private setupHoldTimer: ReturnType<typeof setTimeout> | null = null
  /** When the held renders run at the latest (performance.now()), if any are held. */
  private setupHoldUntil = 0
  private disposed = false
  /** The machine is back on a network: links that are not healthy restart ICE at once. */
  private readonly onOnline = (): void => {
    markRecovery('network-change')
    // The socket may hang on the old path without a word: it is checked at once too; one that is
    // down reconnects now instead of waiting out its backoff.
    this.signaling?.networkChanged()
    for (const link of this.links()) link.networkChanged()
  }

  constructor(options: CallEngineOptions) {
    this.bridge = options.bridge
    this.session = options.session
    this.selfId = options.session.user.id
    this.state = this.snapshot()
  }

  getState(): CallState {
    return this.state
  }

  subscribe(listener: (state: CallState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  prepare(): Promise<void> {
    this.preparing ??= (async () => {
      this.setStatus('connecting')
      window.addEventListener('online', this.onOnline)
      networkInformation()?.addEventListener('change', this.onOnline)
      this.connectSignaling()
      await Promise.all([this.acquireMedia(), this.refreshRtcConfig()])
    })()
    return this.preparing
  }

  async refreshRtcConfig(): Promise<void> {
    try {
      const config = await this.bridge.signaling.getRtcConfig()
      if (this.disposed) return
      this.rtcConfig = config
      for (const link of this.links()) link.updateConfig(config)
      this.warmUp()
      this.clearErrors('config')
      this.publish()
    } catch (error) {
      this.setError(bridgeErrorView(error))
    }
  }

  async join({ callId }: JoinOptions): Promise<void> {
    // The start of join -> first remote frame; the UI marks the frame.
    performance.clearMarks('call:join-sent')
    performance.clearMarks('call:call-started')
    performance.mark('call:join')
    const parsed = callIdSchema.safeParse(callId.trim())
    if (!parsed.success) {
      this.setError({
        code: 'INVALID_CALL_ID',
        scope: 'join',
        message: 'A call ID is 1 to 128 letters, digits, "-" or "_".',
      })
      return
    }
    if (this.phase !== 'lobby') return
    await this.prepare()
    const expired = this.rtcConfig?.expiresAt != null && this.rtcConfig.expiresAt < Date.now()
    if (!this.rtcConfig || expired) await this.refreshRtcConfig()
    if (!this.rtcConfig || this.disposed) return
    this.clearErrors('join')
    this.phase = 'joining'
    this.callId = parsed.data
    // The join goes out before the UI renders the new state, and the render waits for the
    // server's answer and our offers (bounded). When the socket is not up yet, onConnect sends it.
    this.holdRenders('join')
    this.sendJoin()
    this.publish()
  }

  async leave(): Promise<void> {
    if (this.phase === 'lobby' || !this.callId) return
    this.signaling?.emit(ClientEvent.leaveCall, { callId: this.callId })
    this.endScreenShare(false)
    this.resetCall()
    this.warmUp()
    this.publish()
  }

  setMuted(muted: boolean): void {
    const audio = this.media.audio
    if (!audio && !muted && this.mediaReady) {
      // No microphone (blocked, missing, unplugged): unmuting means asking for one again.
      void this.retryDevice('microphone')
      return
    }
    const next = audio ? muted : true
    if (audio) audio.enabled = !next
    if (this.selfMedia.muted === next) return
    this.selfMedia = { ...this.selfMedia, muted: next }
    this.emitInCall(ClientEvent.toggleMute, { muted: next })
    this.refreshSelfStream()
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    if (!enabled) {
      // Stopping (not just disabling) the track turns the camera light off, and cancels a start.
      this.media.stopCamera()
      if (this.cameraStarting) {
        this.cameraStarting = false
        this.publish()
      }
      this.setPeerTracks('camera', null)
      this.selfMedia = { ...this.selfMedia, videoEnabled: false }
      this.emitInCall(ClientEvent.toggleVideo, { enabled: false })
      this.refreshSelfStream()
      return
    }
    if (this.media.camera) return
    // A camera can take seconds to start: the button and our tile say so meanwhile.
    this.cameraStarting = true
    this.publish()
    // The camera chosen while it was off (or saved earlier), else the default.
    const result = await this.media.request('camera', this.selected.videoInput)
    // Superseded: turned off meanwhile (which ended the start), or asked again (which ends it).
    if (this.disposed || result.outcome === 'superseded') return
    this.cameraStarting = false
    if (result.outcome === 'failed') {
      this.inputFailed('camera', result.error)
      return
    }
    const track = result.track
    this.selected = {
      ...this.selected,
      videoInput: trackDeviceId(track) ?? this.selected.videoInput,
    }
    this.setPeerTracks('camera', track)
    this.selfMedia = { ...this.selfMedia, videoEnabled: true }
    this.inputGranted('camera')
    this.emitInCall(ClientEvent.toggleVideo, { enabled: true })
    this.refreshSelfStream()
  }

  async retryDevice(device: 'camera' | 'microphone'): Promise<void> {
    if (this.disposed) return
    if (device === 'camera') return this.setCameraEnabled(true)
    if (this.media.audio) {
      this.setMuted(false)
      return
    }
    const result = await this.media.request('microphone', this.selected.audioInput)
    if (this.disposed || result.outcome === 'superseded') return
    if (result.outcome === 'failed') {
      this.inputFailed('microphone', result.error)
      return
    }
    const track = result.track
    this.selected = {
      ...this.selected,
      audioInput: trackDeviceId(track) ?? this.selected.audioInput,
    }
    track.enabled = true
    this.setPeerTracks('audio', track)
    this.inputGranted('microphone')
    this.selfMedia = { ...this.selfMedia, muted: false }
    this.emitInCall(ClientEvent.toggleMute, { muted: false })
    this.refreshSelfStream()
  }

  async startScreenShare(): Promise<void> {
    if (this.media.screen) return
    let track: MediaStreamTrack | null
    try {
      track = await this.media.startScreen()
    } catch (error) {
      const view = screenShareErrorView(error)
      if (view) this.setError(view)
      return
    }
    if (this.disposed || !track || this.selfMedia.screenSharing) return
    this.selfScreenStream = new MediaStream([track])
    this.setPeerTracks('screen', track)
    this.selfMedia = { ...this.selfMedia, screenSharing: true }
    this.emitInCall(ClientEvent.toggleScreenShare, { enabled: true })
    this.publish()
  }

  stopScreenShare(): void {
    this.endScreenShare(true)
    this.publish()
  }

  async setDevice(kind: InputDeviceKind, deviceId: string): Promise<void> {
    if (this.disposed) return
    const device: InputDevice = kind === 'videoinput' ? 'camera' : 'microphone'
    const chosen = deviceId === '' ? null : deviceId
    const current = device === 'camera' ? this.media.camera : this.media.audio
    if (current && chosen !== null && trackDeviceId(current) === chosen) return
    if (device === 'camera' && !current) {
      // The camera is off: opening it now would turn its light on. Remember the choice instead.
      this.selectInput(kind, chosen)
      await this.savePreferredDevice(kind, chosen)
      return
    }
    const result = await this.media.switchTo(device, deviceId)
    if (result.outcome === 'failed') {
      // The previous device was never touched, so it simply stays in use.
      if (!this.disposed) this.setError(deviceSwitchErrorView(result.error, device))
      return
    }
    if (result.outcome === 'superseded') {
      // Turned off while the new camera was starting: the choice still counts for next time.
      if (!this.disposed && device === 'camera' && !this.media.camera) {
        this.selectInput(kind, chosen)
        await this.savePreferredDevice(kind, chosen)
      }
      return
    }
    await this.adoptInput(device, result.track, result.previous)
    this.selectInput(kind, trackDeviceId(result.track) ?? chosen)
    await this.savePreferredDevice(kind, chosen)
  }

  async useOfferedDevice(noticeId: number): Promise<void> {
    const notice = this.deviceNotices.find((known) => known.id === noticeId)
    if (!notice || notice.kind !== 'plugged') return
    this.dismissDeviceNotice(noticeId)
    if (notice.role === 'speaker') this.setAudioOutput(notice.deviceId)
    else if (notice.role === 'camera' && !this.media.camera) {
      // Choosing a camera to use is asking for it: it turns on.
      this.selectInput('videoinput', notice.deviceId)
      await this.setCameraEnabled(true)
      await this.savePreferredDevice('videoinput', notice.deviceId)
    } else {
      await this.setDevice(notice.role === 'camera' ? 'videoinput' : 'audioinput', notice.deviceId)
    }
  }

  dismissDeviceNotice(noticeId: number): void {
    const kept = this.deviceNotices.filter((notice) => notice.id !== noticeId)
    if (kept.length === this.deviceNotices.length) return
    this.deviceNotices = kept
    this.publish()
  }

  setAudioOutput(deviceId: string): void {
    const chosen = deviceId === '' ? null : deviceId
    if (this.disposed || this.selected.audioOutput === chosen) return
    this.selected = { ...this.selected, audioOutput: chosen }
    this.publish()
    this.bridge.signaling
      .setPreferences({ preferredDevices: { audioOutput: chosen } })
      .catch((error: unknown) => console.warn('[parley] could not save the speaker', error))
  }

  sendChat(text: string): boolean {
    if (this.phase !== 'in-call' || text.trim().length === 0 || text.length > MAX_CHAT_LENGTH) {
      return false
    }
    const id = `${Date.now().toString(36)}-${++this.chatSequence}`
    const sentAt = Date.now()
    this.broadcast({ kind: 'chat', id, text, sentAt })
    this.addChat({
      key: `${this.selfId}:${id}`,
      fromUserId: this.selfId,
      displayName: this.selfName(),
      isLocal: true,
      text,
      sentAt,
    })
    this.publish()
    return true
  }

  setHandRaised(raised: boolean): void {
    if ((this.selfHandOrder !== null) === raised) return
    this.selfHandOrder = raised ? ++this.handSequence : null
    this.broadcast({ kind: 'hand', raised, at: Date.now() })
    this.publish()
  }

  sendReaction(emoji: ReactionEmoji): boolean {
    if (this.phase !== 'in-call' || !REACTION_EMOJI.includes(emoji)) return false
    if (!this.showReaction(this.selfId, emoji)) return false
    this.broadcast({ kind: 'reaction', emoji })
    return true
  }

  setRecording(active: boolean): void {
    if (this.selfRecording === active) return
    this.selfRecording = active
    this.broadcast({ kind: 'recording', active })
    this.publish()
  }

  cameraVideo(userId: string): HTMLVideoElement | null {
    return this.remotes.get(userId)?.camera.video ?? null
  }

  dismissError(): void {
    if (!this.error) return
    this.error = null
    this.publish()
  }

  dispose(): void {
    if (this.disposed) return
    if (this.phase !== 'lobby' && this.callId) {
      this.signaling?.emit(ClientEvent.leaveCall, { callId: this.callId })
    }
    this.resetCall()
    this.disposed = true
    this.dropWarmOffer()
    this.endScreenShare(false)
    this.media.stop()
    this.selfCameraStream = null
    this.signaling?.close()
    this.signaling = null
    this.stopWatchingDevices?.()
    this.stopWatchingDevices = null
    window.removeEventListener('online', this.onOnline)
    networkInformation()?.removeEventListener('change', this.onOnline)
    this.status = 'disconnected'
    this.publish()
    this.listeners.clear()
  }

  // --- local media -------------------------------------------------------------------------

  private async acquireMedia(): Promise<void> {
    const preferences = await this.bridge.signaling.getPreferences().catch(() => null)
    const media = await this.media.open(
      {
        audioInput: preferences?.preferredDevices.audioInput ?? null,
        videoInput: preferences?.preferredDevices.videoInput ?? null,
      },
      // A camera toggled off while the devices were starting stays off.
      () => this.selfMedia.videoEnabled,
    )
    if (this.disposed) return
    // What is really in use: a default request, or a fallback from a device that is gone.
    this.selected = {
      audioInput: trackDeviceId(media.audio) ?? preferences?.preferredDevices.audioInput ?? null,
      videoInput: trackDeviceId(media.video) ?? preferences?.preferredDevices.videoInput ?? null,
      audioOutput: preferences?.preferredDevices.audioOutput ?? null,
    }
    // Toggles pressed while the devices were starting win over the defaults.
    if (media.audio) media.audio.enabled = !this.selfMedia.muted
    this.selfMedia = {
      ...this.selfMedia,
      muted: this.selfMedia.muted || !media.audio,
      videoEnabled: this.media.camera !== null,
    }
    this.mediaReady = true
    this.deviceAccess = {
      camera:
        this.media.camera || !media.cameraError ? 'granted' : mediaAccessOf(media.cameraError),
      microphone: media.audio ? 'granted' : mediaAccessOf(media.microphoneError),
    }
    // Blocked and missing devices are told by `deviceAccess`; other failures are errors.
    const failed =
      media.bothError && mediaAccessOf(media.bothError) === 'unavailable'
        ? mediaErrorView(media.bothError, 'both')
        : this.deviceAccess.camera === 'unavailable'
          ? mediaErrorView(media.cameraError, 'camera')
          : this.deviceAccess.microphone === 'unavailable'
            ? mediaErrorView(media.microphoneError, 'microphone')
            : null
    if (failed) this.error = failed
    this.setPeerTracks('audio', this.media.audio)
    this.setPeerTracks('camera', this.media.camera)
    this.refreshSelfStream()
    this.stopWatchingDevices ??= this.media.watchDevices(() => void this.refreshDevices())
    await this.refreshDevices()
  }

  /** A camera or microphone came up: whatever was said about it not working is over. */
  private inputGranted(device: InputDevice): void {
    const before = this.deviceAccess[device]
    this.deviceAccess = { ...this.deviceAccess, [device]: 'granted' }
    this.clearErrors(device)
    if (before !== 'granted') {
      // The first grant brings the devices' ids and labels with it: a new baseline, not plugs.
      this.devicesListed = false
      void this.refreshDevices()
    }
  }

  private inputFailed(device: InputDevice, error: unknown): void {
    const access = mediaAccessOf(error)
    console.warn(`[parley] the ${device} did not start`, error)
    this.deviceAccess = { ...this.deviceAccess, [device]: access }
    if (access === 'unavailable') {
      this.setError(mediaErrorView(error, device))
      return
    }
    if (access === 'absent' && this.phase === 'in-call') {
      this.setError(missingInCallErrorView(device))
      return
    }
    this.clearErrors(device)
    this.publish()
  }

  /** Puts a newly opened input on every link, then lets the old one go. */
  private async adoptInput(
    device: InputDevice,
    track: MediaStreamTrack,
    previous: MediaStreamTrack | null,
  ): Promise<void> {
    // Muted stays muted: the new microphone starts as the old one was.
    if (device === 'microphone') track.enabled = !this.selfMedia.muted
    await this.replacePeerTracks(device === 'camera' ? 'camera' : 'audio', track)
    this.inputGranted(device)
    this.refreshSelfStream()
    // Only now does nothing send from the old device any more; stopping it frees it (and its light).
    previous?.stop()
  }

  /**
   * The camera or microphone in use went away: the default one takes over on every link, and
   * people are told. With none left the device turns off, as if turned off by hand.
   */
  private async replaceLostInput(device: InputDevice, lostLabel: string): Promise<void> {
    if (this.disposed || this.replacing.has(device)) return
    this.replacing.add(device)
    try {
      const result = await this.media.switchTo(device, '')
      if (this.disposed || result.outcome === 'superseded') return
      const kind: InputDeviceKind = device === 'camera' ? 'videoinput' : 'audioinput'
      if (result.outcome === 'opened') {
        await this.adoptInput(device, result.track, result.previous)
        this.selectInput(kind, trackDeviceId(result.track))
        this.addDeviceNotice({
          kind: 'replaced',
          role: device,
          lost: lostLabel,
          using: result.track.label || this.labelOf(trackDeviceId(result.track)),
        })
        return
      }
      if (device === 'camera') {
        await this.setCameraEnabled(false)
      } else {
        this.media.stopMicrophone()
        this.setPeerTracks('audio', null)
        this.setMuted(true)
      }
      this.deviceAccess = { ...this.deviceAccess, [device]: mediaAccessOf(result.error) }
      this.addDeviceNotice({ kind: 'replaced', role: device, lost: lostLabel, using: null })
    } finally {
      this.replacing.delete(device)
    }
  }

  /** Follows plugs and unplugs: lists, the devices in use, and offers of new ones. */
  private async refreshDevices(): Promise<void> {
    let devices: DeviceInfo[]
    try {
      devices = await this.media.listDevices()
    } catch {
      // Listing devices is a nicety; calls work without it.
      return
    }
    if (this.disposed) return
    const before = this.devices
    this.devices = devices
    if (this.devicesListed) this.followDeviceChanges(before, devices)
    this.devicesListed = true
    this.publish()
  }

  private followDeviceChanges(before: DeviceInfo[], after: DeviceInfo[]): void {
    const listed = (id: string | null) => id !== null && after.some((d) => d.deviceId === id)
    const labelBefore = (id: string | null) =>
      before.find((device) => device.deviceId === id)?.label ?? ''
    // An input in use that is no longer listed went away (some systems end its track too).
    for (const device of ['microphone', 'camera'] as const) {
      const track = device === 'camera' ? this.media.camera : this.media.audio
      const id = trackDeviceId(track)
      if (track && id && !listed(id) && before.some((known) => known.deviceId === id)) {
        void this.replaceLostInput(device, labelBefore(id) || track.label)
      }
    }
    // The chosen speaker went away: back to the system default.
    const speaker = this.selected.audioOutput
    if (speaker && !listed(speaker)) {
      this.selected = { ...this.selected, audioOutput: null }
      this.addDeviceNotice({
        kind: 'replaced',
        role: 'speaker',
        lost: labelBefore(speaker),
        using: this.labelOf('default', 'audiooutput'),
      })
    }
    // Offers of devices that went away again are no longer true.
    this.deviceNotices = this.deviceNotices.filter(
      (notice) => notice.kind !== 'plugged' || listed(notice.deviceId),
    )
    const roles: Record<DeviceInfo['kind'], DeviceRole> = {
      audioinput: 'microphone',
      videoinput: 'camera',
      audiooutput: 'speaker',
    }
    // A kind that was not listed before (no permission yet) is news only where none was there.
    const newsFor = (kind: DeviceInfo['kind']): boolean =>
      before.some((known) => known.kind === kind) ||
      (kind !== 'audiooutput' && this.deviceAccess[roles[kind] as InputDevice] === 'absent')
    for (const device of after) {
      // Chromium's "default" and "communications" entries follow the system, not a plug.
      if (device.deviceId === 'default' || device.deviceId === 'communications') continue
      if (before.some((known) => known.deviceId === device.deviceId)) continue
      if (!newsFor(device.kind)) continue
      this.addDeviceNotice({
        kind: 'plugged',
        role: roles[device.kind],
        deviceId: device.deviceId,
        label: device.label,
      })
    }
  }

  private addDeviceNotice(notice: DistributiveOmit<DeviceNotice, 'id'>): void {
    const id = ++this.deviceNoticeSequence
    // One notice per device role and kind: the newest says what is true now.
    const kept = this.deviceNotices.filter(
      (known) => !(known.role === notice.role && known.kind === notice.kind),
    )
    this.deviceNotices = [...kept, { ...notice, id } as DeviceNotice]
    this.publish()
  }

  private labelOf(deviceId: string | null, kind?: DeviceInfo['kind']): string | null {
    return (
      this.devices.find(
        (device) => device.deviceId === deviceId && (kind === undefined || device.kind === kind),
      )?.label ?? null
    )
  }

  private refreshSelfStream(): void {
    const tracks = [this.media.audio, this.media.camera].filter(
      (track): track is MediaStreamTrack => track !== null,
    )
    // A new stream object when the tracks change, so the preview re-attaches; same one otherwise.
    const current = this.selfCameraStream?.getTracks() ?? []
    const same = current.length === tracks.length && tracks.every((t) => current.includes(t))
    if (!same) this.selfCameraStream = new MediaStream(tracks)
    this.warmUp()
    this.publish()
  }

  /**
   * In the lobby, once the devices and the RTC config are known: the next join's first offer is
   * made now (warm-offer.ts), and made again whenever what it carries changes.
   */
  private warmUp(): void {
    if (this.disposed || this.phase !== 'lobby' || !this.rtcConfig || !this.mediaReady) return
    const tracks = this.media.tracks
    if (this.warmOffer?.suits(this.rtcConfig, tracks)) return
    this.dropWarmOffer()
    if (tracks.screen) return
    try {
      this.warmOffer = new WarmOffer(this.rtcConfig, tracks)
    } catch (error) {
      // Only a head start is lost: the link makes its own offer.
      console.warn('[parley] could not make an offer ahead', error)
    }
  }

  /** The offer made ahead, for an offerer's link, if it still suits; it is used once. */
  private takeWarmOffer(config: ClientRtcConfig, tracks: LocalTracks): TakenOffer | undefined {
    const warm = this.warmOffer
    if (!warm?.suits(config, tracks)) {
      this.dropWarmOffer()
      return undefined
    }
    this.warmOffer = null
    return warm.take()
  }

  private dropWarmOffer(): void {
    this.warmOffer?.close()
    this.warmOffer = null
  }

  private endScreenShare(announce: boolean): void {
    if (!this.media.stopScreen()) return
    this.selfScreenStream = null
    this.setPeerTracks('screen', null)
    this.selfMedia = { ...this.selfMedia, screenSharing: false }
    if (announce) this.emitInCall(ClientEvent.toggleScreenShare, { enabled: false })
  }

  private selectInput(kind: InputDeviceKind, deviceId: string | null): void {
    const key = kind === 'videoinput' ? 'videoInput' : 'audioInput'
    this.selected = { ...this.selected, [key]: deviceId }
    this.publish()
  }

  /** Saved by the host, so the next start opens the same devices. A failure only costs that. */
  private async savePreferredDevice(kind: InputDeviceKind, deviceId: string | null): Promise<void> {
    const preferredDevices =
      kind === 'videoinput' ? { videoInput: deviceId } : { audioInput: deviceId }
    await this.bridge.signaling
      .setPreferences({ preferredDevices })
      .catch((error: unknown) => console.warn('[parley] could not save the device choice', error))
  }

  /** Like setPeerTracks, but resolves once every sender carries the new track. */
  private async replacePeerTracks(slot: MediaSlot, track: MediaStreamTrack): Promise<void> {
    await Promise.all(
      this.links().map((link) =>
        link.setTrack(slot, track).catch((error: unknown) => {
          console.warn(`[parley] could not switch the ${slot} track`, error)
        }),
      ),
    )
  }

  private setPeerTracks(slot: MediaSlot, track: MediaStreamTrack | null): void {
    for (const link of this.links()) {
      link.setTrack(slot, track).catch((error: unknown) => {
        console.warn(`[parley] could not switch the ${slot} track`, error)
      })
    }
  }

  // --- signaling ---------------------------------------------------------------------------

  private connectSignaling(): void {
    if (this.signaling) return
    this.signaling = new SignalingClient({
      serverUrl: this.session.serverUrl,
      getAccessToken: () => this.bridge.signaling.getAccessToken(),
      callbacks: {
        onConnect: (reconnect) => this.onConnect(reconnect),
        onDisconnect: (reason) => {
          this.joinedOnThisConnection = false
          // Closed by the server itself, not lost: it told the others we left (keepsLinkOnRejoin).
          if (reason === 'io server disconnect' && this.phase === 'in-call') {
            for (const remote of this.remotes.values()) remote.serverClosedOurSocket()
          }
          this.setStatus('reconnecting')
        },
        onConnectError: (error) => {
          if (this.disposed) return
          if (error.message === 'UNAUTHORIZED') {
            // The server refused our token (it restarted with other keys, or revoked us). Asking
            // for the RTC config makes the host renew the tokens on its 401, or end the session.
            this.setError(rtcErrorView({ code: 'UNAUTHORIZED', message: error.message }, null))
            void this.refreshRtcConfig()
            return
          }
          this.setStatus(this.status === 'connecting' ? 'connecting' : 'reconnecting')
          if (!this.error || this.error.code === EngineErrorCode.serverUnreachable) {
            this.setError(serverUnreachable)
          }
        },
        onAuthFailure: (error) => this.setError(bridgeErrorView(error)),
      },
      handlers: {
        [ServerEvent.callStarted]: (p) => this.onCallStarted(p),
        [ServerEvent.participantJoined]: (p) => this.onParticipantJoined(p),
        [ServerEvent.participantLeft]: (p) => this.onParticipantLeft(p),
        [ServerEvent.offer]: (p) => this.onOffer(p),
        [ServerEvent.answer]: (p) => {
          if (p.callId !== this.callId || p.toUserId !== this.selfId) return
          this.remotes
            .get(p.fromUserId)
            ?.link?.handleDescription({ type: 'answer', sdp: sdpText(p.sdp) })
            .catch((error: unknown) => console.warn('[parley] could not apply an answer', error))
        },
        [ServerEvent.candidate]: (p) => this.onCandidate(p),
        [ServerEvent.mediaUpdated]: (p) => {
          const remote = this.remotes.get(p.userId)
          if (p.callId !== this.callId || !remote) return
          remote.update(undefined, p.mediaState)
          this.publish()
        },
        [ServerEvent.error]: (p) => this.onRtcError(p),
      },
    })
    this.signaling.connect()
  }

  private onConnect(reconnect: boolean): void {
    this.status = 'connected'
    this.clearErrors('server')
    this.publish()
    // The server may have restarted with other TURN credentials: fetch them again.
    if (reconnect) void this.refreshRtcConfig()
    // Our path to the server changed, maybe to everyone: fresh budgets for every link.
    if (reconnect) for (const remote of this.remotes.values()) remote.resetBudget()
    if (this.phase !== 'lobby') this.sendJoin()
  }

  private sendJoin(): void {
    if (!this.callId) return
    this.lastRejoinAt = Date.now()
    const sent = this.signaling?.emit(ClientEvent.joinCall, {
      callId: this.callId,
      initialMediaState: this.selfMedia,
    })
    if (sent) markOnce('call:join-sent')
  }

  private emitInCall(event: typeof ClientEvent.toggleMute, payload: { muted: boolean }): void
  private emitInCall(
    event: typeof ClientEvent.toggleVideo | typeof ClientEvent.toggleScreenShare,
    payload: { enabled: boolean },
  ): void
  private emitInCall(
    event:
      | typeof ClientEvent.toggleMute
      | typeof ClientEvent.toggleVideo
      | typeof ClientEvent.toggleScreenShare,
    payload: { muted: boolean } | { enabled: boolean },
  ): void {
    // In the lobby the state travels later, as initialMediaState; while disconnected the rejoin
    // carries it. Either way nothing is queued.
    if (this.phase === 'lobby' || !this.callId || !this.signaling) return
    const callId = this.callId
    if (event === ClientEvent.toggleMute && 'muted' in payload) {
      this.signaling.emit(event, { callId, muted: payload.muted })
    } else if (event !== ClientEvent.toggleMute && 'enabled' in payload) {
      this.signaling.emit(event, { callId, enabled: payload.enabled })
    }
  }

  private onCallStarted(p: CallStarted): void {
    if (this.phase === 'lobby' || p.callId !== this.callId) return
    markOnce('call:call-started')
    const rejoin = this.phase === 'in-call'
    if (rejoin) markRecovery('rejoined')
    this.phase = 'in-call'
    if (!rejoin) {
      this.chatHistoryMissed = p.participants.some((other) => other.userId !== this.selfId)
    }
    this.joinedOnThisConnection = true
    this.clearErrors('join')
    const present = new Set<string>()
    for (const participant of p.participants) {
      if (participant.userId === this.selfId) continue
      present.add(participant.userId)
      const remote = this.upsertRemote(
        participant.userId,
        participant.displayName,
        participant.mediaState,
      )
      // Reconcile rather than rebuild: a link that negotiated and still lives is kept as is,
      // unless they heard us leave (see keepsLinkOnRejoin).
      if (remote.keepsLinkOnRejoin()) {
        remote.link?.resume()
      } else {
        // We are the joiner: we offer to everyone already here.
        this.startLink(remote, 'offerer')
      }
    }
    for (const remote of [...this.remotes.values()]) {
      remote.weRejoined()
      if (present.has(remote.userId)) continue
      if (rejoin && (remote.inGrace || remote.link?.link === 'connected')) {
        remote.startGrace(
          REJOIN_GRACE_MS,
          () => this.removeRemote(remote.userId),
          () => this.publish(),
        )
      } else {
        this.removeRemote(remote.userId)
      }
    }
    // Not needed in the call (the others offer to whoever comes next).
    this.dropWarmOffer()
    this.startStats()
    // Renders wait on our offers now, not on the join.
    this.releaseRenders('join')
    this.publish()
  }

  private onParticipantJoined(p: ParticipantJoined): void {
    if (this.phase !== 'in-call' || p.callId !== this.callId || p.userId === this.selfId) return
    const remote = this.upsertRemote(p.userId, p.displayName, p.mediaState)
    // They (re)joined, maybe from another network: a fresh budget for their link.
    remote.resetBudget()
    // A link we still hold (they rejoined after a server restart) is kept: if they made a new
    // connection, their offer carries a new session id and onOffer replaces ours.
    if (!remote.link) this.startLink(remote, 'answerer')
    // Back from elsewhere, maybe a new network: a link that is not healthy restarts from this side
    // too, so neither role waits on the other.
    else remote.link.remoteRejoined()
    this.recapLater()
    this.publish()
  }

  private onParticipantLeft(p: ParticipantLeft): void {
    if (p.callId !== this.callId) return
    const remote = this.remotes.get(p.userId)
    if (!remote) return
    if (keepThroughGrace(p.reason, remote.link?.worthKeeping === true)) {
      // Their socket dropped, not their call: keep the tile, marked, while they reconnect.
      remote.startGrace(
        LEFT_GRACE_MS,
        () => this.removeRemote(remote.userId),
        () => this.publish(),
      )
      this.publish()
      return
    }
    this.removeRemote(p.userId)
  }

  private onOffer(p: RelayedOffer): void {
    if (this.phase !== 'in-call' || p.callId !== this.callId || p.toUserId !== this.selfId) return
    const sdp = sdpText(p.sdp)
    const known = this.remotes.has(p.fromUserId)
    const remote = this.upsertRemote(p.fromUserId, undefined, undefined)
    const isNew = !remote.link || remote.link.offerNeedsNewLink(sdp)
    const link = isNew ? this.startLink(remote, 'answerer') : remote.link
    // Renders wait for our answer (the first one is on the critical path of the first frame):
    // a track event while the offer is applied must not render before the answer goes out.
    if (link) this.holdRenders(link)
    // The offer is applied before the UI renders the new tile: the answer is on the critical path
    // of the first frame, the render is not.
    link
      ?.handleDescription({ type: 'offer', sdp })
      .catch((error: unknown) => console.warn('[parley] could not apply an offer', error))
    if (!known) this.recapLater()
    if (isNew || !known) this.publish()
  }

  private onCandidate(p: RelayedCandidate): void {
    if (this.phase !== 'in-call' || p.callId !== this.callId || p.toUserId !== this.selfId) return
    const remote = this.remotes.get(p.fromUserId)
    if (remote?.link) {
      void remote.link.handleCandidate(p.candidate)
      return
    }
    // The candidate outran the offer (or participantJoined): hold it for the link to come.
    this.upsertRemote(p.fromUserId, undefined, undefined).holdCandidate(p.candidate)
  }

  private onRtcError(error: RtcError): void {
    switch (error.code) {
      case 'CALL_FULL':
        if (this.phase === 'joining') {
          // Back to the lobby with media intact.
          this.phase = 'lobby'
          this.callId = null
        } else if (this.phase === 'in-call') {
          // Our seat went to someone else while we were away.
          this.resetCall()
          this.warmUp()
        }
        this.setError(rtcErrorView(error, this.rtcConfig?.maxParticipants ?? null))
        return
      case 'NOT_IN_CALL':
        if (isReplaced(error.details)) {
          // The same person joined from another window: that one has the seat now.
          this.resetCall()
          this.warmUp()
          this.setError(phrasedErrorView('REPLACED', 'join', [{ key: 'call.replaced' }]))
          return
        }
        // The server forgot us (it restarted, or a toggle raced a rejoin): join again, quietly.
        if (this.phase === 'in-call' && Date.now() - this.lastRejoinAt > REJOIN_THROTTLE_MS) {
          this.sendJoin()
        }
        return
      case 'PEER_NOT_FOUND':
        // The person left while our message was on its way; participantLeft follows.
        return
      case 'UNAUTHORIZED':
        // The token expired and the server closes the socket: it reconnects with a new one at once.
        if (isTokenExpiry(error.details)) return
        this.setError(rtcErrorView(error, this.rtcConfig?.maxParticipants ?? null))
        return
      default:
        this.setError(rtcErrorView(error, this.rtcConfig?.maxParticipants ?? null))
    }
  }

  // --- peers -------------------------------------------------------------------------------

  private upsertRemote(
    userId: string,
    displayName: string | undefined,
    mediaState: MediaState | undefined,
  ): RemoteParticipant {
    let remote = this.remotes.get(userId)
    if (remote) {
      remote.cancelGrace()
      remote.update(displayName, mediaState)
      return remote
    }
    remote = new RemoteParticipant(userId, displayName, mediaState)
    this.remotes.set(userId, remote)
    return remote
  }

  // --- in-call messages ---------------------------------------------------------------------

  private broadcast(message: InCallMessage): void {
    for (const remote of this.remotes.values()) {
      const sent = remote.channel?.send(message) === true
      if (!sent && message.kind === 'chat') remote.holdChat(message)
    }
  }

  private selfName(): string {
    return this.session.user.displayName || fallbackName(this.selfId)
  }

  private addChat(entry: ChatEntry): void {
    if (this.chat.some((known) => known.key === entry.key)) return
    this.chat = [...this.chat, entry].slice(-MAX_CHAT_ENTRIES)
  }

  /** False when this person's last reaction is still too recent. */
  private showReaction(userId: string, emoji: ReactionEmoji): boolean {
    const now = Date.now()
    const last = this.lastReactionAt.get(userId)
    if (last !== undefined && now - last < REACTION_INTERVAL_MS) return false
    this.lastReactionAt.set(userId, now)
    const key = `reaction-${++this.reactionSequence}`
    this.reactions = [...this.reactions, { key, userId, emoji }]
    const timer = setTimeout(() => {
      this.reactionTimers.delete(timer)
      this.reactions = this.reactions.filter((reaction) => reaction.key !== key)
      this.publish()
    }, REACTION_SHOWN_MS)
    this.reactionTimers.add(timer)
    this.publish()
    return true
  }

  /** The link's data channel: hello, then what we are doing now, then whatever they send. */
  private attachChannel(remote: RemoteParticipant, channel: RTCDataChannel): void {
    const inCall: InCallChannel = new InCallChannel(channel, {
      onReady: () => {
        if (remote.channel !== inCall) return
        remote.messaging = 'ready'
        // A late joiner learns what is already going on.
        if (this.selfHandOrder !== null) inCall.send({ kind: 'hand', raised: true, at: Date.now() })
        for (const message of remote.takeHeldChat()) {
          if (!inCall.send(message)) remote.holdChat(message)
        }
        if (this.selfRecording) inCall.send({ kind: 'recording', active: true })
        remote.tellShownSize()
        this.publish()
      },
      onMessage: (message) => {
        if (remote.channel !== inCall || this.remotes.get(remote.userId) !== remote) return
        this.onPeerMessage(remote, message)
      },
      onClosed: () => {
        if (remote.channel !== inCall) return
        remote.channel = null
        this.publish()
      },
    })
    remote.replaceChannel(inCall)
  }

  private onPeerMessage(remote: RemoteParticipant, message: PeerMessage): void {
    switch (message.kind) {
      case 'chat':
        this.addChat({
          key: `${remote.userId}:${message.id}`,
          fromUserId: remote.userId,
          displayName: remote.displayName,
          isLocal: false,
          text: message.text,
          sentAt: message.sentAt,
        })
        break
      case 'hand':
        if ((remote.handOrder !== null) === message.raised) return
        remote.handOrder = message.raised ? ++this.handSequence : null
        break
      case 'reaction':
        this.showReaction(remote.userId, message.emoji)
        return
      case 'recording':
        if (remote.recording === message.active) return
        remote.recording = message.active
        break
      case 'uplink':
        if (remote.theirUplinkKbps === message.availableKbps) return
        remote.theirUplinkKbps = message.availableKbps
        break
      case 'view':
        // Nothing shows: only what goes out to them changes.
        void remote.link?.showCameraAt({ width: message.width, height: message.height })
        return
    }
    this.publish()
  }

  private links(): PeerLink[] {
    const links: PeerLink[] = []
    for (const remote of this.remotes.values()) if (remote.link) links.push(remote.link)
    return links
  }

  /** A fresh link to `remote`, replacing any it had, started once the record holds it. */
  private startLink(remote: RemoteParticipant, role: 'offerer' | 'answerer'): PeerLink {
    const config = this.rtcConfig ?? {
      iceServers: [],
      iceTransportPolicy: 'all',
      maxParticipants: null,
      expiresAt: null,
    }
    const userId = remote.userId
    const isCurrent = (): boolean => remote.link === link && this.remotes.get(userId) === remote
    const canSignal = (): boolean =>
      this.joinedOnThisConnection && isCurrent() && this.signaling?.connected === true
    /** Set once our first offer or answer went out; stream changes after it show at once. */
    let exchanged = false
    const send = (kind: 'offer' | 'answer', sdp: string): boolean => {
      if (!canSignal() || !this.callId || !this.signaling) return false
      const event = kind === 'offer' ? ClientEvent.offer : ClientEvent.answer
      const sent = this.signaling.emit(event, { callId: this.callId, toUserId: userId, sdp })
      // Our offer or answer is out: the render runs while the network carries it (the answer to
      // an offer takes the remote a round trip and its own work), not after the answer, where it
      // would hold ICE, DTLS and the first frame behind it.
      if (sent) {
        // Our side of the exchange is out and the main thread waits on the network: their camera
        // goes on its <video> now (an offerer's receivers exist from its offer, an answerer's
        // from the offer it answers), so the first frame finds it there with no render between.
        // A camera they keep off sends no frame to wait for.
        if (!exchanged && link.cameraStream && remote.mediaState.videoEnabled)
          this.framesAwaited.set(remote.camera, link.cameraStream)
        exchanged = true
        remote.camera.show(link.cameraStream)
        this.releaseRenders(link)
      }
      return sent
    }
    const tracks = this.media.tracks
    const link: PeerLink = new PeerLink({
      selfId: this.selfId,
      remoteId: userId,
      rtcConfig: config,
      tracks,
      warmOffer: role === 'offerer' ? this.takeWarmOffer(config, tracks) : undefined,
      signal: {
        offer: (sdp) => send('offer', sdp),
        answer: (sdp) => send('answer', sdp),
        candidate: (candidate) => {
          if (!canSignal() || !this.callId || !this.signaling) return false
          return this.signaling.emit(ClientEvent.candidate, {
            callId: this.callId,
            toUserId: userId,
            candidate: {
              candidate: candidate.candidate ?? '',
              sdpMid: candidate.sdpMid ?? null,
              sdpMLineIndex: candidate.sdpMLineIndex ?? null,
              usernameFragment: candidate.usernameFragment ?? null,
            },
          })
        },
        isUp: canSignal,
        // Checked at once when up; when down, it reconnects now rather than after its backoff.
        verifySignaling: () => this.signaling?.networkChanged(),
      },
      onChange: () => {
        if (!isCurrent()) return
        // A stream that changed later (a renegotiation) goes on their <video> at once too.
        if (exchanged) remote.camera.show(link.cameraStream)
        if (link.link === 'connected') {
          remote.resetBudget()
          remote.lastFailure = null
        }
        this.publish()
      },
      framesShown: () => remote.camera.framesShown(link.cameraStream),
      onNegotiated: () => {
        // An offer re-sent or never sent: the answer ends the hold at the latest.
        if (role === 'offerer') this.releaseRenders(link)
      },
      canRebuild: () => remote.canRebuild && this.phase === 'in-call',
      onDataChannel: (channel) => {
        if (isCurrent()) this.attachChannel(remote, channel)
        else channel.close()
      },
      onRebuild: (reason) => {
        if (!isCurrent() || this.phase !== 'in-call') return
        remote.countRebuild()
        if (reason) remote.lastFailure = reason
        this.startLink(remote, 'offerer')
        this.publish()
      },
    })
    remote.replaceLink(link)
    // The caps for the call as it is now: written once the link has been up a moment.
    this.capForCallSize(link)
    if (remote.messaging !== 'ready') remote.expectHello(HELLO_WAIT_MS, () => this.publish())
    // Until an offerer's first answer is in, or an answerer's first answer is out (their offer is
    // usually on its way already).
    this.holdRenders(link)
    link.start(role)
    for (const candidate of remote.takeEarlyCandidates()) void link.handleCandidate(candidate)
    return link
  }

  private removeRemote(userId: string): void {
    const remote = this.remotes.get(userId)
    if (!remote) return
    remote.dispose()
    this.remotes.delete(userId)
    this.recapLater()
    this.publish()
  }

  /** The number of people changed: every link takes the caps for it RECAP_AFTER_MS from now. */
  private recapLater(): void {
    if (this.recapTimer) clearTimeout(this.recapTimer)
    this.recapTimer = setTimeout(() => {
      this.recapTimer = null
      for (const link of this.links()) this.capForCallSize(link)
    }, RECAP_AFTER_MS)
  }

  /** The bitrate caps for the number of people in the call now, self included. */
  private capForCallSize(link: PeerLink): void {
    const count = this.remotes.size + 1
    void link.applyBitrates(cameraMaxBitrate(count), screenMaxBitrate(count))
  }

  private startStats(): void {
    this.statsTimer ??= setInterval(() => void this.sampleStats(), STATS_INTERVAL_MS)
  }

  /** One getStats per link, and one publish (one render) for all of them, not one per link. */
  private async sampleStats(): Promise<void> {
    this.sampling = true
    let timer: ReturnType<typeof setTimeout> | null = null
    // A getStats that never settles must not hold the UI back: renders resume after the bound.
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STATS_RENDER_HOLD_MS)
    })
    await Promise.race([Promise.all(this.links().map((link) => link.sampleStats())), bound])
    if (timer) clearTimeout(timer)
    this.sampling = false
    this.tellUplinks()
    if (this.publishHeld) this.publish()
  }

  /**
   * Tells each person what our uplink carries to them while we send them video: on a narrow
   * uplink our bandwidth estimate adapts, and they would see no loss or delay to judge it by.
   */
  private tellUplinks(): void {
    for (const remote of this.remotes.values()) {
      const stats = remote.link?.stats
      if (!stats || remote.messaging !== 'ready' || !remote.channel) continue
      const sendsVideo = (stats.outboundVideoKbps ?? 0) > 0
      const availableKbps = sendsVideo ? stats.availableOutgoingKbps : null
      if (availableKbps === remote.toldUplinkKbps) continue
      if (remote.channel.send({ kind: 'uplink', availableKbps })) {
        remote.toldUplinkKbps = availableKbps
      }
    }
  }

  /** Leaves the call locally: peers closed, back to the lobby, local media kept. */
  private resetCall(): void {
    for (const remote of this.remotes.values()) remote.dispose()
    this.remotes.clear()
    this.chat = []
    this.chatHistoryMissed = false
    this.selfHandOrder = null
    this.reactions = []
    for (const timer of this.reactionTimers) clearTimeout(timer)
    this.reactionTimers.clear()
    this.lastReactionAt.clear()
    if (this.statsTimer) clearInterval(this.statsTimer)
    this.statsTimer = null
    if (this.recapTimer) clearTimeout(this.recapTimer)
    this.recapTimer = null
    this.setupHolds.clear()
    this.framesAwaited.clear()
    if (this.setupHoldTimer) clearTimeout(this.setupHoldTimer)
    this.setupHoldTimer = null
    this.phase = 'lobby'
    this.callId = null
    this.joinedOnThisConnection = false
  }

  // --- state -------------------------------------------------------------------------------

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status || this.disposed) return
    this.status = status
    this.publish()
  }

  /** The one place errors are cleared: by what they are about. */
  private clearErrors(...scopes: ErrorScope[]): void {
    if (this.error && scopes.includes(this.error.scope)) this.error = null
  }

  private setError(error: CallErrorView): void {
    if (this.disposed) return
    this.error = error
    // An error is news at once: nothing it is about is still being set up.
    this.setupHolds.clear()
    this.publish()
  }

  /**
   * Renders wait for `reason` (the join, a link's first offer or answer, a new camera's first
   * frame), at most a bound.
   */
  private holdRenders(
    reason: 'join' | PeerLink | CameraVideo,
    boundMs: number = SETUP_RENDER_HOLD_MS,
  ): void {
    this.setupHolds.add(reason)
    const until = performance.now() + boundMs
    if (this.setupHoldTimer && until <= this.setupHoldUntil) return
    if (this.setupHoldTimer) clearTimeout(this.setupHoldTimer)
    this.setupHoldUntil = until
    this.setupHoldTimer = setTimeout(() => {
      this.setupHoldTimer = null
      this.setupHolds.clear()
      if (this.publishHeld) this.publish()
    }, boundMs)
  }

  private releaseRenders(reason: 'join' | PeerLink | CameraVideo): void {
    if (!this.setupHolds.delete(reason) || this.setupHolds.size > 0) return
    if (this.setupHoldTimer) clearTimeout(this.setupHoldTimer)
    this.setupHoldTimer = null
    if (this.publishHeld) this.publish()
  }

  private publish(): void {
    if (this.disposed && this.listeners.size === 0) return
    if (this.setupHolds.size > 0) {
      // A negotiation step is on its way (a few milliseconds): the render follows it.
      this.publishHeld = true
      return
    }
    if (this.sampling) {
      // Stats of the other links are on their way (a few milliseconds): one render for all.
      this.publishHeld = true
      return
    }
    this.publishHeld = false
    this.state = this.snapshot()
    for (const listener of this.listeners) listener(this.state)
    this.holdUntilFirstFrames()
  }

  /**
   * The render just published put a new remote's camera in its tile: the next one waits for that
   * camera's first frame (at most FIRST_FRAME_RENDER_HOLD_MS). A link's state, its data channel and its
   * hello all change in the few dozen milliseconds before that frame, and a render for each sat
   * between the decoded frame and the page showing it.
   */
  private holdUntilFirstFrames(): void {
    for (const [camera, stream] of this.framesAwaited) {
      this.holdRenders(camera, FIRST_FRAME_RENDER_HOLD_MS)
      camera.whenShown(stream, () => this.releaseRenders(camera))
    }
    this.framesAwaited.clear()
  }

  /**
   * Our own view, the same object while nothing in it changed: our tile is memoised on it, and a
   * new object on every state change (stats of another link, a chat message) would render it.
   */
  private selfView(): ParticipantView | null {
    const next: ParticipantView | null = this.mediaReady
      ? {
          userId: this.selfId,
          displayName: this.selfName(),
          isLocal: true,
          mediaState: this.selfMedia,
          cameraStream: this.selfCameraStream,
          screenStream: this.selfMedia.screenSharing ? this.selfScreenStream : null,
          link: 'connected',
          linkProblem: null,
          // Our own uplink, as the links to the others measure it.
          stats: uplinkStats(this.links().map((link) => link.stats)),
          messaging: 'ready',
          handRaised: this.selfHandOrder !== null,
          recording: this.selfRecording,
          cameraStarting: this.cameraStarting,
        }
      : null
    const previous = this.lastSelfView
    if (
      previous &&
      next &&
      (Object.keys(next) as (keyof ParticipantView)[]).every((key) => previous[key] === next[key])
    ) {
      return previous
    }
    this.lastSelfView = next
    return next
  }

  private snapshot(): CallState {
    const self = this.selfView()
    const participants = [...this.remotes.values()].map((remote) => remote.toView())
    return {
      status: this.status,
      callId: this.callId,
      phase: this.phase,
      mediaReady: this.mediaReady,
      self,
      participants,
      maxParticipants: this.rtcConfig?.maxParticipants ?? null,
      turnAvailable: this.rtcConfig ? hasTurnServer(this.rtcConfig.iceServers) : null,
      error: this.error,
      devices: this.devices,
      selectedDevices: this.selected,
      deviceAccess: this.deviceAccess,
      deviceNotices: this.deviceNotices,
      chat: this.chat,
      chatHistoryMissed: this.chatHistoryMissed,
      hands: this.handsInOrder(),
      reactions: this.reactions,
    }
  }

  private handsInOrder(): string[] {
    const raised: { userId: string; order: number }[] = []
    if (this.selfHandOrder !== null) raised.push({ userId: this.selfId, order: this.selfHandOrder })
    for (const remote of this.remotes.values()) {
      if (remote.handOrder !== null) raised.push({ userId: remote.userId, order: remote.handOrder })
    }
    return raised.sort((a, b) => a.order - b.order).map((hand) => hand.userId)
  }
}

/** User Timing along the join path; only the first of each counts (a bench reads them). */
function markOnce(name: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name)
}

/** Omit over each member of a union, keeping the union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
