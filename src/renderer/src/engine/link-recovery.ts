/**
 * What a peer link does when it is not healthy: the decisions only, as a pure function, so the
 * rules that keep both ends from waiting on each other can be tested without a browser.
 *
 * Both sides act. The impolite side restarts ICE at once; the polite side gives it one rung to do
 * so and then restarts itself (a peer that is not Parley may never restart). A network change
 * known to this side (signaling reconnected, the `online` event) restarts at once on either side.
 * A link that never negotiated, or whose restarts did not help, is rebuilt while the participant's
 * rebuild budget lasts; after the ladder's last rung the link is declared failed.
 *
 * A new local address (a second uplink came up) restarts ICE even on a healthy link: the restart
 * checks paths over the new interface while the old one still works, so when the old one goes the
 * link moves over without waiting for signaling, which may be riding the dying path itself.
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
  /**
   * Signaling reconnected, the browser came back online, or a new local address appeared: the
   * path may have changed.
   */
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

/**
 * The address a local ICE candidate was gathered on, from its `candidate:` line: an IP address or
 * an mDNS name (one per local address, so a new name is a new address too). Null for relayed
 * candidates (the TURN server's address says nothing about our interfaces) and for lines that do
 * not parse.
 */
export function localCandidateAddress(candidateLine: string): string | null {
  const fields = candidateLine.replace(/^a=/, '').trim().split(/\s+/)
  // candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
  if (!fields[0]?.startsWith('candidate:') || fields[6] !== 'typ') return null
  const address = fields[4]
  const type = fields[7]
  if (!address || !type || type === 'relay') return null
  return address.toLowerCase()
}

/**
 * A restart made because the network changed helps only once the browser gathers on the new
 * network, and Chromium lists a new interface seconds after it came up (2-3 s on Linux): a
 * restart made before that gathers on the old addresses alone and is useless. One whose round
 * gathered on no address the link lacked when it was last healthy is known useless when its
 * gathering ends; the next restart is then made the moment the browser gathers on a new address
 * (it keeps gathering as networks appear) rather than on the ladder's clock, which would restart
 * blind again, or restart a link just as the new path starts to carry it. Bounded: a change that
 * brings no new address (the same Wi-Fi back) goes on up the ladder after this long.
 */
export const NEW_ADDRESS_WAIT_MS = 3_000

/**
 * Keeps the local addresses a link has gathered on and tells a new one from the first round: the
 * addresses found until gathering first completes are the link's own; one found later means the
 * machine joined another network. It also follows a restart's gathering round, to tell whether
 * the round found any address the link did not have when it was last healthy.
 */
export class LocalAddressWatch {
  private readonly known = new Set<string>()
  private settled = false
  /** The addresses gathered up to the moment the link was last healthy. */
  private healthyAddresses = new Set<string>()
  /** A restart's round is being gathered; true once it found an address beyond those. */
  private round: { foundNew: boolean } | null = null

  /** The link carries media: what it gathered so far is where it was healthy. */
  linkHealthy(): void {
    this.healthyAddresses = new Set(this.known)
    this.round = null
  }

  /**
   * A restart for a network change: its candidates are gathered from here to the null one. One
   * made while a round is still gathering (an offer sent again) joins that round.
   */
  restartStarted(): void {
    this.round = { foundNew: this.round?.foundNew ?? false }
  }

  /**
   * The end of a gathering round (the null candidate): later addresses are news. 'nothing-new'
   * when it ended a restart's round that found no address beyond where the link was healthy.
   */
  gatheringComplete(): 'nothing-new' | null {
    this.settled = true
    const round = this.round
    this.round = null
    return round && !round.foundNew ? 'nothing-new' : null
  }

  /**
   * Records the candidate's address; true when it is an address this link never saw, late.
   * `linkHealthy`: gathered while the link carried media, so it is an address where it was.
   */
  isNewAddress(candidateLine: string, linkHealthy = false): boolean {
    const address = localCandidateAddress(candidateLine)
    if (address === null) return false
    if (linkHealthy) this.healthyAddresses.add(address)
    if (this.round && !this.healthyAddresses.has(address)) this.round.foundNew = true
    if (this.known.has(address)) return false
    this.known.add(address)
    return this.settled
  }
}
