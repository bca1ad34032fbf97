/**
 * Parley's in-call messages: what travels between two Parleys on the "parley" data channel of
 * their link (chat, hands, reactions, recording notices). Every message from a peer is untrusted:
 * it is measured, JSON-parsed and checked against these schemas before anything else sees it.
 * A message of a kind this version does not know is ignored, so newer Parleys can add kinds.
 */
import { z } from 'zod'

/** The label of the one ordered data channel per link. */
export const IN_CALL_CHANNEL_LABEL = 'parley'
/** Raised when a message's meaning changes incompatibly; a peer on another version is told apart. */
export const IN_CALL_PROTOCOL_VERSION = 1
/**
 * One message on the wire, in UTF-8 bytes: larger ones are dropped unread. Room for the longest
 * chat message in any script (2,000 UTF-16 units are at most 6,000 UTF-8 bytes) and its envelope.
 */
export const MAX_IN_CALL_MESSAGE_BYTES = 8 * 1024
export const MAX_CHAT_LENGTH = 2_000
/** The reactions offered; anything else is refused, so a tile never floats arbitrary text. */
/** Beyond any screen's side in device pixels: a larger view is a broken or hostile peer. */
export const MAX_VIEW_PIXELS = 16_384
export const REACTION_EMOJI = ['👍', '👏', '😂', '❤️', '🎉', '😮'] as const

const helloSchema = z.object({
  kind: z.literal('hello'),
  v: z.number().int().min(1),
  app: z.string().min(1).max(64),
})

const chatSchema = z.object({
  kind: z.literal('chat'),
  /** Chosen by the sender; with the sender's id it names the message. */
  id: z.string().min(1).max(64),
  text: z
    .string()
    .max(MAX_CHAT_LENGTH)
    .refine((text) => text.trim().length > 0, 'A chat message has text'),
  /** The sender's clock, ms since the epoch; shown as the message's time. */
  sentAt: z.number().int().nonnegative(),
})

const handSchema = z.object({
  kind: z.literal('hand'),
  raised: z.boolean(),
  /** The sender's clock when the hand went up or down. */
  at: z.number().int().nonnegative(),
})

const reactionSchema = z.object({
  kind: z.literal('reaction'),
  emoji: z.enum(REACTION_EMOJI),
})

const recordingSchema = z.object({
  kind: z.literal('recording'),
  active: z.boolean(),
})

/**
 * The sender's estimate of what its uplink carries to this receiver (kbit/s), while it sends
 * video: a receiver cannot measure that itself, and a narrow uplink the sender's bandwidth
 * estimate adapted to shows neither loss nor delay on the receiving side.
 */
const uplinkSchema = z.object({
  kind: z.literal('uplink'),
  availableKbps: z.number().int().min(0).max(100_000_000).nullable(),
})

/**
 * How large the receiver shows the sender's camera, in device pixels (0 x 0: not shown at all):
 * the sender sends no more than that, so neither end encodes or decodes pixels nobody sees.
 */
const viewSchema = z.object({
  kind: z.literal('view'),
  width: z.number().int().min(0).max(MAX_VIEW_PIXELS),
  height: z.number().int().min(0).max(MAX_VIEW_PIXELS),
})

export const inCallMessageSchema = z.discriminatedUnion('kind', [
  helloSchema,
  chatSchema,
  handSchema,
  reactionSchema,
  recordingSchema,
  uplinkSchema,
  viewSchema,
])

export type InCallMessage = z.infer<typeof inCallMessageSchema>
export type ChatMessage = z.infer<typeof chatSchema>
export type ViewMessage = z.infer<typeof viewSchema>
export type ReactionEmoji = (typeof REACTION_EMOJI)[number]

const KNOWN_KINDS: ReadonlySet<string> = new Set([
  'hello',
  'chat',
  'hand',
  'reaction',
  'recording',
  'uplink',
  'view',
])

export type ParsedInCallMessage =
  | { ok: true; message: InCallMessage }
  /** A kind from a newer Parley: not an error, just nothing for us. */
  | { ok: false; ignored: true }
  | { ok: false; ignored: false; error: string }

const encoder = new TextEncoder()

export function byteLength(text: string): number {
  return encoder.encode(text).length
}

/** Reads one message as it came off the channel: text only, bounded, JSON, a known shape. */
export function parseInCallMessage(data: unknown): ParsedInCallMessage {
  if (typeof data !== 'string') return { ok: false, ignored: false, error: 'not a text message' }
  // Cheap bound first: a string of more UTF-16 units than allowed bytes is too big either way.
  if (data.length > MAX_IN_CALL_MESSAGE_BYTES || byteLength(data) > MAX_IN_CALL_MESSAGE_BYTES) {
    return { ok: false, ignored: false, error: 'message too large' }
  }
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return { ok: false, ignored: false, error: 'not JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, ignored: false, error: 'not an object' }
  }
  const kind = (value as Record<string, unknown>).kind
  if (typeof kind !== 'string') return { ok: false, ignored: false, error: 'no kind' }
  if (!KNOWN_KINDS.has(kind)) return { ok: false, ignored: true }
  const parsed = inCallMessageSchema.safeParse(value)
  if (!parsed.success) {
    return { ok: false, ignored: false, error: `bad ${kind} message` }
  }
  return { ok: true, message: parsed.data }
}

/** The wire form of one of our own messages; null when it would break the limits. */
export function encodeInCallMessage(message: InCallMessage): string | null {
  const checked = inCallMessageSchema.safeParse(message)
  if (!checked.success) return null
  const text = JSON.stringify(checked.data)
  return byteLength(text) > MAX_IN_CALL_MESSAGE_BYTES ? null : text
}
