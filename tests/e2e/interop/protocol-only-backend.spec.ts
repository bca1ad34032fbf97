/**
 * A long call on a backend written from PROTOCOL.md only (fixtures/protocol-only-backend.ts): it
 * checks a token at the handshake only, never closes a socket whose token expired, seats a second
 * connection of a user as a second participant, and its pongs say nothing of handing seats over.
 * Parley must not renew its socket early there: a second connection would be seated next to the
 * first, and the first one's close would tell the plain client that Alice left, and it would close
 * its link. So across several lifetimes of Alice's access token: Alice keeps her one connection,
 * the plain client hears of no leave and no join, its link to Alice is the one from the start, and
 * media flows both ways all along.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { marksSince, recoveryTimeline } from '../fixtures/recovery-timeline'
import { recordPeerConnections } from '../fixtures/peer-recorder'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'
import { frameMeterScript } from '../network/fixtures/frame-meter'
import {
  expectFramesInEveryWindow,
  expectTileUnbroken,
  parleyLinksMade,
} from './fixtures/call-continuity'
import { MEDIA_TIMEOUT } from './fixtures/interop-expect'
import { expectParleyHearing } from './fixtures/interop-test'
import { expectPlainDecoding, expectPlainHearing, openPlainClient } from './fixtures/plain-client'
import { ProtocolOnlyBackend } from './fixtures/protocol-only-backend'

/** The shortest the reference server allows: each token outlived is one renewal not made. */
const TOKEN_TTL_SECONDS = 10
const LIFETIMES = 3

let upstream: ParleyServer
let backend: ProtocolOnlyBackend

test.beforeAll(async () => {
  upstream = await ParleyServer.start({ accessTokenTtlSeconds: TOKEN_TTL_SECONDS })
  backend = await ProtocolOnlyBackend.start(upstream.url)
})

test.afterAll(async () => {
  await backend.stop()
  await upstream.stop()
})

test.describe.configure({ timeout: 240_000 })

test("Parley's socket outlives its token without a second connection: the plain client hears no leave, media flows both ways", async ({
  clients,
  browser,
}) => {
  const callId = uniqueCallId('protocol-only')
  const alice = await clients.open(backend.url, 'Alice', {
    callId,
    initScript: frameMeterScript + recordPeerConnections,
  })
  const plain = await openPlainClient(browser, backend.url, 'Plain', callId)
  try {
    const aliceId = await plain.remoteId('Alice')
    const plainId = (await plain.state()).userId ?? ''
    await expectDecoding(alice.tile('Plain'), MEDIA_TIMEOUT)
    await expectPlainDecoding(plain, aliceId)
    const since = Date.now()

    // Alice's tokens expire meanwhile, one after another; the backend keeps her socket.
    const received: { t: number; frames: number }[] = []
    while (Date.now() - since < LIFETIMES * TOKEN_TTL_SECONDS * 1000) {
      received.push({ t: Date.now(), frames: (await plain.sample(aliceId)).totalVideoFrames })
      await new Promise((r) => setTimeout(r, 500))
    }
    const until = Date.now()

    const story = `Alice's side: ${await recoveryTimeline(alice)}`
    // One connection of Alice's all along: nothing renewed early, nothing lost.
    expect(
      backend.connections.filter((connection) => connection.userId === aliceId),
      story,
    ).toHaveLength(1)
    expect(await marksSince(alice, 'recovery:socket-renewal', since), story).toBe(0)
    expect(await marksSince(alice, 'recovery:socket-lost', since), story).toBe(0)
    // The plain client heard of no leave and no second Alice, and kept its one link to her.
    expect(backend.sentTo(plainId, 'rtc:participantLeft')).toEqual([])
    expect(backend.sentTo(plainId, 'rtc:participantJoined')).toEqual([])
    const state = await plain.state()
    expect(state.log.filter((entry) => entry.event === 'rtc:participantLeft')).toEqual([])
    expect(Object.keys(state.participants)).toContain(aliceId)
    expect(state.peerConnections[aliceId], 'peer connections the plain client made').toBe(1)
    expect(state.errors).toEqual([])
    expect(await parleyLinksMade(alice), story).toBe(1)

    // Media both ways, all along and still.
    await expectTileUnbroken(alice, 'Plain', since, until)
    expectFramesInEveryWindow(received, since, until, "Plain's picture of Alice")
    await expectDecoding(alice.tile('Plain'), MEDIA_TIMEOUT)
    await expectPlainDecoding(plain, aliceId)
    await expectPlainHearing(plain, aliceId)
    await expectParleyHearing(alice, 1)
  } finally {
    await plain.close()
  }
})
