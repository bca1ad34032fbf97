/**
 * A call on a backend written from PROTOCOL.md only that closes every socket when its access token
 * expires (fixtures/protocol-only-backend.ts with `closeAtExpiry`). Each close is a disconnect to
 * it, so the plain client hears that Alice left and closes its peer connection to her; Alice
 * reconnects at once with a fresh token and joins again, and the plain client, told she joined,
 * waits for her offer (the joiner offers). The call must come back every time: across several
 * lifetimes of Alice's token, after each close that the plain client heard, both decode and hear
 * each other again. (The plain client's own socket is closed at its expiry too: that one Alice
 * rides out with the link she has, as the plain client keeps its connection.)
 */
import { writeFile } from 'node:fs/promises'
import { ParleyServer } from '../fixtures/parley-server'
import { recoveryTimeline } from '../fixtures/recovery-timeline'
import { recordPeerConnections } from '../fixtures/peer-recorder'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'
import { MEDIA_TIMEOUT } from './fixtures/interop-expect'
import { expectParleyHearing } from './fixtures/interop-test'
import { expectPlainDecoding, expectPlainHearing, openPlainClient } from './fixtures/plain-client'
import { ProtocolOnlyBackend, type SentEvent } from './fixtures/protocol-only-backend'

/** The shortest the reference server allows: a close every few seconds. */
const TOKEN_TTL_SECONDS = 10
const LIFETIMES = 3

let upstream: ParleyServer
let backend: ProtocolOnlyBackend

/** The `o=` line's session id: a new one is an offer from a new RTCPeerConnection. */
function sessionId(payload: unknown): string | null {
  const sdp = (payload as { sdp?: unknown }).sdp
  return typeof sdp === 'string' ? (/^o=\S+ (\d+) /m.exec(sdp)?.[1] ?? null) : null
}

const about = (sent: SentEvent, key: 'userId' | 'fromUserId'): unknown =>
  (sent.payload as Record<string, unknown>)[key]

/**
 * After the `leave`-th time the plain client heard that Alice left (1-based): when her rejoin found
 * it in the call, the session id of the first offer she sent it then (delivered or not: its own
 * socket may have been away just then), and those of every offer of hers before that leave. Null
 * when the rejoin did not list it (then it was the joiner, and offered).
 */
function offerAfterLeave(
  aliceId: string,
  plainId: string,
  leave: number,
): { offer: string | null; before: (string | null)[] } | null {
  const sent = backend.sent
  const leaveAt = sent.filter(
    (e) =>
      e.toUserId === plainId && e.event === 'rtc:participantLeft' && about(e, 'userId') === aliceId,
  )[leave - 1]
  if (!leaveAt) return null
  const rejoin = sent.find(
    (e, i) => i > sent.indexOf(leaveAt) && e.toUserId === aliceId && e.event === 'rtc:callStarted',
  )
  const listed = (rejoin?.payload as { participants?: { userId: string }[] } | undefined)
    ?.participants
  if (!rejoin || !listed?.some((participant) => participant.userId === plainId)) return null
  const offers = backend.relayRequests.filter(
    (e) => e.toUserId === plainId && e.event === 'rtc:offer' && about(e, 'fromUserId') === aliceId,
  )
  // She can ask for a relay only once seated again, so nothing of hers comes between.
  const offer = offers.find((e) => e.at >= rejoin.at)
  return {
    offer: offer ? sessionId(offer.payload) : null,
    before: offers.filter((e) => e.at <= leaveAt.at).map((e) => sessionId(e.payload)),
  }
}

test.beforeAll(async () => {
  upstream = await ParleyServer.start({ accessTokenTtlSeconds: TOKEN_TTL_SECONDS })
  backend = await ProtocolOnlyBackend.start(upstream.url, { closeAtExpiry: true })
})

test.afterAll(async () => {
  await backend.stop()
  await upstream.stop()
})

test.describe.configure({ timeout: 300_000 })

test("Alice's socket closed at each token expiry: after every close the plain client heard, the call comes back both ways", async ({
  clients,
  browser,
}, testInfo) => {
  const callId = uniqueCallId('expiry-closing')
  const alice = await clients.open(backend.url, 'Alice', {
    callId,
    initScript: recordPeerConnections,
  })
  const plain = await openPlainClient(browser, backend.url, 'Plain', callId)
  try {
    const aliceId = await plain.remoteId('Alice')
    const plainId = (await plain.state()).userId ?? ''
    await expectDecoding(alice.tile('Plain'), MEDIA_TIMEOUT)
    await expectPlainDecoding(plain, aliceId)

    /** The times the backend told the plain client that Alice left (each close of her socket). */
    const leavesHeard = (): number =>
      backend
        .sentTo(plainId, 'rtc:participantLeft')
        .filter((sent) => about(sent, 'userId') === aliceId).length
    let freshOffers = 0
    for (let round = 1; round <= LIFETIMES; round++) {
      // A close of Alice's socket while the plain client was connected to hear of it (a close
      // while its own socket is away tells it nothing, and then it keeps its connection).
      const before = leavesHeard()
      await expect
        .poll(leavesHeard, {
          timeout: 3 * TOKEN_TTL_SECONDS * 1000,
          message: `round ${round}: the plain client hears that Alice left`,
        })
        .toBeGreaterThan(before)

      // It closed its connection to her on that; she is back, and a new one connects.
      await expect
        .poll(async () => (await plain.sample(aliceId)).connectionState, {
          timeout: MEDIA_TIMEOUT,
          message: `round ${round}: the plain client is connected to Alice again`,
        })
        .toBe('connected')
      await expectDecoding(alice.tile('Plain'), MEDIA_TIMEOUT)
      await expectPlainDecoding(plain, aliceId)
      await expectPlainHearing(plain, aliceId)
      await expectParleyHearing(alice, 1)

      // She came back to it with an offer from a new connection, the only kind its new one can
      // take for sure: a renegotiation of her old one (an ICE restart) would carry on a DTLS
      // session that left with the connection the plain client closed.
      const after = offerAfterLeave(aliceId, plainId, before + 1)
      if (after) {
        freshOffers++
        expect(after.offer, `round ${round}: Alice's offer after her rejoin`).not.toBeNull()
        expect(after.before, `round ${round}: her offers before the close`).not.toContain(
          after.offer,
        )
      }
    }
    // Her rejoins found the plain client in the call (its own socket closes at other moments).
    expect(freshOffers).toBeGreaterThan(0)

    // The closes were the backend's, at expiry: Alice's socket was closed at least once a round.
    expect(
      backend.expiryCloses.filter((close) => close.userId === aliceId).length,
    ).toBeGreaterThanOrEqual(LIFETIMES)
    // Relays refused while one of them was away (PEER_NOT_FOUND: she was; NOT_IN_CALL: it had
    // reconnected and not joined yet) are what a naive client meets; nothing else went wrong.
    const { errors } = await plain.state()
    expect(errors.filter((error) => !/PEER_NOT_FOUND|NOT_IN_CALL/.test(error))).toEqual([])
  } catch (error) {
    // What the backend did and what both sides saw go with a failing test, as files.
    const record = {
      connections: backend.connections,
      expiryCloses: backend.expiryCloses,
      sent: backend.sent
        .filter((sent) => sent.event !== 'rtc:pong' && sent.event !== 'rtc:candidate')
        .map(({ at, toUserId, event, payload }) => ({
          at,
          toUserId,
          event,
          userId: about({ at, toUserId, event, payload }, 'userId'),
          fromUserId: about({ at, toUserId, event, payload }, 'fromUserId'),
          session: event === 'rtc:offer' ? sessionId(payload) : undefined,
        })),
      offersAsked: backend.relayRequests
        .filter((request) => request.event === 'rtc:offer')
        .map(({ at, toUserId, payload }) => ({ at, toUserId, session: sessionId(payload) })),
    }
    const files = {
      'backend.json': JSON.stringify(record, null, 2),
      'plain.json': JSON.stringify(await plain.state().catch(() => null), null, 2),
      'alice.txt': await recoveryTimeline(alice).catch(() => ''),
    }
    for (const [name, body] of Object.entries(files)) {
      const path = testInfo.outputPath(name)
      await writeFile(path, body)
      await testInfo.attach(name, { path })
    }
    throw error
  } finally {
    await plain.close()
  }
})
