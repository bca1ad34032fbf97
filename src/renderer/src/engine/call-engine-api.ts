/**
 * The call engine's public face: what the UI may read and call. The engine knows nothing of React;
 * the UI knows nothing of RTCPeerConnection or the socket and only subscribes to this state.
 */
import type { RelayFailure } from './relay-failure'
import type { Bridge, SessionInfo } from '../../../shared/bridge'
import type { ReactionEmoji } from '../../../shared/in-call-messages'
import type { MediaState } from '../../../shared/protocol'

/** The signaling connection, as shown in the `role="status"` line. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected'

/** One peer link's health, after ICE recovery has had its say. */
export type PeerLinkState = 'connecting' | 'connected' | 'recovering' | 'failed' | 'closed'

export interface PeerStats {
  /** Round-trip time of the selected candidate pair, ms. */
  rttMs: number | null
  /** Inbound packet loss over the last interval, percent. */
  packetLossPercent: number | null
  /** The worst interarrival jitter of what arrives from them, ms (a queue on their uplink). */
  jitterMs: number | null
  inboundKbps: number | null
  outboundKbps: number | null
  /** Loss of what we send, as their receiver reports it (remote-inbound-rtp), percent. */
  outboundLossPercent: number | null
  /**
   * The sender's own estimate of what our uplink carries to them, kbit/s: the higher of the last
   * two samples (a new path's estimate starts low for a moment); null until there are two.
   */
  availableOutgoingKbps: number | null
  /** The video we send them (camera and screen), kbit/s: 0 when we send none. */
  outboundVideoKbps: number | null
  /** 'relay' when the selected pair goes through TURN. */
  route: 'direct' | 'relay' | 'unknown'
  localCandidateType: string | null
  remoteCandidateType: string | null
}

export interface ParticipantView {
  userId: string
  displayName: string
  isLocal: boolean
  mediaState: MediaState
  /** Camera video plus microphone audio. Null until a remote track arrives. */
  cameraStream: MediaStream | null
  /** The shared screen, shown as its own tile while `mediaState.screenSharing` is true. */
  screenStream: MediaStream | null
  /** Always 'connected' for the local participant. */
  link: PeerLinkState
  /** Why the link is failing, as a catalog phrase (an offer that could not be used...); null when fine. */
  linkProblem: ErrorPhrase | null
  stats: PeerStats | null
  /**
   * Their own estimate of what their uplink carries to us, kbit/s, as they last told us over the
   * in-call channel while sending video; null when not known (or they send no video).
   */
  theirUplinkKbps?: number | null
  /**
   * Whether Parley's in-call messages (chat, hands, reactions, recording notices) reach this
   * person: 'absent' for a client without the data channel. Always 'ready' for ourselves.
   */
  messaging: InCallMessaging
  handRaised: boolean
  /** They are recording the call. */
  recording: boolean
  /**
   * Ours only: the camera was asked to turn on and has not started yet (it can take seconds).
   * Absent or false for everyone else.
   */
  cameraStarting?: boolean
  /**
   * "Always relay calls" is on and this link got no relay: the TURN server could not be reached,
   * or refused the credentials. Absent or null otherwise.
   */
  relayFailure?: RelayFailure | null
}

export type InCallMessaging = 'waiting' | 'ready' | 'absent'

/** One chat message, ours or someone else's. */
export interface ChatEntry {
  /** Unique in this call: the sender's id and the sender's message id. */
  key: string
  fromUserId: string
  displayName: string
  isLocal: boolean
  text: string
  /** The sender's clock, ms since the epoch. */
  sentAt: number
}

/** A reaction floating on its sender's tile for a few seconds. */
export interface ReactionView {
  key: string
  userId: string
  emoji: ReactionEmoji
}

/**
 * What an error is about, which decides what clears it: a working camera clears a camera error,
 * a successful join a join error, a connected socket a server error, and so on.
 */
export type ErrorScope = 'join' | 'camera' | 'microphone' | 'screen' | 'server' | 'config'

export interface CallErrorView {
  /** A protocol error code (CALL_FULL...) or an engine one (MEDIA_DENIED, SERVER_UNREACHABLE...). */
  code: string
  scope: ErrorScope
  /** Written for people: what happened and what to do (in English). */
  message: string
  /** The same as catalog sentences, for the UI to say in the person's language. */
  phrases?: ErrorPhrase[]
}

/** One sentence of an error: a catalog key and its placeholders. */
export interface ErrorPhrase {
  key: string
  values?: Record<string, string>
}

export interface DeviceInfo {
  deviceId: string
  kind: 'audioinput' | 'videoinput' | 'audiooutput'
  label: string
}

/** The devices in use (or, for a camera that is off, the one to use when it turns on). */
export interface SelectedDevices {
  /** Null: the system default. */
  audioInput: string | null
  videoInput: string | null
  /** Null: the system default. The UI applies it to remote media elements with setSinkId. */
  audioOutput: string | null
}

/** The input devices that `setDevice` can switch between. */
export type InputDeviceKind = 'audioinput' | 'videoinput'

/**
 * Whether the camera or microphone can be used, so the UI can say why one is not: the browser or
 * system blocks it, there is none, or it is there but would not start (`error` says why).
 */
export type DeviceAccess = 'pending' | 'granted' | 'blocked' | 'absent' | 'unavailable'

export interface DeviceAccessState {
  camera: DeviceAccess
  microphone: DeviceAccess
}

export type DeviceRole = 'camera' | 'microphone' | 'speaker'

/** Something about the devices worth telling: one in use went away, or a new one came. */
export type DeviceNotice =
  | {
      id: number
      kind: 'replaced'
      role: DeviceRole
      /** The label of the device that went away. */
      lost: string
      /** The label of the one used instead; null when none is left (the device is now off). */
      using: string | null
    }
  | {
      id: number
      kind: 'plugged'
      role: DeviceRole
      deviceId: string
      label: string
    }

export interface CallState {
  status: ConnectionStatus
  /** The call joined or being joined; null in the lobby. */
  callId: string | null
  /** 'lobby' before Join and after Leave, 'joining' until rtc:callStarted, 'in-call' after. */
  phase: 'lobby' | 'joining' | 'in-call'
  /**
   * The camera and microphone were asked for and the browser answered (granted, blocked or
   * missing). False while they are still starting: a join waits for that answer.
   */
  mediaReady: boolean
  self: ParticipantView | null
  /** Remote participants in join order. */
  participants: ParticipantView[]
  maxParticipants: number | null
  /** Whether the server's RTC config offers a TURN relay; null until the config is fetched. */
  turnAvailable: boolean | null
  /** The latest error for people, cleared by `dismissError()` or a successful retry. */
  error: CallErrorView | null
  devices: DeviceInfo[]
  selectedDevices: SelectedDevices
  deviceAccess: DeviceAccessState
  /** Oldest first; each stays until dismissed, acted on, or no longer true. */
  deviceNotices: DeviceNotice[]
  /** Chat of this call since we joined, oldest first (bounded). */
  chat: ChatEntry[]
  /** We joined after others: what they said before is not shown. */
  chatHistoryMissed: boolean
  /** User ids with a raised hand, in the order the hands went up. */
  hands: string[]
  /** Reactions now showing; each leaves by itself after a few seconds. */
  reactions: ReactionView[]
}

export interface JoinOptions {
  callId: string
}

export interface CallEngine {
  getState(): CallState
  /** Called after every state change; returns its unsubscribe. */
  subscribe(listener: (state: CallState) => void): () => void

  /**
   * Work that can be done before Join is pressed: local media (the lobby preview), the RTC config
   * and the socket connection. Idempotent; join() awaits whatever of it is still running.
   */
  prepare(): Promise<void>
  /** Fetches the RTC config again, e.g. after the person changed "Always relay calls". */
  refreshRtcConfig(): Promise<void>
  join(options: JoinOptions): Promise<void>
  leave(): Promise<void>

  setMuted(muted: boolean): void
  setCameraEnabled(enabled: boolean): Promise<void>
  /** Starts sharing; in the desktop app the UI has first told the host which source to share. */
  startScreenShare(): Promise<void>
  stopScreenShare(): void

  /**
   * Switches the microphone or camera in place: every peer keeps its link, the muted and camera-off
   * states are kept, and the choice is saved. A failure becomes `error` and the old device stays.
   */
  setDevice(kind: InputDeviceKind, deviceId: string): Promise<void>
  /** Records (and saves) the speaker; the UI routes remote audio to it. */
  setAudioOutput(deviceId: string): void
  /**
   * Asks the browser again for a camera or microphone that is blocked or missing (a new
   * getUserMedia), and turns it on when it comes. The outcome shows in `deviceAccess`.
   */
  retryDevice(device: 'camera' | 'microphone'): Promise<void>
  /** Uses the device a `plugged` notice offers, and removes the notice. */
  useOfferedDevice(noticeId: number): Promise<void>
  dismissDeviceNotice(noticeId: number): void

  /**
   * The <video> a remote participant's camera and voice play on. The engine makes it and puts
   * their stream on it as the link gets one (no render in between); their tile puts the element
   * in its place. Null for someone not in the call.
   */
  cameraVideo(userId: string): HTMLVideoElement | null

  /** Sends a chat message to everyone the data channel reaches; false when the text is refused. */
  sendChat(text: string): boolean
  setHandRaised(raised: boolean): void
  /** False when refused: not one of the offered emoji, or too soon after the last one. */
  sendReaction(emoji: ReactionEmoji): boolean
  /** Tells everyone we started or stopped recording. */
  setRecording(active: boolean): void

  dismissError(): void
  /** Stops media, closes peers and the socket. */
  dispose(): void
}

/** What `createCallEngine` (src/renderer/src/engine/index.ts) takes. */
export interface CallEngineOptions {
  bridge: Bridge
  /** The signed-in session: the server to connect the socket to, and who we are. */
  session: SessionInfo
}
