/**
 * The engine's Socket.IO connection. It parses every server payload with the shared schemas before
 * anyone acts on it, asks the host for a fresh access token on every (re)connect, and never lets
 * socket.io buffer an emit while disconnected: a stale offer or candidate replayed after a
 * reconnect would confuse the peers more than a dropped one (negotiation runs again after rejoin).
 */
import { io, type Socket } from 'socket.io-client'
import type { z } from 'zod'
import {
  refreshMarginMs,
  tokenExpiryNoticeSchema,
  tokenTimes,
  type TokenTimes,
} from '../../../shared/auth/token-expiry'
import { ClientEvent } from '../../../shared/protocol'
import { endlessBackoffPolicy, type RetryPolicy } from '../../../shared/retry-policy'
import {
  ServerEvent,
  callStartedSchema,
  mediaUpdatedSchema,
  participantJoinedSchema,
  participantLeftSchema,
  pongSchema,
  relayedAnswerSchema,
  relayedCandidateSchema,
  relayedOfferSchema,
  rtcErrorSchema,
  type AnswerRequest,
  type CallStarted,
  type CandidateRequest,
  type JoinCallRequest,
  type LeaveCallRequest,
  type MediaUpdated,
  type OfferRequest,
  type ParticipantJoined,
  type ParticipantLeft,
  type Pong,
  type RelayedAnswer,
  type RelayedCandidate,
  type RelayedOffer,
  type RtcError,
  type ToggleMuteRequest,
  type ToggleScreenShareRequest,
  type ToggleVideoRequest,
} from '../../../shared/protocol'
import { markRecovery } from './recovery-marks'

export interface ClientPayloads {
  [ClientEvent.ping]: Record<string, unknown>
  [ClientEvent.joinCall]: JoinCallRequest
  [ClientEvent.leaveCall]: LeaveCallRequest
  [ClientEvent.offer]: OfferRequest
  [ClientEvent.answer]: AnswerRequest
  [ClientEvent.candidate]: CandidateRequest
  [ClientEvent.toggleMute]: ToggleMuteRequest
  [ClientEvent.toggleVideo]: ToggleVideoRequest
  [ClientEvent.toggleScreenShare]: ToggleScreenShareRequest
}

export interface ServerPayloads {
  [ServerEvent.pong]: Pong
  [ServerEvent.callStarted]: CallStarted
  [ServerEvent.participantJoined]: ParticipantJoined
  [ServerEvent.participantLeft]: ParticipantLeft
  [ServerEvent.offer]: RelayedOffer
  [ServerEvent.answer]: RelayedAnswer
  [ServerEvent.candidate]: RelayedCandidate
  [ServerEvent.mediaUpdated]: MediaUpdated
  [ServerEvent.error]: RtcError
}

const serverSchemas: { [E in keyof ServerPayloads]: z.ZodType<ServerPayloads[E]> } = {
  [ServerEvent.pong]: pongSchema,
  [ServerEvent.callStarted]: callStartedSchema,
  [ServerEvent.participantJoined]: participantJoinedSchema,
  [ServerEvent.participantLeft]: participantLeftSchema,
  [ServerEvent.offer]: relayedOfferSchema,
  [ServerEvent.answer]: relayedAnswerSchema,
  [ServerEvent.candidate]: relayedCandidateSchema,
  [ServerEvent.mediaUpdated]: mediaUpdatedSchema,
  [ServerEvent.error]: rtcErrorSchema,
}

export type SignalingHandlers = {
  [E in keyof ServerPayloads]?: (payload: ServerPayloads[E]) => void
}

export interface SignalingCallbacks {
  /**
   * Every successful (re)connect; `reconnect` is false only the first time. A renewal's new
   * connection is one too (with no disconnect before it): the engine joins again on it.
   */
  onConnect(reconnect: boolean): void
  /** The socket in use went down (socket.io's reason). */
  onDisconnect(reason: string): void
  /** The socket could not connect; socket.io keeps retrying unless `willRetry` is false. */
  onConnectError(error: Error, willRetry: boolean): void
  /** The host could not give an access token (signed out): retrying will not help. */
  onAuthFailure(error: unknown): void
}

export interface SignalingClientOptions {
  serverUrl: string
  getAccessToken(): Promise<string>
  callbacks: SignalingCallbacks
  handlers: SignalingHandlers
}

/**
 * A socket whose path died without a word (a laptop moving from Wi-Fi to cellular while both are
 * up sends no `offline` event, and TCP waits minutes) must be noticed in seconds: while connected
 * the client asks the server for an rtc:pong this often, and reconnects when nothing at all came
 * from the server over UNANSWERED_PROBES_LIMIT probes in a row (about 6 s after the last word).
 * The transport's own pings do not count: they also arrive when only our direction is dead, and
 * then everything we send is lost.
 *
 * Silence is counted in probes, not in wall-clock time, because a page can stall for seconds (a
 * busy machine, a debugger): the server's answers then wait in the queue behind our own timer, and
 * a clock would call a live server dead. A stall is one late probe, never a whole count.
 */
const LIVENESS_PROBE_MS = 2_000
const UNANSWERED_PROBES_LIMIT = 2
/**
 * A timer this much later than asked means this page was stalled, not the server silent: the
 * check is not judged on that round (what the server said may be queued behind the timer).
 */
const PAGE_STALL_MS = 1_000
/**
 * When something else hints that the path changed (a media link went quiet, the machine changed
 * networks), a probe sent at once must be answered within this long, or the socket is replaced.
 * A round trip to the server takes milliseconds; a busy server still answers well within this.
 */
export const VERIFY_TIMEOUT_MS = 1_500

/**
 * After the server closes the socket or refuses a handshake socket.io stops; we retry ourselves,
 * this often. The first try is at once: the usual close is a token that expired, and the client
 * has a fresh one.
 */
const refusedRetryPolicy: RetryPolicy = endlessBackoffPolicy([0, 1_000, 2_000, 5_000, 10_000])

/**
 * A server may close a socket whose access token expired (the reference server does, and
 * PROTOCOL.md has no message to re-authenticate a live socket), and its call-mates then hear that
 * we left: Parley rides that out, but a client written from PROTOCOL.md closes its peer connection
 * on participantLeft, and its media stops. On a server that says it hands a seat over to the
 * user's newest connection (rtc:pong `seatHandover`, see `renew`) the client renews the socket
 * itself a moment before: fresh token first, then a second connection that joins the call while
 * the first still holds our seat (the server moves the seat and tells nobody), and only then is
 * the first one closed. The moment must fall inside the token keeper's own renewal margin
 * (refreshMarginMs, counted from the same `exp`), or the new connection would get the token that
 * is expiring: so at most RENEW_LEAD_MAX_MS before expiry, and for short lifetimes the keeper's
 * margin less EXPIRY_SLACK_MS (a timer fires late on a busy machine, and the host's clock is read
 * a moment after ours).
 */
const RENEW_LEAD_MAX_MS = 3_000
const EXPIRY_SLACK_MS = 1_200
/** How soon to ask the host again when it still hands out the token that is about to expire. */
const RENEWAL_RETRY_MS = 250
/** A token closer than this to its renewal moment is not renewed early (no renewal loops). */
const MIN_RENEWAL_DELAY_MS = 1_000

/**
 * How long after `now` to renew a socket whose token has these times, or null when it should not
 * be renewed early (the token says no expiry, its lifetime is too short, or it is too close).
 */
export function renewalDelayMs(times: TokenTimes | null, now: number): number | null {
  if (times === null) return null
  const remaining = times.expiresAt - now
  // Without `iat` the lifetime is at least what remains.
  const lifetime = times.issuedAt !== null ? times.expiresAt - times.issuedAt : remaining
  const lead = Math.min(RENEW_LEAD_MAX_MS, refreshMarginMs(lifetime) - EXPIRY_SLACK_MS)
  if (lead <= 0) return null
  const delay = remaining - lead
  return delay >= MIN_RENEWAL_DELAY_MS ? delay : null
}

/**
 * A reconnect started by a network change waits at least this long after the last one: a burst
 * of hints (online, a new address on every link) is one reconnect, not a storm of handshakes.
 */
const RESTART_THROTTLE_MS = 1_000

export class SignalingClient {
  private socket: Socket
  private everConnected = false
  private refusedRetries = 0
  private refusedTimer: ReturnType<typeof setTimeout> | null = null
  private closed = false
  /** Probes in a row, on time, that nothing from the server followed. */
  private unansweredProbes = 0
  /** Something came from the server since the last regular probe. */
  private heardSinceProbe = false
  private livenessTimer: ReturnType<typeof setInterval> | null = null
  private verifyTimer: ReturnType<typeof setTimeout> | null = null
  /** Something came from the server since the running check asked. */
  private heardSinceCheck = false
  private renewalTimer: ReturnType<typeof setTimeout> | null = null
  /** The connection a renewal opened, until it is up and takes over from `socket`. */
  private renewal: Socket | null = null
  /** The connection a renewal replaced: heard (but for its errors) until the new one joined. */
  private retiring: Socket | null = null
  private retireTimer: ReturnType<typeof setTimeout> | null = null
  /** When the connection being replaced expires (epoch ms). */
  private retireAt = 0
  private lastRestartAt = 0
  /**
   * The server in use said (in its latest rtc:pong on the current connection) that a second
   * connection of ours takes our seat over: only then is a socket renewed make-before-break.
   */
  private seatHandover = false

  constructor(private readonly options: SignalingClientOptions) {
    this.socket = this.openSocket()
  }

  /** A socket.io connection, not yet connected; only the current one drives the client. */
  private openSocket(): Socket {
    const options = this.options
    const socket = io(options.serverUrl, {
      autoConnect: false,
      // WebSocket straight away saves the polling round trips before Join can be pressed; polling
      // stays as the fallback for networks that block WebSocket.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3_000,
      randomizationFactor: 0.3,
      // Asked on every (re)connect so the handshake never carries an expired token.
      auth: (cb) => {
        options.getAccessToken().then(
          (token) => {
            this.scheduleRenewal(token)
            cb({ token })
          },
          (error: unknown) => {
            options.callbacks.onAuthFailure(error)
            cb({})
          },
        )
      },
    })
    socket.on('connect', () => {
      if (socket === this.renewal) this.takeOver(socket)
      if (socket !== this.socket) return
      // Whatever answers now says again whether it hands seats over (its first pong comes at once).
      this.seatHandover = false
      const reconnect = this.everConnected
      this.everConnected = true
      this.refusedRetries = 0
      if (reconnect) markRecovery('socket-up')
      this.startLiveness()
      options.callbacks.onConnect(reconnect)
    })
    socket.on('disconnect', (reason) => {
      if (socket === this.renewal) this.dropRenewal()
      if (socket !== this.socket) return
      this.stopLiveness()
      markRecovery('socket-lost')
      options.callbacks.onDisconnect(reason)
      // A server-side disconnect does not reconnect on its own; a restarted server still wants us.
      if (reason === 'io server disconnect' && !this.closed) this.retryRefused()
    })
    socket.on('connect_error', (error) => {
      // A renewal that cannot connect changes nothing: the socket in use still works.
      if (socket === this.renewal) this.dropRenewal()
      if (socket !== this.socket) return
      const willRetry = socket.active
      options.callbacks.onConnectError(error, willRetry)
      if (!willRetry) this.retryRefused()
    })
    socket.on(ServerEvent.pong, (raw: unknown) => {
      if (socket === this.socket) this.seatHandover = announcesSeatHandover(raw)
    })
    for (const event of Object.keys(serverSchemas) as (keyof ServerPayloads)[]) {
      socket.on(event, (raw: unknown) => {
        if (socket === this.socket) this.heard()
        if (socket === this.socket) this.dispatch(event, raw)
        // Until the new connection has joined, relays may still come this way. Not its errors: it
        // is told that another connection took the seat, which is what we meant.
        else if (socket === this.retiring && event !== ServerEvent.error) this.dispatch(event, raw)
        if (socket === this.socket && event === ServerEvent.callStarted) this.retire()
      })
    }
    return socket
  }

  get connected(): boolean {
    return this.socket.connected
  }

  connect(): void {
    if (this.closed || this.socket.connected || this.socket.active) return
    this.socket.connect()
  }

  /**
   * Sends when connected and drops otherwise (returns false), instead of letting socket.io queue
   * the emit and replay it, stale, after a reconnect.
   */
  emit<E extends keyof ClientPayloads>(event: E, payload: ClientPayloads[E]): boolean {
    if (!this.socket.connected) return false
    this.socket.emit(event, payload)
    return true
  }

  /**
   * Makes sure the socket still answers, now rather than at the next liveness round: a probe goes
   * out, and if nothing at all comes back within VERIFY_TIMEOUT_MS the socket is replaced. Calls
   * while a check runs join it.
   */
  verifyNow(): void {
    if (this.closed || !this.socket.connected || this.verifyTimer) return
    this.heardSinceCheck = false
    this.probeForCheck()
  }

  private probeForCheck(): void {
    this.socket.emit(ClientEvent.ping, {})
    const askedAt = Date.now()
    this.verifyTimer = setTimeout(() => {
      this.verifyTimer = null
      if (this.closed || !this.socket.connected || this.heardSinceCheck) return
      if (Date.now() - askedAt > VERIFY_TIMEOUT_MS + PAGE_STALL_MS) {
        // This page stalled, not necessarily the server: ask again and wait again.
        this.probeForCheck()
        return
      }
      this.reconnectNow('the server did not answer a check')
    }, VERIFY_TIMEOUT_MS)
  }

  /**
   * The machine's network changed (`online`, a new local address): a socket that is up is checked
   * at once (verifyNow), and one that is down connects now instead of when socket.io's backoff
   * wait, or a handshake still hanging on the old path, runs out.
   */
  networkChanged(): void {
    if (this.closed) return
    if (this.socket.connected) {
      this.verifyNow()
      return
    }
    if (!this.everConnected) return
    this.restartConnection()
  }

  close(): void {
    this.closed = true
    this.clearRenewal()
    this.dropRenewal()
    this.retire()
    this.stopLiveness()
    if (this.refusedTimer) clearTimeout(this.refusedTimer)
    this.socket.removeAllListeners()
    this.socket.disconnect()
  }

  /** A new connection now: whatever socket.io was waiting for is dropped. */
  private restartConnection(): void {
    const now = Date.now()
    if (now - this.lastRestartAt < RESTART_THROTTLE_MS) return
    this.lastRestartAt = now
    if (this.refusedTimer) clearTimeout(this.refusedTimer)
    this.refusedTimer = null
    this.connectAfresh()
  }

  /**
   * Drops the socket's connection, or the attempt or backoff wait it is in, and opens a new one
   * at once; its handshake asks the host for the access token again.
   */
  private connectAfresh(): void {
    this.socket.disconnect()
    this.socket.connect()
  }

  private scheduleRenewal(token: string): void {
    this.clearRenewal()
    const times = tokenTimes(token)
    const delay = renewalDelayMs(times, Date.now())
    if (delay === null || times === null) return
    this.renewalTimer = setTimeout(() => {
      this.renewalTimer = null
      void this.renew(token, times.expiresAt)
    }, delay)
  }

  private clearRenewal(): void {
    if (this.renewalTimer) clearTimeout(this.renewalTimer)
    this.renewalTimer = null
  }

  /**
   * The token is about to expire: the host renews it first (while the socket still works), then a
   * second connection opens with it and takes over (takeOver, retire). Not connected at that
   * moment, it simply waits for its own reconnect, which asks for a fresh token anyway. A host that
   * still hands out the expiring token (it counts its renewal margin from when the token arrived,
   * which on a slow network or a busy machine is later than the token says) is asked again
   * shortly, until expiry is too close to gain anything.
   *
   * Only on a server that said it hands seats over. On a backend written from PROTOCOL.md alone
   * the second connection's join may seat us twice, and the first one's close then tells every
   * call-mate we left (rtc:participantLeft): their links to us close while we think we are in.
   * There nothing is renewed early: a socket's token is checked at its handshake only, so a
   * backend that never closes an expiring socket needs no renewal at all, and when one does close
   * it ('io server disconnect') the client reconnects at once with a fresh token and joins again
   * (retryRefused, then the engine's rejoin), its peer links kept.
   */
  private async renew(expiring: string, expiresAt: number): Promise<void> {
    if (!this.seatHandover) return
    let token: string | null = null
    try {
      token = await this.options.getAccessToken()
    } catch {
      // The handshake asks again and reports a failure through onAuthFailure.
    }
    if (this.closed || !this.socket.connected || !this.seatHandover) return
    if (token === expiring) {
      if (Date.now() + RENEWAL_RETRY_MS < expiresAt) {
        this.renewalTimer = setTimeout(() => {
          this.renewalTimer = null
          void this.renew(expiring, expiresAt)
        }, RENEWAL_RETRY_MS)
      }
      return
    }
    if (this.renewal) return
    markRecovery('socket-renewal')
    this.renewal = this.openSocket()
    this.renewal.connect()
    // The old connection is closed by the server at expiry anyway; by then the new one has joined.
    this.retireAt = expiresAt
  }

  /**
   * The renewal's connection is up: it becomes the socket in use (its connect handler then tells
   * the engine, which joins the call again on it). The old one is kept until that join is answered
   * (callStarted: the seat has moved) or its token expires, whichever comes first.
   */
  private takeOver(next: Socket): void {
    this.renewal = null
    this.retire()
    this.stopLiveness()
    this.retiring = this.socket
    this.socket = next
    this.retireTimer = setTimeout(() => this.retire(), Math.max(0, this.retireAt - Date.now()))
  }

  /** Closes the connection a renewal replaced, if any. */
  private retire(): void {
    if (this.retireTimer) clearTimeout(this.retireTimer)
    this.retireTimer = null
    const old = this.retiring
    this.retiring = null
    old?.removeAllListeners()
    old?.disconnect()
  }

  /** A renewal that did not connect is given up; the socket in use carries on. */
  private dropRenewal(): void {
    const renewal = this.renewal
    this.renewal = null
    renewal?.removeAllListeners()
    renewal?.disconnect()
  }

  private retryRefused(): void {
    if (this.closed || this.refusedTimer) return
    const delay = refusedRetryPolicy.nextDelayMs(this.refusedRetries) ?? 10_000
    this.refusedRetries++
    this.refusedTimer = setTimeout(() => {
      this.refusedTimer = null
      if (!this.closed && !this.socket.connected) this.socket.connect()
    }, delay)
  }

  private heard(): void {
    this.heardSinceProbe = true
    this.heardSinceCheck = true
  }

  private startLiveness(): void {
    this.stopLiveness()
    this.heard()
    // Asked at once, not a probe interval later: the answer also says whether the server hands
    // seats over, which a renewal soon after connecting needs to know.
    this.socket.emit(ClientEvent.ping, {})
    this.unansweredProbes = 0
    let lastRoundAt = Date.now()
    this.livenessTimer = setInterval(() => {
      const now = Date.now()
      const stalled = now - lastRoundAt > LIVENESS_PROBE_MS + PAGE_STALL_MS
      lastRoundAt = now
      if (!this.socket.connected) return
      if (this.heardSinceProbe) this.unansweredProbes = 0
      else if (!stalled) this.unansweredProbes++
      this.heardSinceProbe = false
      if (this.unansweredProbes >= UNANSWERED_PROBES_LIMIT) {
        this.reconnectNow('the server stopped answering')
        return
      }
      this.socket.emit(ClientEvent.ping, {})
    }, LIVENESS_PROBE_MS)
  }

  private stopLiveness(): void {
    if (this.livenessTimer) clearInterval(this.livenessTimer)
    this.livenessTimer = null
    if (this.verifyTimer) clearTimeout(this.verifyTimer)
    this.verifyTimer = null
  }

  private reconnectNow(why: string): void {
    console.warn(`[parley] ${why}; reconnecting`)
    markRecovery('socket-check-failed')
    this.stopLiveness()
    // A new connection at once: socket.io's own reconnection would first wait out a backoff step.
    this.lastRestartAt = Date.now()
    this.connectAfresh()
  }

  private dispatch<E extends keyof ServerPayloads>(event: E, raw: unknown): void {
    const parsed = serverSchemas[event].safeParse(raw)
    if (!parsed.success) {
      // PROTOCOL.md: a malformed payload is ignored and logged, never acted on.
      console.warn(`[parley] ignored a malformed ${event}`, parsed.error.issues)
      return
    }
    const handler = this.options.handlers[event] as ((p: ServerPayloads[E]) => void) | undefined
    handler?.(parsed.data)
  }
}

/**
 * The reference server's word before it closes a socket whose token expired (an rtc:error
 * UNAUTHORIZED with `details.reason: 'token-expired'`). Nothing to tell the person: the socket
 * reconnects at once with a fresh token (when it was not already renewed ahead of expiry).
 */
export function isTokenExpiry(details: unknown): boolean {
  return tokenExpiryNoticeSchema.safeParse(details).success
}

/** An rtc:pong that says the server hands a user's seat over to their newest connection. */
export function announcesSeatHandover(raw: unknown): boolean {
  const pong = pongSchema.safeParse(raw)
  return pong.success && pong.data.seatHandover === true
}
