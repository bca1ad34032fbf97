/**
 * What a peer link does when it is not healthy: the decisions only, as a pure function, so the
 * rules that keep both ends from waiting on each other can be tested without a browser.
 *
 * Both sides act. The impolite side restarts ICE at once; the polite side gives it one rung to do
 * so and then restarts itself (a peer that is not Parley may never restart). A network change
 * known to this side (signaling reconnected, the `online` event) restarts at once on either side.
 * A link that never negotiated, or whose restarts did not help, is rebuilt while the participant's
 * rebuild budget lasts; after the ladder's last rung the link is declared failed.
 */
import { backoffPolicy, type RetryPolicy } from '../../../shared/retry-policy'

export type RecoveryCause =
  /** ICE said `disconnected` and did not heal within the debounce. */
  | 'disconnected'
  | 'failed'
  /** ICE says connected, but nothing has arrived for several seconds. */
  | 'no-media'
  /** Never connected within the first-connect watchdog. */
  | 'never-connected'
  /** Signaling reconnected or the browser came back online: the path may have changed. */
  | 'network-change'

export interface RecoveryInput {
  cause: RecoveryCause
  polite: boolean
  /** Rungs already tried since the link was last healthy. */
  attempt: number
  signalingUp: boolean
  /** A remote description was applied at least once: ICE restart is possible. */
  negotiated: boolean
  /** The participant's budget still allows a fresh connection. */
  canRebuild: boolean
}

export type RecoveryAction =
  'wait-for-signaling' | 'wait-for-remote' | 'restart-ice' | 'rebuild' | 'give-up'

export interface RecoveryDecision {
  action: RecoveryAction
  /** When to look again if the link is still not healthy; null after giving up. */
  checkAgainMs: number | null
}

export const recoveryPolicy: RetryPolicy = backoffPolicy([2_000, 4_000, 8_000, 16_000, 16_000])

/** Restarts on our side before a fresh connection is tried instead. */
const RESTARTS_BEFORE_REBUILD = 2

export function decideRecovery(
  input: RecoveryInput,
  policy: RetryPolicy = recoveryPolicy,
): RecoveryDecision {
  const checkAgainMs = policy.nextDelayMs(input.attempt)
  if (checkAgainMs === null) return { action: 'give-up', checkAgainMs: null }
  // Offers sent into a dead socket are lost: the engine calls again once signaling is back.
  if (!input.signalingUp) return { action: 'wait-for-signaling', checkAgainMs }
  if (!input.negotiated) {
    // No description ever came (our offer or theirs was lost): a fresh connection that offers.
    return { action: input.canRebuild ? 'rebuild' : 'wait-for-remote', checkAgainMs }
  }
  const urgent = input.cause === 'network-change'
  // The polite side's first rung leaves the restart to the impolite side (no glare), unless this
  // side knows the network changed: then waiting only costs time.
  if (input.polite && input.attempt === 0 && !urgent) {
    return { action: 'wait-for-remote', checkAgainMs }
  }
  const restartsTried = input.polite ? input.attempt - 1 : input.attempt
  if (restartsTried >= RESTARTS_BEFORE_REBUILD && input.canRebuild && !urgent) {
    return { action: 'rebuild', checkAgainMs }
  }
  return { action: 'restart-ice', checkAgainMs }
}
