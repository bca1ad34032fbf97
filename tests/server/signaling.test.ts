import { SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  callStartedSchema,
  mediaUpdatedSchema,
  participantJoinedSchema,
  participantLeftSchema,
  pongSchema,
  relayedCandidateSchema,
  relayedOfferSchema,
  rtcErrorSchema,
  type RtcError,
} from '../../src/shared/protocol'
import {
  closeAllClients,
  connectClient,
  connectSocket,
  connectWithAuth,
  joinCall,
  login,
  raceJoins,
  startRedis,
  startTestServer,
  waitForError,
  type RedisProcess,
  type TestClient,
  type TestServer,
} from './helpers'

const SECRET = 'signaling-test-secret-0123456789abcdef'
let server: TestServer
let callCounter = 0
const nextCallId = () => `call-${++callCounter}`

// Every rule holds the same with the in-memory registry and with the Redis one.
describe.each(['memory', 'redis'] as const)('signaling (%s registry)', (registry) => {
  let redis: RedisProcess | null = null
  beforeAll(async () => {
    redis = registry === 'redis' ? await startRedis() : null
    server = await startTestServer({
      AUTH_SECRET: SECRET,
      ...(redis ? { REDIS_URL: redis.url } : {}),
    })
  })
  afterEach(() => closeAllClients())
  afterAll(async () => {
    await server.close()
    await redis?.stop()
  })

  async function inCall<N extends string[]>(
    callId: string,
    ...names: N
  ): Promise<{ [K in keyof N]: TestClient }> {
    const clients: TestClient[] = []
    for (const name of names) {
      const client = await connectClient(server.url, name)
      const others = clients.map((other) =>
        other.waitFor(
          'rtc:participantJoined',
          (p: { userId: string }) => p.userId === client.userId,
        ),
      )
      await joinCall(client, callId)
      await Promise.all(others)
      clients.push(client)
    }
    return clients as { [K in keyof N]: TestClient }
  }

  function handshakeError(token: unknown): Promise<{ message: string; data: unknown }> {
    const socket = connectSocket(server.url, token)
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.disconnect()
        reject(new Error('connected without a valid token'))
      })
      socket.once('connect_error', (error: Error & { data?: unknown }) => {
        socket.disconnect()
        resolve({ message: error.message, data: error.data })
      })
    })
  }

  describe('handshake', () => {
    it('refuses a connection without a token', async () => {
      const error = await handshakeError(undefined)
      expect(error.message).toBe('UNAUTHORIZED')
      expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', message: expect.any(String) })
    })

    it('refuses a forged, a refresh and an expired token', async () => {
      const auth = await login(server.url, 'Mallory')
      const forged = await new SignJWT({ name: 'x', typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer('parley')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-entirely-0123456789'))
      const expired = await new SignJWT({ name: 'x', typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer('parley')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(SECRET))
      for (const token of [forged, auth.refreshToken, expired, 'not-a-jwt', 42]) {
        const error = await handshakeError(token)
        expect(error.message).toBe('UNAUTHORIZED')
        expect(error.data).toMatchObject({ code: 'UNAUTHORIZED' })
      }
    })

    it('accepts a valid access token, with or without a Bearer prefix', async () => {
      const client = await connectClient(server.url, 'Ann')
      expect(client.socket.connected).toBe(true)
      const prefixed = connectSocket(server.url, `Bearer ${client.auth.accessToken}`)
      await new Promise<void>((resolve, reject) => {
        prefixed.once('connect', () => resolve())
        prefixed.once('connect_error', reject)
      })
      prefixed.disconnect()
    })
  })

  describe('rtc:ping', () => {
    it('answers rtc:pong with the server time, the cap and the echo', async () => {
      const client = await connectClient(server.url, 'Ann')
      const pong = client.waitFor('rtc:pong')
      client.socket.emit('rtc:ping', { hello: 'world', n: 1 })
      const parsed = pongSchema.parse(await pong)
      expect(parsed.rtc.maxParticipants).toBe(4)
      expect(parsed.echo).toEqual({ hello: 'world', n: 1 })
      expect(Math.abs(parsed.ts - Date.now())).toBeLessThan(60_000)
      // It says it hands a seat over to the user's newest connection (the takeover tests below).
      expect(parsed.seatHandover).toBe(true)
    })

    it('treats a bare ping as {} and refuses a non-object', async () => {
      const client = await connectClient(server.url, 'Ann')
      const pong = client.waitFor('rtc:pong')
      client.socket.emit('rtc:ping')
      expect(pongSchema.parse(await pong).echo).toEqual({})
      const error = waitForError(client, 'rtc:ping', 'INVALID_PAYLOAD')
      client.socket.emit('rtc:ping', 'text')
      expect(rtcErrorSchema.parse(await error).code).toBe('INVALID_PAYLOAD')
    })
  })

  describe('rtc:joinCall', () => {
    it('sends callStarted to the joiner and participantJoined to the others', async () => {
      const callId = nextCallId()
      const ann = await connectClient(server.url, 'Ann')
      const first = callStartedSchema.parse(await joinCall(ann, callId))
      expect(first.participants).toEqual([
        {
          userId: ann.userId,
          displayName: 'Ann',
          mediaState: { muted: false, videoEnabled: false, screenSharing: false },
        },
      ])

      const bob = await connectClient(server.url, 'Bob')
      const joined = ann.waitFor('rtc:participantJoined')
      const mediaState = { muted: true, videoEnabled: true, screenSharing: false }
      const second = callStartedSchema.parse(await joinCall(bob, callId, mediaState))
      expect(second.participants.map((p) => p.userId)).toEqual([ann.userId, bob.userId])
      expect(participantJoinedSchema.parse(await joined)).toEqual({
        callId,
        userId: bob.userId,
        displayName: 'Bob',
        mediaState,
      })
      await bob.sync()
      expect(bob.eventsNamed('rtc:participantJoined')).toEqual([])
    })

    it('is idempotent on the same connection: callStarted again, nothing to the others', async () => {
      const callId = nextCallId()
      const [ann, bob] = await inCall(callId, 'Ann', 'Bob')
      const again = callStartedSchema.parse(await joinCall(bob, callId))
      expect(again.participants.map((p) => p.userId)).toEqual([ann.userId, bob.userId])
      await bob.sync()
      await ann.sync()
      expect(ann.eventsNamed('rtc:participantJoined')).toHaveLength(1)
      expect(ann.eventsNamed('rtc:participantLeft')).toHaveLength(0)
    })

    it('refuses a join past the cap with CALL_FULL and changes nothing', async () => {
      const callId = nextCallId()
      const members = await inCall(callId, 'A', 'B', 'C', 'D')
      const eve = await connectClient(server.url, 'Eve')
      const error = waitForError(eve, 'rtc:joinCall', 'CALL_FULL')
      eve.socket.emit('rtc:joinCall', { callId })
      expect((await error).details).toMatchObject({ event: 'rtc:joinCall', maxParticipants: 4 })
      for (const member of members) await member.sync()
      for (const member of members) {
        expect(
          member.eventsNamed('rtc:participantJoined').map((p) => (p as { userId: string }).userId),
        ).not.toContain(eve.userId)
      }
      // Eve is not a participant: her signaling is refused.
      const notIn = waitForError(eve, 'rtc:offer', 'NOT_IN_CALL')
      eve.socket.emit('rtc:offer', { callId, toUserId: members[0].userId, sdp: 'v=0' })
      await notIn
      // A seat freed by a leave can be taken.
      members[3].socket.emit('rtc:leaveCall', { callId })
      await members[0].waitFor('rtc:participantLeft')
      expect(callStartedSchema.parse(await joinCall(eve, callId)).participants).toHaveLength(4)
    })

    it('never overshoots the cap when many join at once', async () => {
      const callId = nextCallId()
      const clients = await Promise.all(
        Array.from({ length: 12 }, (_, i) => connectClient(server.url, `Racer ${i}`)),
      )
      const results = await raceJoins(clients, callId)
      expect(results.filter((r) => r === 'joined')).toHaveLength(4)
      expect(results.filter((r) => r === 'full')).toHaveLength(8)
    })

    it('refuses a bad callId or media state with INVALID_PAYLOAD', async () => {
      const client = await connectClient(server.url, 'Ann')
      for (const payload of [
        {},
        { callId: '' },
        { callId: 'has space' },
        { callId: 'x'.repeat(129) },
        { callId: 'ok', initialMediaState: { muted: 'yes' } },
        null,
        'call',
      ]) {
        const error = waitForError(client, 'rtc:joinCall', 'INVALID_PAYLOAD')
        client.socket.emit('rtc:joinCall', payload)
        const parsed = rtcErrorSchema.parse(await error)
        expect(parsed.message.length).toBeGreaterThan(0)
      }
    })

    it('accepts unknown extra fields', async () => {
      const client = await connectClient(server.url, 'Ann')
      const callId = nextCallId()
      const started = client.waitFor('rtc:callStarted')
      client.socket.emit('rtc:joinCall', { callId, extra: { anything: true } })
      expect(callStartedSchema.parse(await started).callId).toBe(callId)
    })
  })

  describe('same user from a second connection (takeover)', () => {
    it('moves the seat silently and tells only the old connection', async () => {
      const callId = nextCallId()
      const [ann, bob] = await inCall(callId, 'Ann', 'Bob')
      const bobAgain = await connectWithAuth(server.url, bob.auth)
      const replaced = waitForError(bob, 'rtc:joinCall', 'NOT_IN_CALL')
      const started = callStartedSchema.parse(await joinCall(bobAgain, callId))
      expect(started.participants.map((p) => p.userId)).toEqual([ann.userId, bob.userId])
      const error = await replaced
      expect(error.message).toBe('You joined this call from another connection')
      expect(error.details).toMatchObject({ reason: 'replaced', callId })

      // Relays to Bob now reach the new connection only.
      ann.socket.emit('rtc:offer', { callId, toUserId: bob.userId, sdp: 'v=0 takeover' })
      const offer = relayedOfferSchema.parse(await bobAgain.waitFor('rtc:offer'))
      expect(offer.fromUserId).toBe(ann.userId)
      await bob.sync()
      expect(bob.eventsNamed('rtc:offer')).toEqual([])

      // The old connection no longer signals in the call, and its disconnect changes nothing.
      const notIn = waitForError(bob, 'rtc:candidate', 'NOT_IN_CALL')
      bob.socket.emit('rtc:candidate', {
        callId,
        toUserId: ann.userId,
        candidate: { candidate: '' },
      })
      await notIn
      bob.close()
      await bobAgain.sync()
      await ann.sync()
      expect(ann.eventsNamed('rtc:participantLeft')).toEqual([])
      expect(ann.eventsNamed('rtc:participantJoined')).toHaveLength(1)

      // The new connection's disconnect is a real leave.
      const left = ann.waitFor('rtc:participantLeft')
      bobAgain.close()
      expect(participantLeftSchema.parse(await left)).toEqual({
        callId,
        userId: bob.userId,
        reason: 'disconnected',
      })
    })

    it('announces a changed media state from the new connection as mediaUpdated', async () => {
      const callId = nextCallId()
      const [ann, bob] = await inCall(callId, 'Ann', 'Bob')
      const bobAgain = await connectWithAuth(server.url, bob.auth)
      const updated = ann.waitFor('rtc:mediaUpdated')
      const mediaState = { muted: true, videoEnabled: false, screenSharing: false }
      await joinCall(bobAgain, callId, mediaState)
      expect(mediaUpdatedSchema.parse(await updated)).toEqual({
        callId,
        userId: bob.userId,
        mediaState,
      })
    })
  })

  describe('rtc:leaveCall and disconnect', () => {
    it('sends participantLeft to the rest and removes the call with its last participant', async () => {
      const callId = nextCallId()
      const [ann, bob] = await inCall(callId, 'Ann', 'Bob')
      const left = ann.waitFor('rtc:participantLeft')
      bob.socket.emit('rtc:leaveCall', { callId })
      expect(participantLeftSchema.parse(await left)).toEqual({
        callId,
        userId: bob.userId,
        reason: 'left',
      })
      ann.socket.emit('rtc:leaveCall', { callId })
      await ann.sync()
      // The call was empty and is gone: the next joiner is alone.
      const started = callStartedSchema.parse(await joinCall(bob, callId))
      expect(started.participants.map((p) => p.userId)).toEqual([bob.userId])
    })

    it('refuses leaving a call you are not in with NOT_IN_CALL', async () => {
      const client = await connectClient(server.url, 'Ann')
      const error = waitForError(client, 'rtc:leaveCall', 'NOT_IN_CALL')
      client.socket.emit('rtc:leaveCall', { callId: nextCallId() })
      await error
    })

    it('treats a disconnect as a leave', async () => {
      const callId = nextCallId()
      const [ann, bob, carol] = await inCall(callId, 'Ann', 'Bob', 'Carol')
      const leftAnn = ann.waitFor('rtc:participantLeft')
      const leftCarol = carol.waitFor('rtc:participantLeft')
      bob.close()
      expect(await leftAnn).toEqual({ callId, userId: bob.userId, reason: 'disconnected' })
      expect(await leftCarol).toEqual({ callId, userId: bob.userId, reason: 'disconnected' })
    })

    it('keeps a connection in one call: a join of another call leaves the one before', async () => {
      const callA = nextCallId()
      const callB = nextCallId()
      const ann = await connectClient(server.url, 'Ann')
      const bob = await connectClient(server.url, 'Bob')
      const carol = await connectClient(server.url, 'Carol')
      await joinCall(bob, callA)
      await joinCall(carol, callB)
      await joinCall(ann, callA)
      const leftA = bob.waitFor('rtc:participantLeft')
      const started = callStartedSchema.parse(await joinCall(ann, callB))
      expect(await leftA).toEqual({ callId: callA, userId: ann.userId, reason: 'left' })
      expect(started.participants.map((p) => p.userId).sort()).toEqual(
        [ann.userId, carol.userId].sort(),
      )
      // Ann no longer holds a seat in A: her signaling there is refused, and Bob is alone.
      const refused = waitForError(ann, 'rtc:offer', 'NOT_IN_CALL')
      ann.socket.emit('rtc:offer', { callId: callA, toUserId: bob.userId, sdp: 'v=0' })
      await refused
      const leftB = carol.waitFor('rtc:participantLeft')
      ann.close()
      expect(await leftB).toEqual({ callId: callB, userId: ann.userId, reason: 'disconnected' })
      await bob.sync()
      expect(bob.eventsNamed('rtc:participantLeft')).toHaveLength(1)
    })

    it('holds one seat however many calls one connection joins', async () => {
      const ann = await connectClient(server.url, 'Ann')
      const watcher = await connectClient(server.url, 'Watcher')
      const first = nextCallId()
      await joinCall(watcher, first)
      const calls = Array.from({ length: 60 }, () => nextCallId())
      // Sent back to back, as a flood would be; each join is handled in order.
      const last = calls.at(-1) ?? ''
      const lastStarted = ann.waitFor<{ callId: string }>(
        'rtc:callStarted',
        (p) => p.callId === last,
      )
      for (const callId of [first, ...calls]) ann.socket.emit('rtc:joinCall', { callId })
      await lastStarted
      await watcher.sync()
      // The watcher saw Ann arrive and leave again, once each, with the leave marked as such.
      expect(watcher.eventsNamed('rtc:participantJoined')).toHaveLength(1)
      expect(watcher.eventsNamed('rtc:participantLeft')).toEqual([
        { callId: first, userId: ann.userId, reason: 'left' },
      ])
      // Every call but the last is empty again: a newcomer to any of them is alone.
      for (const callId of [first, ...calls.slice(0, 5)]) {
        const probe = await connectClient(server.url, 'Probe')
        const started = callStartedSchema.parse(await joinCall(probe, callId))
        const expected = callId === first ? [watcher.userId, probe.userId] : [probe.userId]
        expect(started.participants.map((p) => p.userId).sort()).toEqual(expected.sort())
        probe.close()
      }
    })
  })

  describe('relays', () => {
    it('relays offers, answers and candidates to the named participant only', async () => {
      const callId = nextCallId()
      const [ann, bob, carol] = await inCall(callId, 'Ann', 'Bob', 'Carol')
      bob.socket.emit('rtc:offer', { callId, toUserId: ann.userId, sdp: 'v=0 offer', extra: 1 })
      expect(relayedOfferSchema.strict().parse(await ann.waitFor('rtc:offer'))).toEqual({
        callId,
        fromUserId: bob.userId,
        toUserId: ann.userId,
        sdp: 'v=0 offer',
      })
      const answerSdp = { type: 'answer', sdp: 'v=0 answer' }
      ann.socket.emit('rtc:answer', { callId, toUserId: bob.userId, sdp: answerSdp })
      expect(relayedOfferSchema.parse(await bob.waitFor('rtc:answer'))).toEqual({
        callId,
        fromUserId: ann.userId,
        toUserId: bob.userId,
        sdp: answerSdp,
      })
      const candidate = {
        candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
        usernameFragment: 'abcd',
      }
      bob.socket.emit('rtc:candidate', { callId, toUserId: ann.userId, candidate })
      expect(relayedCandidateSchema.parse(await ann.waitFor('rtc:candidate'))).toEqual({
        callId,
        fromUserId: bob.userId,
        toUserId: ann.userId,
        candidate,
      })
      await bob.sync()
      await carol.sync()
      expect(carol.eventsNamed('rtc:offer')).toEqual([])
      expect(carol.eventsNamed('rtc:answer')).toEqual([])
      expect(carol.eventsNamed('rtc:candidate')).toEqual([])
    })

    it('keeps the order of one sender’s messages', async () => {
      const callId = nextCallId()
      const [ann, bob] = await inCall(callId, 'Ann', 'Bob')
      const count = 50
      const last = bob.waitFor<{ candidate: { candidate: string } }>(
        'rtc:candidate',
        (p) => p.candidate.candidate === `c${count - 1}`,
      )
      for (let i = 0; i < count; i++) {
        ann.socket.emit('rtc:candidate', {
          callId,
          toUserId: bob.userId,
          candidate: { candidate: `c${i}` },
        })
      }
      await last
      expect(
        bob
          .eventsNamed('rtc:candidate')
          .map((p) => (p as { candidate: { candidate: string } }).candidate.candidate),
      ).toEqual(Array.from({ length: count }, (_, i) => `c${i}`))
    })

    it('refuses signaling from a non-participant with NOT_IN_CALL', async () => {
      const callId = nextCallId()
      const [ann] = await inCall(callId, 'Ann')
      const outsider = await connectClient(server.url, 'Outsider')
      for (const event of ['rtc:offer', 'rtc:answer']) {
        const error = waitForError(outsider, event, 'NOT_IN_CALL')
        outsider.socket.emit(event, { callId, toUserId: ann.userId, sdp: 'v=0' })
        await error
      }
      const error = waitForError(outsider, 'rtc:candidate', 'NOT_IN_CALL')
      outsider.socket.emit('rtc:candidate', {
        callId,
        toUserId: ann.userId,
        candidate: { candidate: '' },
      })
      await error
      await ann.sync()
      expect(ann.eventsNamed('rtc:offer')).toEqual([])
    })

    it('refuses a relay to someone outside the call with PEER_NOT_FOUND', async () => {
      const callA = nextCallId()
      const callB = nextCallId()
      const [ann] = await inCall(callA, 'Ann')
      const [bob] = await inCall(callB, 'Bob')
      const cases: [string, unknown][] = [
        ['rtc:offer', { callId: callA, toUserId: bob.userId, sdp: 'v=0' }],
        ['rtc:answer', { callId: callA, toUserId: 'nobody', sdp: 'v=0' }],
        ['rtc:candidate', { callId: callA, toUserId: bob.userId, candidate: { candidate: '' } }],
        ['rtc:offer', { callId: callA, toUserId: ann.userId, sdp: 'v=0' }],
      ]
      for (const [event, payload] of cases) {
        const error = waitForError(ann, event, 'PEER_NOT_FOUND')
        ann.socket.emit(event, payload)
        await error
      }
      await bob.sync()
      expect(bob.eventsNamed('rtc:offer')).toEqual([])
      expect(bob.eventsNamed('rtc:candidate')).toEqual([])
    })

    it('refuses invalid relays with INVALID_PAYLOAD and relays none of them', async () => {
      const callId = nextCallId()
      const [ann, bob] = await inCall(callId, 'Ann', 'Bob')
      const to = bob.userId
      const cases: [string, unknown][] = [
        ['rtc:offer', { callId, toUserId: to }],
        ['rtc:offer', { callId, toUserId: to, sdp: '' }],
        ['rtc:offer', { callId, toUserId: to, sdp: 'x'.repeat(64 * 1024 + 1) }],
        // 64 KiB of UTF-16 code units but more than 64 KiB of UTF-8.
        ['rtc:answer', { callId, toUserId: to, sdp: 'é'.repeat(40 * 1024) }],
        ['rtc:answer', { callId, toUserId: to, sdp: { type: 'bogus', sdp: 'v=0' } }],
        ['rtc:answer', { callId: 'bad id!', toUserId: to, sdp: 'v=0' }],
        ['rtc:candidate', { callId, toUserId: to, candidate: 42 }],
        ['rtc:candidate', { callId, toUserId: to, candidate: { candidate: 'x'.repeat(4097) } }],
        ['rtc:candidate', { callId, toUserId: '', candidate: { candidate: '' } }],
        [
          'rtc:candidate',
          { callId, toUserId: to, candidate: { candidate: '', sdpMLineIndex: -1 } },
        ],
      ]
      for (const [event, payload] of cases) {
        const error = waitForError(ann, event, 'INVALID_PAYLOAD')
        ann.socket.emit(event, payload)
        expect((await error).details).toMatchObject({ event, issues: expect.any(Array) })
      }
      // An SDP of exactly 64 KiB is allowed.
      const big = 'x'.repeat(64 * 1024)
      ann.socket.emit('rtc:offer', { callId, toUserId: to, sdp: big })
      expect(relayedOfferSchema.parse(await bob.waitFor('rtc:offer')).sdp).toBe(big)
      await ann.sync()
      await bob.sync()
      expect(bob.eventsNamed('rtc:offer')).toHaveLength(1)
      expect(bob.eventsNamed('rtc:answer')).toEqual([])
      expect(bob.eventsNamed('rtc:candidate')).toEqual([])
    })
  })

  describe('media toggles', () => {
    it('broadcasts mediaUpdated to the others, not the sender', async () => {
      const callId = nextCallId()
      const [ann, bob, carol] = await inCall(callId, 'Ann', 'Bob', 'Carol')
      const steps: [string, unknown, object][] = [
        [
          'rtc:toggleMute',
          { callId, muted: true },
          { muted: true, videoEnabled: false, screenSharing: false },
        ],
        [
          'rtc:toggleVideo',
          { callId, enabled: true },
          { muted: true, videoEnabled: true, screenSharing: false },
        ],
        [
          'rtc:toggleScreenShare',
          { callId, enabled: true },
          { muted: true, videoEnabled: true, screenSharing: true },
        ],
        [
          'rtc:toggleMute',
          { callId, muted: false },
          { muted: false, videoEnabled: true, screenSharing: true },
        ],
      ]
      for (const [event, payload, mediaState] of steps) {
        const atBob = bob.waitFor('rtc:mediaUpdated')
        const atCarol = carol.waitFor('rtc:mediaUpdated')
        ann.socket.emit(event, payload)
        expect(mediaUpdatedSchema.parse(await atBob)).toEqual({
          callId,
          userId: ann.userId,
          mediaState,
        })
        expect(await atCarol).toEqual({ callId, userId: ann.userId, mediaState })
        bob.received.length = 0
        carol.received.length = 0
      }
      await ann.sync()
      expect(ann.eventsNamed('rtc:mediaUpdated')).toEqual([])
      // A later joiner sees the current state.
      const dave = await connectClient(server.url, 'Dave')
      const started = callStartedSchema.parse(await joinCall(dave, callId))
      expect(started.participants.find((p) => p.userId === ann.userId)?.mediaState).toEqual({
        muted: false,
        videoEnabled: true,
        screenSharing: true,
      })
    })

    it('refuses toggles from a non-participant and bad toggles', async () => {
      const client = await connectClient(server.url, 'Ann')
      const callId = nextCallId()
      for (const [event, payload] of [
        ['rtc:toggleMute', { callId, muted: true }],
        ['rtc:toggleVideo', { callId, enabled: false }],
        ['rtc:toggleScreenShare', { callId, enabled: true }],
      ] as const) {
        const error = waitForError(client, event, 'NOT_IN_CALL')
        client.socket.emit(event, payload)
        await error
      }
      for (const [event, payload] of [
        ['rtc:toggleMute', { callId, muted: 'yes' }],
        ['rtc:toggleVideo', { callId }],
        ['rtc:toggleScreenShare', { enabled: true }],
      ] as const) {
        const error = waitForError(client, event, 'INVALID_PAYLOAD')
        client.socket.emit(event, payload)
        await error
      }
    })
  })

  describe('unknown events and oversized frames', () => {
    it('ignores unknown events', async () => {
      const client = await connectClient(server.url, 'Ann')
      client.socket.emit('rtc:bogus', { callId: 'x' })
      client.socket.emit('something', 1, 2, 3)
      await client.sync()
      expect(client.eventsNamed('rtc:error')).toEqual([])
    })

    it('closes a connection that sends a frame past the transport limit, and keeps serving', async () => {
      const client = await connectClient(server.url, 'Ann')
      const closed = new Promise<string>((resolve) => client.socket.once('disconnect', resolve))
      client.socket.emit('rtc:offer', {
        callId: 'x',
        toUserId: 'y',
        sdp: 'x'.repeat(2 * 1024 * 1024),
      })
      expect(await closed).toBeTruthy()
      const other = await connectClient(server.url, 'Bob')
      await other.sync()
    })
  })

  describe('a configured cap', () => {
    it('holds a call at RTC_MAX_PARTICIPANTS and reports it in pong', async () => {
      const small = await startTestServer({
        RTC_MAX_PARTICIPANTS: '2',
        ...(redis ? { REDIS_URL: redis.url } : {}),
      })
      try {
        const callId = nextCallId()
        const ann = await connectClient(small.url, 'Ann')
        const bob = await connectClient(small.url, 'Bob')
        const carol = await connectClient(small.url, 'Carol')
        const pong = ann.waitFor('rtc:pong')
        ann.socket.emit('rtc:ping', {})
        expect(pongSchema.parse(await pong).rtc.maxParticipants).toBe(2)
        await joinCall(ann, callId)
        await joinCall(bob, callId)
        const full = waitForError(carol, 'rtc:joinCall', 'CALL_FULL')
        carol.socket.emit('rtc:joinCall', { callId })
        expect((await full).details).toMatchObject({ maxParticipants: 2 })
      } finally {
        closeAllClients()
        await small.close()
      }
    })
  })

  describe('rate limit', () => {
    it('answers RATE_LIMITED once the per-socket allowance is spent, and drops the excess', async () => {
      const limited = await startTestServer({
        SOCKET_RATE_LIMIT_BURST: '5',
        SOCKET_RATE_LIMIT_PER_SECOND: '1',
      })
      try {
        const client = await connectClient(limited.url, 'Flooder')
        const error = client.waitFor<RtcError>('rtc:error', (e) => e.code === 'RATE_LIMITED')
        for (let i = 0; i < 30; i++) client.socket.emit('rtc:ping', { i })
        const parsed = rtcErrorSchema.parse(await error)
        expect(parsed.details).toMatchObject({ event: 'rtc:ping' })
        expect(client.eventsNamed('rtc:pong').length).toBeLessThanOrEqual(6)
      } finally {
        closeAllClients()
        await limited.close()
      }
    })
  })
})
