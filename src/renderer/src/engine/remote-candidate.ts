/**
 * Remote ICE candidates in every form a peer may send them (PROTOCOL.md's RTCIceCandidateInit
 * object, a bare `candidate:` line, null or "" for the end of candidates, an index without a mid),
 * turned into what `addIceCandidate` accepts. Parsed by the shared schema before they get here.
 */
import type { IceCandidate } from '../../../shared/protocol'

/** Null: the end of candidates, which needs no action (ICE finishes on what it has). */
export function toCandidateInit(candidate: IceCandidate): RTCIceCandidateInit | null {
  if (candidate === null) return null
  if (typeof candidate === 'string') {
    const line = stripAttributePrefix(candidate.trim())
    // Every section is bundled on the first one's transport, so its index places a bare line.
    return line === '' ? null : { candidate: line, sdpMLineIndex: 0 }
  }
  const line = stripAttributePrefix((candidate.candidate ?? '').trim())
  if (line === '') return null
  const init: RTCIceCandidateInit = { candidate: line }
  if (candidate.sdpMid != null) init.sdpMid = candidate.sdpMid
  if (candidate.sdpMLineIndex != null) init.sdpMLineIndex = candidate.sdpMLineIndex
  // A candidate must name its section somehow; without either, the bundled first one is it.
  if (init.sdpMid === undefined && init.sdpMLineIndex === undefined) init.sdpMLineIndex = 0
  if (candidate.usernameFragment != null) init.usernameFragment = candidate.usernameFragment
  return init
}

/** Some stacks send the SDP attribute line (`a=candidate:...`) rather than its value. */
function stripAttributePrefix(line: string): string {
  return line.startsWith('a=') ? line.slice(2) : line
}
