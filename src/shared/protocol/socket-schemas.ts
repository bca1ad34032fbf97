/**
 * Zod schemas for every Socket.IO payload of PROTOCOL.md. The server parses what clients send
 * with the client-to-server schemas; the client parses what the server sends with the
 * server-to-client ones. Unknown extra fields are tolerated (and stripped) on both sides.
 */
import { z } from 'zod'
import { ERROR_CODES } from './error-codes'
import {
  CALL_ID_PATTERN,
  MAX_CANDIDATE_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_SDP_BYTES,
  MAX_USER_ID_LENGTH,
} from './limits'

export const callIdSchema = z
  .string()
  .regex(CALL_ID_PATTERN, 'callId must be 1-128 characters of A-Z, a-z, 0-9, _ and -')
export const userIdSchema = z.string().min(1).max(MAX_USER_ID_LENGTH)

/** SDP text; the byte limit is checked on the UTF-8 length, not on UTF-16 code units. */
const sdpTextSchema = z
  .string()
  .min(1)
  .refine((sdp) => utf8Length(sdp) <= MAX_SDP_BYTES, `SDP must be at most ${MAX_SDP_BYTES} bytes`)

/**
 * The protocol says `sdp` without fixing its form. Parley sends the SDP text; a backend or peer
 * that sends an `RTCSessionDescriptionInit`-shaped object is understood too.
 */
export const sdpSchema = z.union([
  sdpTextSchema,
  z.object({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: sdpTextSchema }),
])

const candidateLineSchema = z.string().max(MAX_CANDIDATE_LENGTH)

/** The `RTCIceCandidateInit` object, as `RTCIceCandidate.toJSON()` gives it. */
export const iceCandidateInitSchema = z.object({
  // Absent or "" is the end of candidates, as in the WebRTC API.
  candidate: candidateLineSchema.optional(),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
})

/**
 * PROTOCOL.md sends the `RTCIceCandidateInit` object. Clients written from other examples send the
 * bare `candidate:...` line, or null / "" for the end of candidates: all are understood.
 */
export const iceCandidateSchema = z.union([iceCandidateInitSchema, candidateLineSchema, z.null()])

export const mediaStateSchema = z.object({
  muted: z.boolean(),
  videoEnabled: z.boolean(),
  screenSharing: z.boolean(),
})

export const participantSchema = z.object({
  userId: userIdSchema,
  displayName: z.string().max(MAX_DISPLAY_NAME_LENGTH).optional(),
  mediaState: mediaStateSchema,
})

// Client -> server
export const pingSchema = z.record(z.string(), z.unknown())
export const joinCallSchema = z.object({
  callId: callIdSchema,
  initialMediaState: mediaStateSchema.optional(),
})
export const leaveCallSchema = z.object({ callId: callIdSchema })
export const offerRequestSchema = z.object({
  callId: callIdSchema,
  toUserId: userIdSchema,
  sdp: sdpSchema,
})
export const answerRequestSchema = offerRequestSchema
export const candidateRequestSchema = z.object({
  callId: callIdSchema,
  toUserId: userIdSchema,
  candidate: iceCandidateSchema,
})
export const toggleMuteSchema = z.object({ callId: callIdSchema, muted: z.boolean() })
export const toggleVideoSchema = z.object({ callId: callIdSchema, enabled: z.boolean() })
export const toggleScreenShareSchema = z.object({ callId: callIdSchema, enabled: z.boolean() })

// Server -> client
export const pongSchema = z.object({
  ts: z.number(),
  rtc: z.object({ maxParticipants: z.number().int().positive() }),
  echo: z.unknown(),
  /**
   * This project's addition: true when the server hands a user's seat in a call over to their
   * newest connection (a second connection joining takes the seat; nobody hears a leave or a join).
   * PROTOCOL.md does not define that, so a client assumes it only when told; anything but `true`
   * means no.
   */
  seatHandover: z.boolean().optional().catch(undefined),
})
export const callStartedSchema = z.object({
  callId: callIdSchema,
  participants: z.array(participantSchema),
})
export const participantJoinedSchema = z.object({
  callId: callIdSchema,
  userId: userIdSchema,
  displayName: z.string().max(MAX_DISPLAY_NAME_LENGTH).optional(),
  mediaState: mediaStateSchema,
})
/**
 * `reason` is this server's addition (PROTOCOL.md has only callId and userId): 'left' after an
 * rtc:leaveCall or a join of another call, 'disconnected' when the connection dropped. Clients
 * must work without it; an unknown reason is dropped rather than failing the whole event.
 */
export const PARTICIPANT_LEFT_REASONS = ['left', 'disconnected'] as const
export const participantLeftSchema = z.object({
  callId: callIdSchema,
  userId: userIdSchema,
  reason: z.enum(PARTICIPANT_LEFT_REASONS).optional().catch(undefined),
})
export const relayedOfferSchema = z.object({
  callId: callIdSchema,
  fromUserId: userIdSchema,
  toUserId: userIdSchema,
  sdp: sdpSchema,
})
export const relayedAnswerSchema = relayedOfferSchema
export const relayedCandidateSchema = z.object({
  callId: callIdSchema,
  fromUserId: userIdSchema,
  toUserId: userIdSchema,
  candidate: iceCandidateSchema,
})
export const mediaUpdatedSchema = z.object({
  callId: callIdSchema,
  userId: userIdSchema,
  mediaState: mediaStateSchema,
})
export const rtcErrorSchema = z.object({
  // A backend may send a code this client does not know yet; keep it rather than drop the error.
  code: z.union([z.enum(ERROR_CODES), z.string().max(64)]),
  message: z.string().max(1024),
  details: z.unknown().optional(),
})

export type MediaState = z.infer<typeof mediaStateSchema>
export type Participant = z.infer<typeof participantSchema>
export type IceCandidate = z.infer<typeof iceCandidateSchema>
export type Sdp = z.infer<typeof sdpSchema>
export type JoinCallRequest = z.infer<typeof joinCallSchema>
export type LeaveCallRequest = z.infer<typeof leaveCallSchema>
export type OfferRequest = z.infer<typeof offerRequestSchema>
export type AnswerRequest = z.infer<typeof answerRequestSchema>
export type CandidateRequest = z.infer<typeof candidateRequestSchema>
export type ToggleMuteRequest = z.infer<typeof toggleMuteSchema>
export type ToggleVideoRequest = z.infer<typeof toggleVideoSchema>
export type ToggleScreenShareRequest = z.infer<typeof toggleScreenShareSchema>
export type Pong = z.infer<typeof pongSchema>
export type CallStarted = z.infer<typeof callStartedSchema>
export type ParticipantJoined = z.infer<typeof participantJoinedSchema>
export type ParticipantLeft = z.infer<typeof participantLeftSchema>
export type ParticipantLeftReason = (typeof PARTICIPANT_LEFT_REASONS)[number]
export type RelayedOffer = z.infer<typeof relayedOfferSchema>
export type RelayedAnswer = z.infer<typeof relayedAnswerSchema>
export type RelayedCandidate = z.infer<typeof relayedCandidateSchema>
export type MediaUpdated = z.infer<typeof mediaUpdatedSchema>
export type RtcError = z.infer<typeof rtcErrorSchema>

/** Normalises either accepted `sdp` form to the SDP text. */
export function sdpText(sdp: Sdp): string {
  return typeof sdp === 'string' ? sdp : sdp.sdp
}

function utf8Length(text: string): number {
  // Counted by hand so this module needs neither node:buffer nor TextEncoder typings.
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
