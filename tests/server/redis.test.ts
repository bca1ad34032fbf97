/**
 * Two server processes' worth of nodes (two startServer instances) sharing one real
 * redis-server: one call across nodes, the cap across nodes, cleanup on either node, takeover
 * across nodes, refresh-token rotation across nodes, and seats of a dead node given back.
 */
import { createClient } from 'redis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  API_PATHS,
  callStartedSchema,
  mediaUpdatedSchema,
  relayedCandidateSchema,
  relayedOfferSchema,
} from '../../src/shared/protocol'
import { RedisCallRegistry } from '../../src/server/call-registry/redis-call-registry'
import {
  closeAllClients,
  connectClient,
  connectWithAuth,
  joinCall,
  login,
  postJson,
  startRedis,
  startTestServer,
  raceJoins,
  waitForError,
  type RedisProcess,
  type TestServer,
} from './helpers'

let redis: RedisProcess
let nodeA: TestServer
let nodeB: TestServer
let counter = 0
const nextCallId = () => `redis-call-${++counter}`
const SECRET = 'redis-test-secret-0123456789abcdefghij'

beforeAll(async () => {
  redis = await startRedis()
  const env = { AUTH_SECRET: SECRET, REDIS_URL: redis.url }
  nodeA = await startTestServer(env)
  nodeB = await startTestServer(env)
})
afterEach(() => closeAllClients())
afterAll(async () => {
  await nodeA?.close()
  await nodeB?.close()
  await redis?.stop()
})

describe('two nodes over Redis', () => {
  it('puts a user on node A and a user on node B in one call', async () => {
    const callId = nextCallId()
    const ann = await connectClient(nodeA.url, 'Ann')
    const bob = await connectClient(nodeB.url, 'Bob')
    await joinCall(ann, callId)
    const joined = ann.waitFor('rtc:participantJoined')
    const started = callStartedSchema.parse(await joinCall(bob, callId))
    expect(started.participants.map((p) => p.displayName)).toEqual(['Ann', 'Bob'])
    expect(await joined).toMatchObject({ callId, userId: bob.userId, displayName: 'Bob' })

    bob.socket.emit('rtc:offer', { callId, toUserId: ann.userId, sdp: 'v=0 across' })
    expect(relayedOfferSchema.parse(await ann.waitFor('rtc:offer'))).toEqual({
      callId,
      fromUserId: bob.userId,
      toUserId: ann.userId,
      sdp: 'v=0 across',
    })
    ann.socket.emit('rtc:answer', { callId, toUserId: bob.userId, sdp: 'v=0 back' })
    expect(relayedOfferSchema.parse(await bob.waitFor('rtc:answer')).fromUserId).toBe(ann.userId)
    ann.socket.emit('rtc:candidate', {
      callId,
      toUserId: bob.userId,
      candidate: { candidate: 'c1' },
    })
    expect(relayedCandidateSchema.parse(await bob.waitFor('rtc:candidate')).candidate).toEqual({
      candidate: 'c1',
    })
    bob.socket.emit('rtc:toggleVideo', { callId, enabled: true })
    expect(
      mediaUpdatedSchema.parse(await ann.waitFor('rtc:mediaUpdated')).mediaState.videoEnabled,
    ).toBe(true)

    const left = ann.waitFor('rtc:participantLeft')
    bob.close()
    expect(await left).toEqual({ callId, userId: bob.userId, reason: 'disconnected' })
  })

  it('keeps the cap across nodes when many join at once', async () => {
    const callId = nextCallId()
    const clients = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        connectClient(i % 2 === 0 ? nodeA.url : nodeB.url, `R${i}`),
      ),
    )
    const results = await raceJoins(clients, callId)
    expect(results.filter((r) => r === 'joined')).toHaveLength(4)
    expect(results.filter((r) => r === 'full')).toHaveLength(8)
  })

  it('refuses relays across nodes to someone outside the call', async () => {
    const callA = nextCallId()
    const callB = nextCallId()
    const ann = await connectClient(nodeA.url, 'Ann')
    const bob = await connectClient(nodeB.url, 'Bob')
    await joinCall(ann, callA)
    await joinCall(bob, callB)
    const error = waitForError(ann, 'rtc:offer', 'PEER_NOT_FOUND')
    ann.socket.emit('rtc:offer', { callId: callA, toUserId: bob.userId, sdp: 'v=0' })
    await error
    const notIn = waitForError(ann, 'rtc:offer', 'NOT_IN_CALL')
    ann.socket.emit('rtc:offer', { callId: callB, toUserId: bob.userId, sdp: 'v=0' })
    await notIn
    await bob.sync()
    expect(bob.eventsNamed('rtc:offer')).toEqual([])
  })

  it('moves a seat to a newer connection on the other node (takeover)', async () => {
    const callId = nextCallId()
    const ann = await connectClient(nodeA.url, 'Ann')
    const bob = await connectClient(nodeA.url, 'Bob')
    await joinCall(ann, callId)
    await joinCall(bob, callId)
    const bobOnB = await connectWithAuth(nodeB.url, bob.auth)
    const replaced = waitForError(bob, 'rtc:joinCall', 'NOT_IN_CALL')
    await joinCall(bobOnB, callId)
    expect((await replaced).details).toMatchObject({ reason: 'replaced' })
    ann.socket.emit('rtc:offer', { callId, toUserId: bob.userId, sdp: 'v=0 to the new seat' })
    expect(relayedOfferSchema.parse(await bobOnB.waitFor('rtc:offer')).sdp).toBe(
      'v=0 to the new seat',
    )
    // The old connection's disconnect does not remove the seat.
    bob.close()
    const left = ann.waitFor('rtc:participantLeft')
    bobOnB.close()
    expect(await left).toEqual({ callId, userId: bob.userId, reason: 'disconnected' })
    expect(ann.eventsNamed('rtc:participantLeft')).toHaveLength(1)
  })

  it('refuses a refresh token on node B that was used on node A', async () => {
    const auth = await login(nodeA.url, 'Ann')
    const first = await postJson(nodeA.url + API_PATHS.refresh, { refreshToken: auth.refreshToken })
    expect(first.status).toBe(200)
    const again = await postJson(nodeB.url + API_PATHS.refresh, { refreshToken: auth.refreshToken })
    expect(again.status).toBe(401)
  })

  it('gives back the seats of a node that closes', async () => {
    const env = { AUTH_SECRET: SECRET, REDIS_URL: redis.url }
    const nodeC = await startTestServer(env)
    const callId = nextCallId()
    const ann = await connectClient(nodeA.url, 'Ann')
    const carl = await connectClient(nodeC.url, 'Carl')
    await joinCall(ann, callId)
    await joinCall(carl, callId)
    const left = ann.waitFor('rtc:participantLeft')
    await nodeC.close()
    expect(await left).toEqual({ callId, userId: carl.userId, reason: 'disconnected' })
  })

  it('shares one token key between nodes started without AUTH_SECRET', async () => {
    const ownRedis = await startRedis()
    const first = await startTestServer({ REDIS_URL: ownRedis.url })
    const second = await startTestServer({ REDIS_URL: ownRedis.url })
    try {
      const auth = await login(first.url, 'Ann')
      const config = await fetch(second.url + API_PATHS.rtcConfig, {
        headers: { authorization: `Bearer ${auth.accessToken}` },
      })
      expect(config.status).toBe(200)
      const client = await connectWithAuth(second.url, auth)
      expect(client.socket.connected).toBe(true)
      client.close()
    } finally {
      await first.close()
      await second.close()
      await ownRedis.stop()
    }
  })

  it('tells call-mates about members of a dead node without waiting for a join', async () => {
    const sweeping = await startTestServer({
      AUTH_SECRET: SECRET,
      REDIS_URL: redis.url,
      REDIS_SWEEP_SECONDS: '1',
    })
    const client = createClient({ url: redis.url })
    await client.connect()
    try {
      const callId = nextCallId()
      const ann = await connectClient(sweeping.url, 'Ann')
      await joinCall(ann, callId)
      await new RedisCallRegistry(client, 'another-dead-node').join({
        callId,
        userId: 'ghost',
        displayName: 'Ghost',
        socketId: 'gone',
        mediaState: null,
        maxParticipants: 4,
      })
      expect(await ann.waitFor('rtc:participantLeft')).toEqual({
        callId,
        userId: 'ghost',
        reason: 'disconnected',
      })
    } finally {
      closeAllClients()
      await client.close()
      await sweeping.close()
    }
  })

  it('drops members of a node that died without cleaning up', async () => {
    const callId = nextCallId()
    // A node that registered members and vanished: it never started its heartbeat.
    const client = createClient({ url: redis.url })
    await client.connect()
    try {
      const deadNode = new RedisCallRegistry(client, 'dead-node')
      for (const userId of ['ghost-1', 'ghost-2', 'ghost-3', 'ghost-4']) {
        await deadNode.join({
          callId,
          userId,
          displayName: userId,
          socketId: `gone-${userId}`,
          mediaState: null,
          maxParticipants: 4,
        })
      }
      const ann = await connectClient(nodeA.url, 'Ann')
      const started = callStartedSchema.parse(await joinCall(ann, callId))
      expect(started.participants.map((p) => p.userId)).toEqual([ann.userId])
    } finally {
      await client.close()
    }
  })
})
