/**
 * Who is in which call, behind one interface with an in-memory and a Redis implementation.
 * The registry is the single source of truth for membership: every rule (the cap, "only
 * participants signal", "only to participants of the same call", takeover by a newer
 * connection) is decided against it, never against per-node socket state, so several nodes
 * sharing one Redis agree.
 */
import type { MediaState } from '../../shared/protocol'

export interface CallMember {
  userId: string
  displayName: string
  mediaState: MediaState
  /** The connection that holds this user's seat; relays to the user go there. */
  socketId: string
}

export type JoinOutcome =
  | { kind: 'full'; members: CallMember[]; droppedUserIds: string[] }
  | {
      kind: 'joined'
      /**
       * Members the registry dropped on the way because the node holding them is gone (Redis
       * only); their call-mates should hear participantLeft for them.
       */
      droppedUserIds: string[]
      /** Everyone in the call after the join, the joiner included, in join order. */
      members: CallMember[]
      /**
       * null: a new participant. The joiner's own socket id: an idempotent re-join.
       * Another socket id: the user's seat moved from that connection to this one (takeover).
       */
      previousSocketId: string | null
      /** The joiner's media state before this join (takeover and re-join only). */
      previousMediaState: MediaState | null
    }

export type RouteOutcome =
  { kind: 'not-in-call' } | { kind: 'peer-not-found' } | { kind: 'ok'; socketId: string }

export interface LeaveOutcome {
  removed: boolean
  remaining: CallMember[]
}

export interface SweepOutcome {
  droppedUserIds: string[]
  remaining: CallMember[]
}

export type MediaUpdateOutcome =
  { kind: 'not-in-call' } | { kind: 'ok'; mediaState: MediaState; others: CallMember[] }

export interface JoinRequest {
  callId: string
  userId: string
  displayName: string
  socketId: string
  /** Absent: a new participant starts with everything off; a returning one keeps its state. */
  mediaState: MediaState | null
  maxParticipants: number
}

export interface CallRegistry {
  /** Atomic: check the cap and add the member in one step, so simultaneous joins never overshoot. */
  join(request: JoinRequest): Promise<JoinOutcome>
  /** Removes the member only when `socketId` still holds the seat (a replaced connection is a no-op). */
  leave(callId: string, userId: string, socketId: string): Promise<LeaveOutcome>
  /** Where to relay from one participant to another, after checking both are in the call. */
  route(
    callId: string,
    fromUserId: string,
    fromSocketId: string,
    toUserId: string,
  ): Promise<RouteOutcome>
  updateMedia(
    callId: string,
    userId: string,
    socketId: string,
    patch: Partial<MediaState>,
  ): Promise<MediaUpdateOutcome>
  members(callId: string): Promise<CallMember[]>
  /**
   * Shared registries only: drops the members of nodes that died without cleaning up, so their
   * call-mates can be told. A single process never has any.
   */
  sweep?(callId: string): Promise<SweepOutcome>
  close(): Promise<void>
}

export const DEFAULT_MEDIA_STATE: MediaState = Object.freeze({
  muted: false,
  videoEnabled: false,
  screenSharing: false,
})

export function sameMediaState(a: MediaState, b: MediaState): boolean {
  return (
    a.muted === b.muted && a.videoEnabled === b.videoEnabled && a.screenSharing === b.screenSharing
  )
}
