/**
 * Socket.IO signaling: every client event of PROTOCOL.md, each parsed with the shared schemas,
 * checked against the call registry, and answered or relayed.
 *
 * Per socket, requests run one after another (a promise chain), so relays keep the order the
 * client sent them in even when the registry is remote (Redis). A handler never throws out of
 * the socket: refusals become `rtc:error` with `details.event`, anything unexpected `INTERNAL`.
 *
 * Same user, same call, second connection: TAKEOVER. The newest connection takes the seat and
 * gets `rtc:callStarted` as usual; the other participants hear nothing (no participantLeft or
 * participantJoined, so their peer connections survive a client's socket reconnect; only a
 * `rtc:mediaUpdated` if the new connection announced a different media state); the older
 * connection is dropped from the call and gets `rtc:error` NOT_IN_CALL with
 * `details: { reason: 'replaced' }`; relays to that user go to the new connection. Every rtc:pong
 * says so (`seatHandover: true`), as PROTOCOL.md does not. Joining again
 * on the same connection is idempotent: `rtc:callStarted` again, nothing to the others.
 */
import type { Server, Socket } from 'socket.io'
import type { z } from 'zod'
import {
  ClientEvent,
  ServerEvent,
  candidateRequestSchema,
  joinCallSchema,
  leaveCallSchema,
  offerRequestSchema,
  pingSchema,
  toggleMuteSchema,
  toggleScreenShareSchema,
  toggleVideoSchema,
  type CallStarted,
  type ClientEventName,
  type MediaState,
  type MediaUpdated,
  type Participant,
  type ParticipantJoined,
  type ParticipantLeft,
  type ParticipantLeftReason,
  type Pong,
  type RelayedCandidate,
  type RelayedOffer,
  type RtcError,
} from '../../shared/protocol'
import type { AccessGrant, TokenUser } from '../auth/tokens'
import type { CallMember, CallRegistry } from '../call-registry/call-registry'
import { sameMediaState } from '../call-registry/call-registry'
import type { RateLimitConfig } from '../config'
import { TokenBucket } from '../rate-limit'
import { queuedBytes, terminateConnection } from './engine-connection'
import { SignalingError, describeIssues, rtcError } from './errors'

export interface SignalingSocketData {
  user: TokenUser
  /** The sign-in session the handshake token belongs to; its sockets share a room. */
  sessionId: string
  /** When the handshake token expires (epoch seconds); the socket is closed then. */
  expiresAt: number
  /**
   * The call this connection joined (at most one: a join of another call leaves it first); used
   * for cleanup on disconnect (the registry has the final say).
   */
  calls: Set<string>
  bucket: TokenBucket
  /** Tail of this socket's request chain. */
  queue: Promise<void>
  lastRateLimitNoticeAt: number
}

export type SignalingServer = Server<
  Record<string, (payload: unknown) => void>,
  Record<string, (payload: unknown) => void>,
  Record<string, never>,
  SignalingSocketData
>
export type SignalingSocket = Socket<
  Record<string, (payload: unknown) => void>,
  Record<string, (payload: unknown) => void>,
  Record<string, never>,
  SignalingSocketData
>

export interface SignalingOptions {
  io: SignalingServer
  registry: CallRegistry
  maxParticipants: number
  rateLimit: RateLimitConfig
  /** Bytes waiting to go to one socket past which it is dropped as too slow (see sendQueue). */
  sendQueueBytes: number
  log: (line: string) => void
  /** How often to look for members of dead nodes in this node's calls (shared registries only). */
  sweepIntervalMs?: number
}

type Handler = (socket: SignalingSocket, payload: unknown) => Promise<void>

const RATE_LIMIT_NOTICE_INTERVAL_MS = 1000

function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`
}

export function initSocketData(
  grant: AccessGrant,
  rateLimit: RateLimitConfig,
): SignalingSocketData {
  return {
    user: grant.user,
    sessionId: grant.sessionId,
    expiresAt: grant.expiresAt,
    calls: new Set(),
    bucket: new TokenBucket(rateLimit),
    queue: Promise.resolve(),
    lastRateLimitNoticeAt: 0,
  }
}

export class Signaling {
  /** Queued requests and cleanups not finished yet, and who waits for there to be none. */
  private inFlight = 0
  private readonly idleWaiters: (() => void)[] = []
  private readonly handlers: Record<ClientEventName, Handler>
  private sweepTimer: NodeJS.Timeout | null = null
  private sweeping = false

  constructor(private readonly options: SignalingOptions) {
    this.handlers = {
      [ClientEvent.ping]: (socket, payload) => this.ping(socket, payload),
      [ClientEvent.joinCall]: (socket, payload) => this.joinCall(socket, payload),
      [ClientEvent.leaveCall]: (socket, payload) => this.leaveCall(socket, payload),
      [ClientEvent.offer]: (socket, payload) => this.relaySdp(socket, ClientEvent.offer, payload),
      [ClientEvent.answer]: (socket, payload) => this.relaySdp(socket, ClientEvent.answer, payload),
      [ClientEvent.candidate]: (socket, payload) => this.relayCandidate(socket, payload),
      [ClientEvent.toggleMute]: (socket, payload) =>
        this.toggle(socket, ClientEvent.toggleMute, toggleMuteSchema, payload, (p) => ({
          muted: p.muted,
        })),
      [ClientEvent.toggleVideo]: (socket, payload) =>
        this.toggle(socket, ClientEvent.toggleVideo, toggleVideoSchema, payload, (p) => ({
          videoEnabled: p.enabled,
        })),
      [ClientEvent.toggleScreenShare]: (socket, payload) =>
        this.toggle(
          socket,
          ClientEvent.toggleScreenShare,
          toggleScreenShareSchema,
          payload,
          (p) => ({
            screenSharing: p.enabled,
          }),
        ),
    }
    options.io.on('connection', (socket) => this.onConnection(socket))
    if (options.registry.sweep && options.sweepIntervalMs) {
      this.sweepTimer = setInterval(() => void this.sweepLocalCalls(), options.sweepIntervalMs)
      this.sweepTimer.unref()
    }
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    this.sweepTimer = null
  }

  /**
   * A node that dies without cleaning up leaves its members in the shared registry. Each node
   * checks the calls its own sockets are in (so every live call is checked by someone, and no
   * node scans the whole keyspace) and tells the rest about the members it dropped.
   */
  private async sweepLocalCalls(): Promise<void> {
    const sweep = this.options.registry.sweep?.bind(this.options.registry)
    if (!sweep || this.sweeping) return
    this.sweeping = true
    try {
      const callIds = new Set<string>()
      for (const socket of this.options.io.sockets.sockets.values()) {
        for (const callId of socket.data.calls) callIds.add(callId)
      }
      for (const callId of callIds) {
        const outcome = await sweep(callId)
        for (const userId of outcome.droppedUserIds) {
          const left: ParticipantLeft = { callId, userId, reason: 'disconnected' }
          this.emitTo(outcome.remaining, ServerEvent.participantLeft, left)
        }
      }
    } catch (error) {
      this.options.log(
        `signaling: sweep failed: ${error instanceof Error ? error.message : String(error)}`,
      )
    } finally {
      this.sweeping = false
    }
  }

  /** Resolves when every queued request and disconnect cleanup has finished. */
  drain(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * A session ended (sign-out, or a refresh token used twice): every socket of it, on any node,
   * is told why and closed. Its handshake token is refused from now on, so it stays out.
   */
  endSession(sessionId: string): void {
    const room = sessionRoom(sessionId)
    this.options.io.to(room).emit(
      ServerEvent.error,
      rtcError('UNAUTHORIZED', 'This session has ended; sign in again', null, {
        reason: 'session-ended',
      }),
    )
    this.options.io.in(room).disconnectSockets(true)
  }

  private onConnection(socket: SignalingSocket): void {
    // A peer that stopped answering pings will not answer a polite close either.
    socket.conn.once('close', (reason: string) => {
      if (reason === 'ping timeout') terminateConnection(socket.conn)
    })
    void socket.join(sessionRoom(socket.data.sessionId))
    this.closeAtExpiry(socket)
    // Counts every incoming event, unknown ones too, so a flood of anything is throttled.
    socket.use(([event], next) => {
      if (socket.data.bucket.take()) {
        next()
        return
      }
      const now = Date.now()
      // One notice per interval: answering every dropped message would amplify the flood.
      if (now - socket.data.lastRateLimitNoticeAt >= RATE_LIMIT_NOTICE_INTERVAL_MS) {
        socket.data.lastRateLimitNoticeAt = now
        const name = typeof event === 'string' ? event.slice(0, 64) : null
        socket.emit(
          ServerEvent.error,
          rtcError('RATE_LIMITED', 'Too many messages; slow down', name),
        )
      }
    })
    for (const [event, handler] of Object.entries(this.handlers)) {
      socket.on(event, (payload: unknown) =>
        this.enqueue(socket, () => this.run(socket, event, handler, payload)),
      )
    }
    socket.on('disconnect', () => this.enqueue(socket, () => this.cleanup(socket)))
  }

  /**
   * A socket lives no longer than the token it opened with. At expiry it is told why and closed;
   * the client renews its token, reconnects and rejoins (its call-mates meanwhile hear
   * participantLeft with reason 'disconnected', and may keep its tile for that grace).
   */
  private closeAtExpiry(socket: SignalingSocket): void {
    const delayMs = Math.max(0, socket.data.expiresAt * 1000 - Date.now())
    const timer = setTimeout(() => {
      socket.emit(
        ServerEvent.error,
        rtcError('UNAUTHORIZED', 'The access token has expired; reconnect with a new one', null, {
          reason: 'token-expired',
        }),
      )
      socket.disconnect(true)
    }, delayMs)
    socket.once('disconnect', () => clearTimeout(timer))
  }

  private enqueue(socket: SignalingSocket, task: () => Promise<void>): void {
    this.inFlight++
    // Tasks catch their own errors (run, cleanup); the rejection branch only keeps the chain alive.
    socket.data.queue = socket.data.queue.then(task).then(this.settle, this.settle)
  }

  private readonly settle = (): void => {
    if (--this.inFlight > 0) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  private async run(socket: SignalingSocket, event: string, handler: Handler, payload: unknown) {
    try {
      await handler(socket, payload)
    } catch (error) {
      if (error instanceof SignalingError) {
        this.sendError(socket.id, rtcError(error.code, error.message, event, error.details))
        return
      }
      this.options.log(
        `signaling: ${event} failed: ${error instanceof Error ? error.message : String(error)}`,
      )
      this.sendError(
        socket.id,
        rtcError('INTERNAL', 'The server could not handle this request', event),
      )
    }
  }

  private sendError(socketId: string, error: RtcError): void {
    this.sendToOne(socketId, ServerEvent.error, error)
  }

  private parse<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
    const result = schema.safeParse(payload)
    if (!result.success) {
      const { message, issues } = describeIssues(result.error)
      throw new SignalingError('INVALID_PAYLOAD', message, { issues })
    }
    return result.data
  }

  private async ping(socket: SignalingSocket, payload: unknown): Promise<void> {
    // A bare `emit('rtc:ping')` carries no payload; treat it as `{}`.
    const echo = this.parse(pingSchema, payload ?? {})
    const pong: Pong = {
      ts: Date.now(),
      rtc: { maxParticipants: this.options.maxParticipants },
      echo,
      // The takeover described at the top of this file, announced: clients renew their socket
      // make-before-break only on a server that says so.
      seatHandover: true,
    }
    socket.emit(ServerEvent.pong, pong)
  }

  private async joinCall(socket: SignalingSocket, payload: unknown): Promise<void> {
    const request = this.parse(joinCallSchema, payload)
    const { user } = socket.data
    // A person is in one call at a time: joining another leaves the one before, as a leave would.
    for (const previousCallId of [...socket.data.calls]) {
      if (previousCallId === request.callId) continue
      socket.data.calls.delete(previousCallId)
      await this.removeFromCall(socket.id, user.id, previousCallId, 'left')
    }
    const outcome = await this.options.registry.join({
      callId: request.callId,
      userId: user.id,
      displayName: user.displayName,
      socketId: socket.id,
      mediaState: request.initialMediaState ?? null,
      maxParticipants: this.options.maxParticipants,
    })
    for (const userId of outcome.droppedUserIds) {
      // Members of a node that died: their connection is gone, not their intent to stay.
      const left: ParticipantLeft = { callId: request.callId, userId, reason: 'disconnected' }
      this.emitTo(
        outcome.members.filter((member) => member.userId !== user.id),
        ServerEvent.participantLeft,
        left,
      )
    }
    if (outcome.kind === 'full') {
      throw new SignalingError(
        'CALL_FULL',
        `This call already has ${this.options.maxParticipants} participants`,
        {
          callId: request.callId,
          maxParticipants: this.options.maxParticipants,
        },
      )
    }
    if (socket.disconnected) {
      // The connection went away while the registry was answering; give the seat back.
      await this.removeFromCall(socket.id, user.id, request.callId, 'disconnected')
      return
    }
    socket.data.calls.add(request.callId)
    const self = outcome.members.find((member) => member.userId === user.id)
    const callStarted: CallStarted = {
      callId: request.callId,
      participants: outcome.members.map(toParticipant),
    }
    socket.emit(ServerEvent.callStarted, callStarted)
    const others = outcome.members.filter((member) => member.userId !== user.id)

    if (outcome.previousSocketId === null) {
      if (self && others.length > 0) {
        const joined: ParticipantJoined = { callId: request.callId, ...toParticipant(self) }
        this.emitTo(others, ServerEvent.participantJoined, joined)
      }
      return
    }
    if (outcome.previousSocketId !== socket.id) {
      // Takeover (see the module comment): only the replaced connection hears about it.
      this.options.io.sockets.sockets
        .get(outcome.previousSocketId)
        ?.data.calls.delete(request.callId)
      this.sendError(
        outcome.previousSocketId,
        rtcError('NOT_IN_CALL', 'You joined this call from another connection', null, {
          event: ClientEvent.joinCall,
          callId: request.callId,
          reason: 'replaced',
        }),
      )
    }
    if (
      self &&
      outcome.previousMediaState &&
      !sameMediaState(self.mediaState, outcome.previousMediaState)
    ) {
      this.broadcastMedia(request.callId, self.userId, self.mediaState, others)
    }
  }

  private async leaveCall(socket: SignalingSocket, payload: unknown): Promise<void> {
    const { callId } = this.parse(leaveCallSchema, payload)
    socket.data.calls.delete(callId)
    const removed = await this.removeFromCall(socket.id, socket.data.user.id, callId, 'left')
    if (!removed) throw new SignalingError('NOT_IN_CALL', 'You are not in this call', { callId })
  }

  private async relaySdp(
    socket: SignalingSocket,
    event: typeof ClientEvent.offer | typeof ClientEvent.answer,
    payload: unknown,
  ): Promise<void> {
    const request = this.parse(offerRequestSchema, payload)
    const targetSocketId = await this.route(socket, request.callId, request.toUserId)
    const relayed: RelayedOffer = {
      callId: request.callId,
      fromUserId: socket.data.user.id,
      toUserId: request.toUserId,
      sdp: request.sdp,
    }
    this.sendToOne(targetSocketId, event, relayed)
  }

  private async relayCandidate(socket: SignalingSocket, payload: unknown): Promise<void> {
    const request = this.parse(candidateRequestSchema, payload)
    const targetSocketId = await this.route(socket, request.callId, request.toUserId)
    const relayed: RelayedCandidate = {
      callId: request.callId,
      fromUserId: socket.data.user.id,
      toUserId: request.toUserId,
      candidate: request.candidate,
    }
    this.sendToOne(targetSocketId, ServerEvent.candidate, relayed)
  }

  private async route(socket: SignalingSocket, callId: string, toUserId: string): Promise<string> {
    const outcome = await this.options.registry.route(
      callId,
      socket.data.user.id,
      socket.id,
      toUserId,
    )
    if (outcome.kind === 'not-in-call') {
      throw new SignalingError('NOT_IN_CALL', 'You are not in this call', { callId })
    }
    if (outcome.kind === 'peer-not-found') {
      throw new SignalingError('PEER_NOT_FOUND', 'That user is not in this call', {
        callId,
        toUserId,
      })
    }
    return outcome.socketId
  }

  private async toggle<S extends z.ZodType<{ callId: string }>>(
    socket: SignalingSocket,
    _event: ClientEventName,
    schema: S,
    payload: unknown,
    patch: (request: z.infer<S>) => Partial<MediaState>,
  ): Promise<void> {
    const request = this.parse(schema, payload)
    const outcome = await this.options.registry.updateMedia(
      request.callId,
      socket.data.user.id,
      socket.id,
      patch(request),
    )
    if (outcome.kind === 'not-in-call') {
      throw new SignalingError('NOT_IN_CALL', 'You are not in this call', {
        callId: request.callId,
      })
    }
    this.broadcastMedia(request.callId, socket.data.user.id, outcome.mediaState, outcome.others)
  }

  private broadcastMedia(
    callId: string,
    userId: string,
    mediaState: MediaState,
    to: CallMember[],
  ): void {
    const update: MediaUpdated = { callId, userId, mediaState }
    this.emitTo(to, ServerEvent.mediaUpdated, update)
  }

  /** Removes the seat if this socket holds it and tells the others; true when it did. */
  private async removeFromCall(
    socketId: string,
    userId: string,
    callId: string,
    reason: ParticipantLeftReason,
  ): Promise<boolean> {
    const outcome = await this.options.registry.leave(callId, userId, socketId)
    if (!outcome.removed) return false
    const left: ParticipantLeft = { callId, userId, reason }
    this.emitTo(outcome.remaining, ServerEvent.participantLeft, left)
    return true
  }

  private async cleanup(socket: SignalingSocket): Promise<void> {
    const calls = [...socket.data.calls]
    socket.data.calls.clear()
    for (const callId of calls) {
      try {
        await this.removeFromCall(socket.id, socket.data.user.id, callId, 'disconnected')
      } catch (error) {
        this.options.log(
          `signaling: cleanup of a call failed: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
  }

  private emitBounded(socket: SignalingSocket, event: string, payload: unknown): void {
    if (socket.disconnected) return
    const queued = queuedBytes(socket.conn)
    if (queued > this.options.sendQueueBytes) {
      this.options.log(
        `signaling: dropped a socket that stopped reading (${queued} bytes waiting for it)`,
      )
      dropSlowConsumer(socket)
      return
    }
    socket.emit(event, payload)
  }

  private emitTo(members: CallMember[], event: string, payload: unknown): void {
    if (members.length === 0) return
    this.sendTo(
      members.map((member) => member.socketId),
      event,
      payload,
    )
  }

  /**
   * Sockets on this node get the message directly; the rest go through the adapter (over Redis
   * when there are several nodes). Skipping the adapter for local sockets saves a publish per relay.
   */
  private sendToOne(socketId: string, event: string, payload: unknown): void {
    const socket = this.options.io.sockets.sockets.get(socketId)
    if (socket) this.emitBounded(socket, event, payload)
    else this.options.io.to(socketId).emit(event, payload)
  }

  private sendTo(socketIds: string[], event: string, payload: unknown): void {
    const local = this.options.io.sockets.sockets
    const remote: string[] = []
    for (const socketId of socketIds) {
      const socket = local.get(socketId)
      if (socket) this.emitBounded(socket, event, payload)
      else remote.push(socketId)
    }
    if (remote.length > 0) this.options.io.to(remote).emit(event, payload)
  }
}

/**
 * A socket that stops reading (a frozen tab, a dead link the heartbeat has not caught yet) would
 * otherwise collect everything relayed to it in this process's memory. Past the bound it is
 * dropped at once (see terminateConnection). Its call-mates hear participantLeft
 * 'disconnected'; a live client reconnects and rejoins.
 */
function dropSlowConsumer(socket: SignalingSocket): void {
  socket.disconnect(true)
  terminateConnection(socket.conn)
}

function toParticipant(member: CallMember): Participant {
  return {
    userId: member.userId,
    displayName: member.displayName,
    mediaState: { ...member.mediaState },
  }
}
