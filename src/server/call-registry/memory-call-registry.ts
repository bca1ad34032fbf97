/**
 * The single-process registry. Each method does its check and its change synchronously, in one
 * turn of the event loop, which is what makes the cap atomic here.
 */
import type { MediaState } from '../../shared/protocol'
import {
  DEFAULT_MEDIA_STATE,
  type CallMember,
  type CallRegistry,
  type JoinOutcome,
  type JoinRequest,
  type LeaveOutcome,
  type MediaUpdateOutcome,
  type RouteOutcome,
} from './call-registry'

export class MemoryCallRegistry implements CallRegistry {
  /** callId -> userId -> member; Map keeps insertion order, which is join order. */
  private readonly calls = new Map<string, Map<string, CallMember>>()

  async join(request: JoinRequest): Promise<JoinOutcome> {
    let call = this.calls.get(request.callId)
    const existing = call?.get(request.userId)
    if (existing) {
      const previousSocketId = existing.socketId
      const previousMediaState = existing.mediaState
      existing.socketId = request.socketId
      existing.displayName = request.displayName
      if (request.mediaState) existing.mediaState = { ...request.mediaState }
      return {
        kind: 'joined',
        droppedUserIds: [],
        members: copyMembers(call),
        previousSocketId,
        previousMediaState,
      }
    }
    if (call && call.size >= request.maxParticipants) {
      return { kind: 'full', members: copyMembers(call), droppedUserIds: [] }
    }
    if (!call) {
      call = new Map()
      this.calls.set(request.callId, call)
    }
    call.set(request.userId, {
      userId: request.userId,
      displayName: request.displayName,
      mediaState: { ...(request.mediaState ?? DEFAULT_MEDIA_STATE) },
      socketId: request.socketId,
    })
    return {
      kind: 'joined',
      droppedUserIds: [],
      members: copyMembers(call),
      previousSocketId: null,
      previousMediaState: null,
    }
  }

  async leave(callId: string, userId: string, socketId: string): Promise<LeaveOutcome> {
    const call = this.calls.get(callId)
    const member = call?.get(userId)
    if (!call || !member || member.socketId !== socketId) {
      return { removed: false, remaining: copyMembers(call) }
    }
    call.delete(userId)
    // The call disappears with its last participant.
    if (call.size === 0) this.calls.delete(callId)
    return { removed: true, remaining: copyMembers(call) }
  }

  async route(
    callId: string,
    fromUserId: string,
    fromSocketId: string,
    toUserId: string,
  ): Promise<RouteOutcome> {
    const call = this.calls.get(callId)
    if (call?.get(fromUserId)?.socketId !== fromSocketId) return { kind: 'not-in-call' }
    const target = call.get(toUserId)
    if (!target || toUserId === fromUserId) return { kind: 'peer-not-found' }
    return { kind: 'ok', socketId: target.socketId }
  }

  async updateMedia(
    callId: string,
    userId: string,
    socketId: string,
    patch: Partial<MediaState>,
  ): Promise<MediaUpdateOutcome> {
    const call = this.calls.get(callId)
    const member = call?.get(userId)
    if (!call || !member || member.socketId !== socketId) return { kind: 'not-in-call' }
    member.mediaState = { ...member.mediaState, ...patch }
    const others = copyMembers(call).filter((other) => other.userId !== userId)
    return { kind: 'ok', mediaState: { ...member.mediaState }, others }
  }

  async members(callId: string): Promise<CallMember[]> {
    return copyMembers(this.calls.get(callId))
  }

  async close(): Promise<void> {
    this.calls.clear()
  }
}

function copyMembers(call: Map<string, CallMember> | undefined): CallMember[] {
  if (!call) return []
  return [...call.values()].map((member) => ({ ...member, mediaState: { ...member.mediaState } }))
}
