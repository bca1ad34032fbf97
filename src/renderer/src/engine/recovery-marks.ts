/**
 * User Timing marks along the way back after a network change, named `recovery:<event>` for the
 * signaling socket and `recovery:<event>:<remoteId>` for one peer link. Unlike the setup marks
 * (one of each), every occurrence is marked: bench:network reads them after a switched uplink and
 * prints each side's timeline, so a slow recovery says which step took the time. They happen a
 * few times per network change, never per packet, so the timeline stays small in a long call.
 */
export type RecoveryEvent =
  /** The socket to the server dropped, or was replaced because it stopped answering. */
  | 'socket-lost'
  | 'socket-check-failed'
  | 'socket-up'
  /** The socket was replaced on purpose just before its token expired. */
  | 'socket-renewal'
  /** callStarted again on a reconnected socket. */
  | 'rejoined'
  /** The browser said `online`, or the Network Information API said the network changed. */
  | 'network-change'
  | 'new-local-address'
  /** A restart for a network change gathered only where the link already was. */
  | 'gathered-nothing-new'
  /** A local candidate gathered (a restart's round, or a network the browser just listed). */
  | 'local-candidate'
  /** ICE moved the link onto another candidate pair (the ICE transport's own event). */
  | 'path-changed'
  | 'media-stalled'
  | 'restart-ice'
  | 'rebuild'
  | 'offer-sent'
  | 'offer-resent'
  | 'offer-received'
  | 'answer-sent'
  | 'answer-received'
  | 'ice-checking'
  | 'ice-connected'
  | 'ice-disconnected'
  | 'ice-failed'

export const RECOVERY_MARK_PREFIX = 'recovery:'

export function markRecovery(event: RecoveryEvent, remoteId?: string): void {
  performance.mark(`${RECOVERY_MARK_PREFIX}${event}${remoteId ? `:${remoteId}` : ''}`)
}
