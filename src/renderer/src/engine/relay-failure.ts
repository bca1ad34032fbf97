/**
 * Why a relay-only link cannot get a relay, read from what ICE gathering reports: a TURN server
 * that answers 401 to Parley's authenticated request refused the credentials; one that never
 * answers (icecandidateerror 701, or gathering ends without any relay candidate) is unreachable.
 * Only relay-only links ask: with direct routes allowed, a missing relay is not a failure.
 */

export type RelayFailure = 'unreachable' | 'credentials'

/** STUN/TURN "Unauthorized": the long-term credentials were refused. */
const UNAUTHORIZED = 401
/** The browser's own code for a STUN/TURN server that could not be reached. */
const UNREACHABLE = 701

export class RelayFailureWatch {
  private refused = false
  private noAnswer = false
  private relayGathered = false
  private gatheringDone = false

  constructor(private relayOnly: boolean) {}

  /** A new gathering (ICE restart, new config): what the last one found no longer counts. */
  reset(relayOnly: boolean = this.relayOnly): void {
    this.relayOnly = relayOnly
    this.refused = false
    this.noAnswer = false
    this.relayGathered = false
    this.gatheringDone = false
  }

  /** An `icecandidateerror`; only errors from TURN servers (turn:/turns: URLs) count. */
  candidateError(errorCode: number, url: string): void {
    if (!/^turns?:/i.test(url)) return
    if (errorCode === UNAUTHORIZED) this.refused = true
    else if (errorCode === UNREACHABLE) this.noAnswer = true
  }

  /** A local candidate was gathered; `type` is RTCIceCandidate.type. */
  candidate(type: string | null | undefined): void {
    if (type === 'relay') this.relayGathered = true
  }

  gatheringComplete(): void {
    this.gatheringDone = true
  }

  /** The cause, once known; null while a relay may still come, or when there is one. */
  get failure(): RelayFailure | null {
    if (!this.relayOnly || this.relayGathered) return null
    if (this.refused) return 'credentials'
    if (this.noAnswer || this.gatheringDone) return 'unreachable'
    return null
  }
}
