/**
 * Everything about one remote participant in one place: who they are, the link to them, the
 * candidates that arrived before that link, the grace timer that keeps them through a rejoin, and
 * how many fresh links they may still get. The engine holds one per remote, keyed by user id.
 */
import type { IceCandidate, MediaState, ParticipantLeftReason } from '../../../shared/protocol'
import type { ChatMessage } from '../../../shared/in-call-messages'
import type { ErrorPhrase, InCallMessaging, ParticipantView } from './call-engine-api'
import { CameraVideo } from './camera-video'
import type { InCallChannel } from './in-call-channel'
import type { PeerLink } from './peer-link'
import { differsEnough, type ShownSize } from './shown-size'

/** Fresh links made for one participant before the ICE ladder is left to give up on its own. */
const MAX_REBUILDS = 2
const MAX_EARLY_CANDIDATES = 200
/** Chat messages kept for a person whose channel is not ready yet; beyond this the oldest go. */
const MAX_HELD_CHAT = 50
/**
 * At most one 'view' message this often: a window dragged larger changes a tile's size every
 * frame, and the peer's channel takes a few messages a second (in-call-channel.ts).
 */
export const SHOWN_SIZE_INTERVAL_MS = 500
/**
 * A person whose signaling is gone for less than this, while their media still flows, shows no
 * change at all: a socket renewed before its token expires, or a reconnect after a network hiccup,
 * is back within a second or two, and flashing "Reconnecting..." for it would only alarm.
 */
export const AWAY_SHOWN_AFTER_MS = 2_500

export function fallbackName(userId: string): string {
  return `Guest ${userId.slice(0, 6)}`
}

export class RemoteParticipant {
  displayName: string
  mediaState: MediaState
  link: PeerLink | null = null
  /** What went wrong on the last link, kept across a rebuild until a link works. */
  lastFailure: ErrorPhrase | null = null
  /** The data channel of the current link, once there is one. */
  channel: InCallChannel | null = null
  messaging: InCallMessaging = 'waiting'
  /** When their hand went up, in the engine's order of hands; null while down. */
  handOrder: number | null = null
  recording = false
  /** Their estimate of their uplink to us, as they last told it (PeerStats.availableOutgoingKbps). */
  theirUplinkKbps: number | null = null
  /** What we last told them of ours: told again only when it changes. */
  toldUplinkKbps: number | null = null
  /** Where their camera and voice play: fed by the engine, put in place by their tile. */
  readonly camera = new CameraVideo()
  /** How large we show their camera, as last measured, and as last told them. */
  private shownSize: ShownSize | null = null
  private toldShownSize: ShownSize | null = null
  private toldShownAt = -Infinity
  private shownSizeTimer: ReturnType<typeof setTimeout> | null = null
  private messagingTimer: ReturnType<typeof setTimeout> | null = null
  private rebuilds = 0
  private earlyCandidates: IceCandidate[] = []
  private heldChat: ChatMessage[] = []
  private graceTimer: ReturnType<typeof setTimeout> | null = null
  private awayShownTimer: ReturnType<typeof setTimeout> | null = null
  /**
   * Their signaling dropped (or they are missing from our rejoin) but they did not leave: kept
   * until they are back or the grace runs out, and shown as reconnecting once that has lasted
   * AWAY_SHOWN_AFTER_MS.
   */
  private away = false
  private awayShown = false
  /**
   * The server closed our socket itself while they were in the call with us (not away): a server
   * that is up treats that as a disconnect and, by PROTOCOL.md, tells everyone in the call that we
   * left. Until our rejoin answers it (keepsLinkOnRejoin).
   */
  private heardUsLeave = false
  private view: ParticipantView | null = null

  constructor(
    readonly userId: string,
    displayName: string | undefined,
    mediaState: MediaState | undefined,
  ) {
    this.displayName = displayName || fallbackName(userId)
    this.mediaState = mediaState ?? { muted: false, videoEnabled: true, screenSharing: false }
    this.camera.onShownSize = (size) => {
      this.shownSize = size
      this.tellShownSize()
    }
  }

  /**
   * Tells them how large we show their camera, so they send no more than that (shown-size.ts):
   * once their channel is ready, again on a change worth telling, never more often than
   * SHOWN_SIZE_INTERVAL_MS (the latest size goes out when the interval is up).
   */
  tellShownSize(): void {
    const size = this.shownSize
    const channel = this.channel
    if (!size || !channel?.ready || !differsEnough(this.toldShownSize, size)) return
    const wait = this.toldShownAt + SHOWN_SIZE_INTERVAL_MS - Date.now()
    if (wait > 0) {
      this.shownSizeTimer ??= setTimeout(() => {
        this.shownSizeTimer = null
        this.tellShownSize()
      }, wait)
      return
    }
    if (channel.send({ kind: 'view', width: size.width, height: size.height })) {
      this.toldShownSize = size
      this.toldShownAt = Date.now()
    }
  }

  /** Newer facts from the server; a peer that sends no name keeps the one it has. */
  update(displayName: string | undefined, mediaState: MediaState | undefined): void {
    if (displayName) this.displayName = displayName
    if (mediaState) this.mediaState = mediaState
  }

  get canRebuild(): boolean {
    return this.rebuilds < MAX_REBUILDS
  }

  countRebuild(): void {
    this.rebuilds++
  }

  /** They rejoined, or our signaling came back: the network may be new, so is the budget. */
  resetBudget(): void {
    this.rebuilds = 0
  }

  /** A candidate that outran the offer (or participantJoined) waits for the link. */
  holdCandidate(candidate: IceCandidate): void {
    if (this.earlyCandidates.length < MAX_EARLY_CANDIDATES) this.earlyCandidates.push(candidate)
  }

  /**
   * A chat message that could not go out to them (their channel opens moments after the link, or
   * is being replaced): it goes once their channel is ready, so nothing said in the call is lost.
   */
  holdChat(message: ChatMessage): void {
    this.heldChat = [...this.heldChat, message].slice(-MAX_HELD_CHAT)
  }

  takeHeldChat(): ChatMessage[] {
    const held = this.heldChat
    this.heldChat = []
    return held
  }

  takeEarlyCandidates(): IceCandidate[] {
    const held = this.earlyCandidates
    this.earlyCandidates = []
    return held
  }

  replaceLink(link: PeerLink | null): void {
    this.replaceChannel(null)
    this.link?.close()
    this.link = link
  }

  get inGrace(): boolean {
    return this.away
  }

  /**
   * The server closed our socket ('io server disconnect'): it is up, so it has just told them we
   * left, unless they were away themselves then (their own socket down: nothing reached them).
   */
  serverClosedOurSocket(): void {
    this.heardUsLeave = !this.away
  }

  /**
   * Our rejoin lists them: keep the link we hold (it is resumed), or offer from a fresh one.
   * A link is kept when it negotiated and still lives, and they did not hear us leave. One who
   * heard it may have closed their connection to us, as a client written from PROTOCOL.md does on
   * participantLeft, and then waits, as the joiner's call-mates do, for our offer. Only an offer
   * from a new connection of ours is sure to start theirs: a renegotiation of the kept one, even
   * one that restarts ICE, carries on the DTLS session their closed connection took with it, and
   * comes back only if the browser restarts DTLS under it. A Parley (it said hello on the link's
   * data channel) keeps its link through a leave it hears of, for the grace: its link is kept too,
   * and nothing shows (a rebuilt link would restart its picture, as after a late token renewal on
   * a server that closes expired sockets).
   * Not after every drop of our socket: when it merely lost its connection (the server died, the
   * network went), nobody may have heard anything, and a plain client's kept connection would be
   * handed an offer from a connection it has never seen.
   */
  keepsLinkOnRejoin(): boolean {
    const keptByThem = !this.heardUsLeave || this.messaging === 'ready'
    return keptByThem && this.link?.worthKeeping === true
  }

  /** Our rejoin is answered: what they heard of us before it is settled. */
  weRejoined(): void {
    this.heardUsLeave = false
  }

  /** A new channel (of a new link) replaces the old; the hand and recording state stay. */
  replaceChannel(channel: InCallChannel | null): void {
    this.channel?.close()
    this.channel = channel
    // The uplink figures were of the old path: both sides tell them again on the new one; so is
    // the size we show them at, to the new link's sender.
    this.theirUplinkKbps = null
    this.toldUplinkKbps = null
    this.toldShownSize = null
  }

  /**
   * A Parley says hello within moments of the link connecting; a client that has not by `ms`
   * after the link started is taken not to read our messages (until it does say hello).
   */
  expectHello(ms: number, onAbsent: () => void): void {
    if (this.messagingTimer) clearTimeout(this.messagingTimer)
    this.messagingTimer = setTimeout(() => {
      this.messagingTimer = null
      if (this.messaging === 'ready') return
      this.messaging = 'absent'
      onAbsent()
    }, ms)
  }

  /**
   * Keeps them for `ms` while their signaling is away; `onShown` runs when the absence has lasted
   * long enough to show (the view changes then), `onExpired` when the grace is over.
   */
  startGrace(ms: number, onExpired: () => void, onShown: () => void): void {
    this.away = true
    this.graceTimer ??= setTimeout(() => {
      this.graceTimer = null
      onExpired()
    }, ms)
    if (this.awayShown) return
    this.awayShownTimer ??= setTimeout(
      () => {
        this.awayShownTimer = null
        this.awayShown = true
        onShown()
      },
      Math.min(AWAY_SHOWN_AFTER_MS, ms),
    )
  }

  /** They are back (rejoined, or sent us something through the server). */
  cancelGrace(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer)
    this.graceTimer = null
    if (this.awayShownTimer) clearTimeout(this.awayShownTimer)
    this.awayShownTimer = null
    this.away = false
    this.awayShown = false
  }

  dispose(): void {
    if (this.messagingTimer) clearTimeout(this.messagingTimer)
    this.messagingTimer = null
    if (this.shownSizeTimer) clearTimeout(this.shownSizeTimer)
    this.shownSizeTimer = null
    this.cancelGrace()
    this.replaceLink(null)
    this.camera.dispose()
    this.earlyCandidates = []
    this.heldChat = []
  }

  private serverLost: ErrorPhrase | null = null

  /** The same phrase object while the name stays, so an unchanged view stays the same object. */
  private serverLostPhrase(): ErrorPhrase {
    if (this.serverLost?.values?.name !== this.displayName) {
      this.serverLost = { key: 'linkProblems.serverLost', values: { name: this.displayName } }
    }
    return this.serverLost
  }

  /** The view the UI renders; the same object while nothing in it changed, so tiles skip renders. */
  toView(): ParticipantView {
    const link = this.link
    const linkState = link?.link ?? 'connecting'
    // Away from the server for a while: their media may still flow, but they are not fully in
    // the call. A short absence (a renewed socket) shows nothing.
    const state = this.awayShown && linkState === 'connected' ? 'recovering' : linkState
    const next: ParticipantView = {
      userId: this.userId,
      displayName: this.displayName,
      isLocal: false,
      mediaState: this.mediaState,
      cameraStream: link?.cameraStream ?? null,
      screenStream: this.mediaState.screenSharing ? (link?.screenStream ?? null) : null,
      link: state,
      linkProblem:
        state === 'connected'
          ? null
          : this.awayShown
            ? this.serverLostPhrase()
            : (link?.failureReason ?? (state === 'failed' ? this.lastFailure : null)),
      stats: link?.stats ?? null,
      messaging: this.messaging,
      handRaised: this.handOrder !== null,
      recording: this.recording,
      theirUplinkKbps: this.theirUplinkKbps,
      relayFailure: link?.relayFailure ?? null,
    }
    const previous = this.view
    if (
      previous &&
      (Object.keys(next) as (keyof ParticipantView)[]).every((key) => previous[key] === next[key])
    ) {
      return previous
    }
    this.view = next
    return next
  }
}

/**
 * Whether a participantLeft keeps the participant for a grace period: a dropped socket
 * ('disconnected') does, a real leave ('left') never does, and a server that gives no reason is
 * believed only when the media link to them still works.
 */
export function keepThroughGrace(
  reason: ParticipantLeftReason | undefined,
  linkAlive: boolean,
): boolean {
  if (reason === 'left') return false
  if (reason === 'disconnected') return true
  return linkAlive
}
