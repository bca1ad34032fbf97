/**
 * Fuzz: thousands of malformed and oversized payloads, seeded so a failure can be replayed, thrown
 * at a participant's socket. The server must stay up, answer each one with rtc:error, and relay
 * none of them to the other participant. Valid payloads from someone outside the call must not be
 * relayed either, and frames past the transport limit or nested past the parser's depth may cost
 * their sender the connection, never the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  ClientEvent,
  candidateRequestSchema,
  joinCallSchema,
  leaveCallSchema,
  offerRequestSchema,
  pingSchema,
  toggleMuteSchema,
  toggleScreenShareSchema,
  toggleVideoSchema,
  type RtcError,
} from '../../src/shared/protocol'
import {
  closeAllClients,
  connectClient,
  joinCall,
  startTestServer,
  type TestClient,
  type TestServer,
} from './helpers'

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed)
const MESSAGES = 3000
const RELAYED = [
  'rtc:offer',
  'rtc:answer',
  'rtc:candidate',
  'rtc:mediaUpdated',
  'rtc:participantJoined',
]

const schemas: Record<string, z.ZodType> = {
  [ClientEvent.ping]: pingSchema,
  [ClientEvent.joinCall]: joinCallSchema,
  [ClientEvent.leaveCall]: leaveCallSchema,
  [ClientEvent.offer]: offerRequestSchema,
  [ClientEvent.answer]: offerRequestSchema,
  [ClientEvent.candidate]: candidateRequestSchema,
  [ClientEvent.toggleMute]: toggleMuteSchema,
  [ClientEvent.toggleVideo]: toggleVideoSchema,
  [ClientEvent.toggleScreenShare]: toggleScreenShareSchema,
}
const events = Object.keys(schemas)

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(next() * max)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  return { next, int, pick }
}

type Random = ReturnType<typeof prng>

const NASTY_STRINGS = [
  '',
  ' ',
  'a b',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
  'é'.repeat(40_000),
  '😀'.repeat(20_000),
  'x'.repeat(64 * 1024 + 1),
  'x'.repeat(129),
  '__proto__',
  'constructor',
  '{"callId":"c"}',
]

function randomString(random: Random): string {
  if (random.next() < 0.3) return random.pick(NASTY_STRINGS)
  const length = random.pick([0, 1, 5, 64, 129, 500, 5000, 70_000])
  const alphabet = 'abcXYZ019_-  .:/\\"\'\n\t{}[]éß中😀'
  let text = ''
  for (let i = 0; i < Math.min(length, 200); i++) text += alphabet[random.int(alphabet.length)]
  return length > 200 ? text.padEnd(length, text || 'x') : text
}

function randomValue(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 6 : 9)
  switch (kind) {
    case 0:
      return null
    case 1:
      return random.pick([true, false])
    case 2:
      return random.pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31])
    case 3:
    case 4:
      return randomString(random)
    case 5:
      return random.pick([{}, [], [null], { length: 1 }])
    case 6:
      return Array.from({ length: random.int(5) }, () => randomValue(random, depth + 1))
    default: {
      const object: Record<string, unknown> = {}
      const keys = [
        'callId',
        'toUserId',
        'sdp',
        'candidate',
        'muted',
        'enabled',
        'initialMediaState',
        '__proto__',
        'type',
        'x',
      ]
      for (let i = random.int(5); i > 0; i--)
        object[random.pick(keys)] = randomValue(random, depth + 1)
      return object
    }
  }
}

/** A valid payload for `event` with one or more fields broken. */
function corrupted(random: Random, event: string, callId: string, toUserId: string): unknown {
  const valid: Record<string, Record<string, unknown>> = {
    [ClientEvent.joinCall]: {
      callId,
      initialMediaState: { muted: false, videoEnabled: false, screenSharing: false },
    },
    [ClientEvent.leaveCall]: { callId },
    [ClientEvent.offer]: { callId, toUserId, sdp: 'v=0' },
    [ClientEvent.answer]: { callId, toUserId, sdp: { type: 'answer', sdp: 'v=0' } },
    [ClientEvent.candidate]: {
      callId,
      toUserId,
      candidate: {
        candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      },
    },
    [ClientEvent.toggleMute]: { callId, muted: true },
    [ClientEvent.toggleVideo]: { callId, enabled: true },
    [ClientEvent.toggleScreenShare]: { callId, enabled: false },
    [ClientEvent.ping]: {},
  }
  const payload: Record<string, unknown> = structuredClone(valid[event] ?? {})
  const keys = Object.keys(payload)
  for (let i = 1 + random.int(2); i > 0 && keys.length > 0; i--) {
    const key = random.pick(keys)
    const action = random.int(4)
    if (action === 0) Reflect.deleteProperty(payload, key)
    else if (action === 1) payload[key] = randomValue(random)
    else if (action === 2 && typeof payload[key] === 'object' && payload[key] !== null) {
      const inner = payload[key] as Record<string, unknown>
      const innerKey = random.pick([...Object.keys(inner), 'sdp', 'candidate', 'muted'])
      inner[innerKey] = randomValue(random)
    } else payload[key] = randomString(random)
  }
  return payload
}

/** What the server will see: the JSON round trip Socket.IO applies. */
function overTheWire(value: unknown): unknown {
  const text = JSON.stringify(value)
  return text === undefined ? null : (JSON.parse(text) as unknown)
}

let server: TestServer
let sender: TestClient
let receiver: TestClient
let outsider: TestClient
const callId = 'fuzz-call'

beforeAll(async () => {
  // The rate limit is not under test here: every message must reach validation.
  server = await startTestServer({
    SOCKET_RATE_LIMIT_BURST: '1000000',
    SOCKET_RATE_LIMIT_PER_SECOND: '1000000',
  })
  sender = await connectClient(server.url, 'Sender')
  receiver = await connectClient(server.url, 'Receiver')
  outsider = await connectClient(server.url, 'Outsider')
  await joinCall(sender, callId)
  await joinCall(receiver, callId)
})
afterAll(async () => {
  closeAllClients()
  await server.close()
})

describe('fuzz', () => {
  it(`answers ${MESSAGES} malformed payloads with rtc:error and relays none (seed ${SEED})`, async () => {
    const random = prng(SEED)
    const sent: { event: string; payload: unknown }[] = []
    while (sent.length < MESSAGES) {
      const event = random.pick(events)
      const raw =
        random.next() < 0.5
          ? corrupted(random, event, callId, receiver.userId)
          : randomValue(random)
      const payload = overTheWire(raw)
      // Frames past the transport limit close the connection; they have their own test below.
      if (Buffer.byteLength(JSON.stringify(payload)) > 100 * 1024) continue
      // Keep only what the protocol calls invalid; the odd valid one the generator makes is skipped.
      // A bare ping arrives as null and counts as `{}`.
      if (event === ClientEvent.ping && payload === null) continue
      if (schemas[event]?.safeParse(payload).success) continue
      sent.push({ event, payload })
    }
    // Binary attachments are never valid payloads.
    for (let i = 0; i < 20; i++)
      sent.push({ event: random.pick(events), payload: Buffer.alloc(random.int(2048)) })

    for (const { event, payload } of sent) sender.socket.emit(event, payload)
    // Extra arguments and unknown events change nothing.
    sender.socket.emit(ClientEvent.offer, { callId }, 'extra', 42)
    sender.socket.emit('rtc:unknown', { callId, toUserId: receiver.userId, sdp: 'v=0' })
    await sender.sync()
    await receiver.sync()

    const errors = sender.eventsNamed('rtc:error') as RtcError[]
    expect(errors).toHaveLength(sent.length + 1)
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['INVALID_PAYLOAD']))
    for (const event of RELAYED) expect(receiver.eventsNamed(event)).toEqual([])
  })

  it('relays nothing that someone outside the call sends, however valid', async () => {
    const random = prng(SEED + 1)
    for (let i = 0; i < 500; i++) {
      const event = random.pick([
        ClientEvent.offer,
        ClientEvent.answer,
        ClientEvent.candidate,
        ClientEvent.toggleMute,
      ])
      const payload =
        event === ClientEvent.candidate
          ? { callId, toUserId: receiver.userId, candidate: { candidate: `c${i}` } }
          : event === ClientEvent.toggleMute
            ? { callId, muted: random.next() < 0.5 }
            : { callId, toUserId: receiver.userId, sdp: `v=0 ${i}` }
      outsider.socket.emit(event, payload)
    }
    await outsider.sync()
    await receiver.sync()
    const errors = outsider.eventsNamed('rtc:error') as RtcError[]
    expect(errors).toHaveLength(500)
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['NOT_IN_CALL']))
    for (const event of RELAYED) expect(receiver.eventsNamed(event)).toEqual([])
  })

  it('answers an oversized payload within the transport limit with INVALID_PAYLOAD', async () => {
    const error = sender.waitFor<RtcError>(
      'rtc:error',
      (e) => (e.details as { event?: string }).event === ClientEvent.offer,
    )
    sender.socket.emit(ClientEvent.offer, {
      callId,
      toUserId: receiver.userId,
      sdp: 'x'.repeat(900 * 1000),
    })
    expect((await error).code).toBe('INVALID_PAYLOAD')
    expect(sender.socket.connected).toBe(true)
    await receiver.sync()
    expect(receiver.eventsNamed('rtc:offer')).toEqual([])
  })

  it('survives frames past the transport limit and absurd nesting, and keeps serving the call', async () => {
    const attackers = await Promise.all(
      [0, 1, 2, 3].map((i) => connectClient(server.url, `Attacker ${i}`)),
    )
    const closed = attackers.map(
      (attacker) => new Promise((resolve) => attacker.socket.once('disconnect', resolve)),
    )
    const [big, bigger, nested, binary] = attackers
    big?.socket.emit(ClientEvent.offer, {
      callId,
      toUserId: receiver.userId,
      sdp: 'x'.repeat(1536 * 1024),
    })
    bigger?.socket.emit(ClientEvent.ping, { pad: 'y'.repeat(3 * 1024 * 1024) })
    // Deep enough to exhaust a recursive parser's stack, small enough to pass the size limit.
    // Written as a raw Socket.IO packet: the client library itself cannot encode it.
    const depth = 60_000
    const raw = `42["${ClientEvent.offer}",${'['.repeat(depth)}"v=0"${']'.repeat(depth)}]`
    nested?.socket.io.engine.write(raw)
    binary?.socket.emit(ClientEvent.offer, Buffer.alloc(1024 * 1024))
    await Promise.all(closed.slice(0, 2))
    // The nested and binary frames may be refused with an error or with a disconnect; either way
    // the server stays up and the call still works.
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    sender.socket.emit(ClientEvent.offer, {
      callId,
      toUserId: receiver.userId,
      sdp: 'v=0 still here',
    })
    const offer = await receiver.waitFor<{ sdp: string; fromUserId: string }>('rtc:offer')
    expect(offer).toMatchObject({ sdp: 'v=0 still here', fromUserId: sender.userId })
    expect(receiver.eventsNamed('rtc:offer')).toHaveLength(1)
  })
})
