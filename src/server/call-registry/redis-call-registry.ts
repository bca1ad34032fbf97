/**
 * Call membership shared by every node through Redis: one hash per call (userId -> member JSON).
 * Join, leave and media updates are Lua scripts, so each check-and-change is one atomic step
 * across all nodes; that is what keeps the cap exact when nodes take joins at the same moment.
 *
 * A node that dies without cleaning up would leave seats taken forever, so every member records
 * its node, each node keeps a short-lived heartbeat key, and a join first drops members whose
 * node's heartbeat has expired (their call-mates get participantLeft for them).
 */
import { z } from 'zod'
import { mediaStateSchema, type MediaState } from '../../shared/protocol'
import type { RedisClient } from '../redis-client'
import {
  DEFAULT_MEDIA_STATE,
  type CallMember,
  type CallRegistry,
  type JoinOutcome,
  type JoinRequest,
  type LeaveOutcome,
  type MediaUpdateOutcome,
  type RouteOutcome,
  type SweepOutcome,
} from './call-registry'

const storedMemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  mediaState: mediaStateSchema,
  socketId: z.string(),
  node: z.string(),
  order: z.number(),
})
type StoredMember = z.infer<typeof storedMemberSchema>

/** A call with no activity for a day is forgotten even if a crash left members behind. */
const CALL_TTL_SECONDS = 24 * 60 * 60
export const NODE_HEARTBEAT_SECONDS = 10
const NODE_TTL_SECONDS = 30

// Members are returned as one JSON array built by concatenation: cjson cannot tell an empty
// array from an empty object.
const MEMBERS_JSON = `
local function members_json(key)
  return '[' .. table.concat(redis.call('HVALS', key), ',') .. ']'
end
`

/** KEYS: call hash, sequence counter. ARGV: userId, member JSON, max, has media, ttl, node prefix. */
const JOIN_SCRIPT = `${MEMBERS_JSON}
local key = KEYS[1]
local stale = {}
for _, raw in ipairs(redis.call('HVALS', key)) do
  local member = cjson.decode(raw)
  if member.userId ~= ARGV[1] and redis.call('EXISTS', ARGV[6] .. member.node) == 0 then
    redis.call('HDEL', key, member.userId)
    table.insert(stale, member.userId)
  end
end
local incoming = cjson.decode(ARGV[2])
local existing_raw = redis.call('HGET', key, ARGV[1])
local previous_socket = ''
local previous_media = ''
if existing_raw then
  local existing = cjson.decode(existing_raw)
  previous_socket = existing.socketId
  previous_media = cjson.encode(existing.mediaState)
  existing.socketId = incoming.socketId
  existing.node = incoming.node
  existing.displayName = incoming.displayName
  if ARGV[4] == '1' then existing.mediaState = incoming.mediaState end
  redis.call('HSET', key, ARGV[1], cjson.encode(existing))
else
  if redis.call('HLEN', key) >= tonumber(ARGV[3]) then
    return { 'full', '', '', members_json(key), cjson.encode(stale) }
  end
  incoming.order = redis.call('INCR', KEYS[2])
  redis.call('HSET', key, ARGV[1], cjson.encode(incoming))
end
redis.call('EXPIRE', key, tonumber(ARGV[5]))
return { 'joined', previous_socket, previous_media, members_json(key), cjson.encode(stale) }
`

/** KEYS: call hash. ARGV: node key prefix. Drops members whose node's heartbeat has expired. */
const SWEEP_SCRIPT = `${MEMBERS_JSON}
local stale = {}
for _, raw in ipairs(redis.call('HVALS', KEYS[1])) do
  local member = cjson.decode(raw)
  if redis.call('EXISTS', ARGV[1] .. member.node) == 0 then
    redis.call('HDEL', KEYS[1], member.userId)
    table.insert(stale, member.userId)
  end
end
return { cjson.encode(stale), members_json(KEYS[1]) }
`

/** KEYS: call hash. ARGV: userId, socketId. */
const LEAVE_SCRIPT = `${MEMBERS_JSON}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if raw and cjson.decode(raw).socketId == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return { 'removed', members_json(KEYS[1]) }
end
return { 'kept', members_json(KEYS[1]) }
`

/** KEYS: call hash. ARGV: userId, socketId, media patch JSON. */
const MEDIA_SCRIPT = `${MEMBERS_JSON}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return { 'not-in-call' } end
local member = cjson.decode(raw)
if member.socketId ~= ARGV[2] then return { 'not-in-call' } end
for field, value in pairs(cjson.decode(ARGV[3])) do member.mediaState[field] = value end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(member))
return { 'ok', members_json(KEYS[1]) }
`

const scriptReplySchema = z.array(z.string())

export class RedisCallRegistry implements CallRegistry {
  private readonly prefix: string
  private heartbeat: NodeJS.Timeout | null = null

  constructor(
    private readonly redis: RedisClient,
    private readonly nodeId: string,
    prefix = 'parley:',
  ) {
    this.prefix = prefix
  }

  /** Announces this node as alive, and keeps doing so until close(). */
  async start(): Promise<void> {
    await this.beat()
    this.heartbeat = setInterval(() => {
      this.beat().catch(() => {
        // Connection errors are logged by the client; the next beat tries again.
      })
    }, NODE_HEARTBEAT_SECONDS * 1000)
    this.heartbeat.unref()
  }

  private beat(): Promise<unknown> {
    return this.redis.set(this.nodeKey(this.nodeId), '1', {
      expiration: { type: 'EX', value: NODE_TTL_SECONDS },
    })
  }

  private nodeKey(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`
  }

  private callKey(callId: string): string {
    return `${this.prefix}call:${callId}`
  }

  async join(request: JoinRequest): Promise<JoinOutcome> {
    const incoming: Omit<StoredMember, 'order'> = {
      userId: request.userId,
      displayName: request.displayName,
      mediaState: request.mediaState ?? DEFAULT_MEDIA_STATE,
      socketId: request.socketId,
      node: this.nodeId,
    }
    const reply = scriptReplySchema.parse(
      await this.redis.eval(JOIN_SCRIPT, {
        keys: [this.callKey(request.callId), `${this.prefix}seq`],
        arguments: [
          request.userId,
          JSON.stringify(incoming),
          String(request.maxParticipants),
          request.mediaState ? '1' : '0',
          String(CALL_TTL_SECONDS),
          `${this.prefix}node:`,
        ],
      }),
    )
    const [status, previousSocket, previousMedia, membersJson, staleJson] = reply
    const members = parseMembers(membersJson)
    const droppedUserIds = parseStale(staleJson)
    if (status === 'full') return { kind: 'full', members, droppedUserIds }
    return {
      kind: 'joined',
      droppedUserIds,
      members,
      previousSocketId: previousSocket ? previousSocket : null,
      previousMediaState: previousMedia ? mediaStateSchema.parse(JSON.parse(previousMedia)) : null,
    }
  }

  async leave(callId: string, userId: string, socketId: string): Promise<LeaveOutcome> {
    const [status, membersJson] = scriptReplySchema.parse(
      await this.redis.eval(LEAVE_SCRIPT, {
        keys: [this.callKey(callId)],
        arguments: [userId, socketId],
      }),
    )
    return { removed: status === 'removed', remaining: parseMembers(membersJson) }
  }

  async route(
    callId: string,
    fromUserId: string,
    fromSocketId: string,
    toUserId: string,
  ): Promise<RouteOutcome> {
    // The hot path: one round trip, no script.
    const [fromRaw, toRaw] = await this.redis.hmGet(this.callKey(callId), [fromUserId, toUserId])
    const from = parseMember(fromRaw)
    if (from?.socketId !== fromSocketId) return { kind: 'not-in-call' }
    const to = parseMember(toRaw)
    if (!to || toUserId === fromUserId) return { kind: 'peer-not-found' }
    return { kind: 'ok', socketId: to.socketId }
  }

  async updateMedia(
    callId: string,
    userId: string,
    socketId: string,
    patch: Partial<MediaState>,
  ): Promise<MediaUpdateOutcome> {
    const [status, membersJson] = scriptReplySchema.parse(
      await this.redis.eval(MEDIA_SCRIPT, {
        keys: [this.callKey(callId)],
        arguments: [userId, socketId, JSON.stringify(patch)],
      }),
    )
    if (status !== 'ok') return { kind: 'not-in-call' }
    const members = parseMembers(membersJson)
    const self = members.find((member) => member.userId === userId)
    if (!self) return { kind: 'not-in-call' }
    return {
      kind: 'ok',
      mediaState: self.mediaState,
      others: members.filter((member) => member.userId !== userId),
    }
  }

  async sweep(callId: string): Promise<SweepOutcome> {
    const [staleJson, membersJson] = scriptReplySchema.parse(
      await this.redis.eval(SWEEP_SCRIPT, {
        keys: [this.callKey(callId)],
        arguments: [`${this.prefix}node:`],
      }),
    )
    return { droppedUserIds: parseStale(staleJson), remaining: parseMembers(membersJson) }
  }

  async members(callId: string): Promise<CallMember[]> {
    return parseMembers(`[${(await this.redis.hVals(this.callKey(callId))).join(',')}]`)
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
    if (this.redis.isOpen) await this.redis.del(this.nodeKey(this.nodeId))
  }
}

function parseMember(raw: string | null | undefined): StoredMember | null {
  if (raw === null || raw === undefined) return null
  const result = storedMemberSchema.safeParse(JSON.parse(raw))
  return result.success ? result.data : null
}

function parseMembers(json: string | undefined): CallMember[] {
  const stored = z.array(storedMemberSchema).parse(JSON.parse(json ?? '[]'))
  return stored
    .sort((a, b) => a.order - b.order)
    .map(({ userId, displayName, mediaState, socketId }) => ({
      userId,
      displayName,
      mediaState,
      socketId,
    }))
}

function parseStale(json: string | undefined): string[] {
  // cjson encodes an empty Lua table as {}.
  const parsed: unknown = JSON.parse(json ?? '[]')
  return Array.isArray(parsed) ? z.array(z.string()).parse(parsed) : []
}
