/**
 * Signaling recovery with peers Parley did not write: the plain client page (PROTOCOL.md only, no
 * perfect negotiation, no ICE restart of its own) and werift (a WebRTC stack in Node). With
 * one-minute access tokens both sides lose their socket every minute: Parley renews its own ahead
 * of expiry (the reference server says it hands seats over); the foreign peer waits for the server
 * to close it and reconnects with a refreshed token, joining again, as a naive client does.
 * Neither may cost the call anything: media keeps flowing both ways, the foreign peer's peer
 * connection is the one from the start. With the plain client, Parley's tile never even says
 * "Reconnecting...". A longer drop of the plain client's socket is shown as reconnecting, and the
 * call carries on.
 */
import type { Browser } from '@playwright/test'
import { ParleyServer } from '../fixtures/parley-server'
import { marksSince, recoveryTimeline } from '../fixtures/recovery-timeline'
import {
  expect,
  expectDecoding,
  test,
  uniqueCallId,
  type CallClient,
  type OpenClientOptions,
} from '../fixtures/call-client'
import { recordPeerConnections } from '../fixtures/peer-recorder'
import { frameMeterScript, samplesBetween, screenLog } from '../network/fixtures/frame-meter'
import {
  expectFramesInEveryWindow,
  expectTileKept,
  expectTileUnbroken,
  framesOnTile,
  parleyLinksMade,
} from './fixtures/call-continuity'
import { MEDIA_TIMEOUT } from './fixtures/interop-expect'
import { expectPlainDecoding, openPlainClient, type PlainClient } from './fixtures/plain-client'
import { WeriftPeer, expectWeriftReceiving } from './fixtures/werift-peer'

/** As in token-renewal.spec.ts: short enough for several renewals, long enough for a busy host. */
const TOKEN_TTL_SECONDS = 60
const RENEWALS = 2
/**
 * With werift, frames must move in every window this long. Werift encrypts and decrypts media in
 * JavaScript on one thread, which a loaded machine starves for seconds at a time (its media to
 * Parley was seen to pause over 1.5 s around its own reconnect; Parley then restarts ICE and says
 * "Reconnecting..." for a moment, as it should for any stall): the windows are wide enough for
 * that, and so is what this test asserts: media moving, not how smoothly.
 */
const WERIFT_FRAME_WINDOW_MS = 15_000
/** Longer than the 2.5 s Parley waits before it says a person is reconnecting. */
const LONG_DROP_MS = 8_000

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ accessTokenTtlSeconds: TOKEN_TTL_SECONDS })
})

test.afterAll(async () => {
  await server.stop()
})

interface Call {
  alice: CallClient
  plain: PlainClient
  aliceId: string
}

const plains: PlainClient[] = []
const werifts: WeriftPeer[] = []

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook needs from this pattern.
test.afterEach(async ({}, testInfo) => {
  // What werift saw goes with a failing test, to tell which side broke.
  if (testInfo.status !== testInfo.expectedStatus) {
    for (const peer of werifts) {
      await testInfo.attach(`werift ${peer.name}`, { body: peer.transcript() })
    }
  }
  await Promise.all([
    ...plains.splice(0).map((plain) => plain.close()),
    ...werifts.splice(0).map((peer) => peer.stop()),
  ])
})

/** Alice on Parley first, then the plain client joins and offers; media flows both ways. */
async function startCall(
  clients: {
    open(serverUrl: string, name: string, options: OpenClientOptions): Promise<CallClient>
  },
  browser: Browser,
  label: string,
): Promise<Call> {
  const callId = uniqueCallId(label)
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: frameMeterScript + recordPeerConnections,
  })
  const plain = await openPlainClient(browser, server.url, 'Plain', callId)
  plains.push(plain)
  const aliceId = await plain.remoteId('Alice')
  await expectDecoding(alice.tile('Plain'), MEDIA_TIMEOUT)
  await expectPlainDecoding(plain, aliceId)
  return { alice, plain, aliceId }
}

test.describe.configure({ timeout: 420_000 })

/**
 * Waits for RENEWALS renewals of Alice's socket and as many reconnects of the foreign peer's,
 * sampling what the foreign peer receives from Alice meanwhile (a count that only grows while media
 * flows). Returns when that was over, and the samples.
 */
async function throughRenewals(
  alice: CallClient,
  since: number,
  foreign: { connects(): Promise<number>; received(): Promise<number> },
): Promise<{ until: number; received: { t: number; frames: number }[] }> {
  const connectsBefore = await foreign.connects()
  const received: { t: number; frames: number }[] = []
  for (;;) {
    received.push({ t: Date.now(), frames: await foreign.received() })
    const renewals = await marksSince(alice, 'recovery:socket-renewal', since)
    const reconnects = (await foreign.connects()) - connectsBefore
    if (renewals >= RENEWALS && reconnects >= RENEWALS) return { until: Date.now(), received }
    expect(
      Date.now() - since,
      `${RENEWALS} renewals each (Alice: ${renewals}, the foreign peer: ${reconnects})`,
    ).toBeLessThan((RENEWALS + 2) * TOKEN_TTL_SECONDS * 1000)
    await new Promise((r) => setTimeout(r, 500))
  }
}

test("Parley's socket renewals and the plain client's own: media flows both ways, no link rebuilt, no Reconnecting", async ({
  clients,
  browser,
}) => {
  const { alice, plain, aliceId } = await startCall(clients, browser, 'foreign-renewal')
  const before = await plain.state()
  const plainStream = (await plain.sample(aliceId)).streamId
  const since = Date.now()

  const { until, received } = await throughRenewals(alice, since, {
    connects: async () => (await plain.state()).connects,
    received: async () => (await plain.sample(aliceId)).totalVideoFrames,
  })
  await expectTileUnbroken(alice, 'Plain', since, until)
  expectFramesInEveryWindow(received, since, until, "Plain's picture of Alice")

  // The links from the start carry on: no new peer connection on either side, no new stream.
  const after = await plain.state()
  expect(after.peerConnections[aliceId], 'peer connections the plain client made').toBe(1)
  expect((await plain.sample(aliceId)).streamId).toBe(plainStream)
  // A failure here says what Alice's side did (a stall, a restart, a rebuild) and when.
  const story = `Alice's side: ${await recoveryTimeline(alice)}`
  expect(await parleyLinksMade(alice), story).toBe(1)
  expect(after.errors).toEqual([])
  // Nothing needed renegotiating: no offer from Alice since the call was set up.
  expect(after.offers[aliceId] ?? 0, `offers from Alice; ${story}`).toBe(
    before.offers[aliceId] ?? 0,
  )
  await expectDecoding(alice.tile('Plain'), MEDIA_TIMEOUT)
  await expectPlainDecoding(plain, aliceId)
})

test("Parley's socket renewals and werift's own: media keeps moving both ways, nobody leaves, no link rebuilt", async ({
  clients,
}) => {
  const callId = uniqueCallId('werift-renewal')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: frameMeterScript + recordPeerConnections,
  })
  const werift = await WeriftPeer.start(server.url, 'Werift', callId)
  werifts.push(werift)
  const aliceId = await werift.remoteId('Alice')
  await expectDecoding(alice.tile('Werift'), MEDIA_TIMEOUT)
  await expectWeriftReceiving(werift, aliceId)
  const since = Date.now()

  // Werift's counters of a remote start again from zero with a new peer connection: one that
  // only grows in every window was never rebuilt.
  const { until, received } = await throughRenewals(alice, since, {
    connects: () => Promise.resolve(werift.state.connects),
    received: () => Promise.resolve(werift.remote(aliceId)?.received.video.packets ?? 0),
  })
  await expectTileKept(alice, 'Werift', since, until, WERIFT_FRAME_WINDOW_MS)
  expectFramesInEveryWindow(
    received,
    since,
    until,
    "Werift's video packets from Alice",
    WERIFT_FRAME_WINDOW_MS,
  )

  // Nobody left: werift still has Alice, with the link it made at the start, and no errors.
  expect(Object.keys(werift.state.participants)).toContain(aliceId)
  expect(werift.state.errors).toEqual([])
  const story = `Alice's side: ${await recoveryTimeline(alice)}`
  expect(await parleyLinksMade(alice), story).toBe(1)
  await expectDecoding(alice.tile('Werift'), MEDIA_TIMEOUT)
  await expectWeriftReceiving(werift, aliceId)
})

test("the plain client's socket is gone for seconds: Parley marks it reconnecting, then the call carries on both ways", async ({
  clients,
  browser,
}) => {
  const { alice, plain, aliceId } = await startCall(clients, browser, 'foreign-drop')
  const connectsBefore = (await plain.state()).connects
  const droppedAt = Date.now()
  await plain.dropSignaling(LONG_DROP_MS)
  await expect
    .poll(async () => (await plain.state()).connects, { timeout: MEDIA_TIMEOUT })
    .toBeGreaterThan(connectsBefore)
  const backAt = Date.now()

  // While it was away: the tile stayed, said so, and its picture kept moving (media is P2P).
  const during = samplesBetween(await screenLog(alice.page), droppedAt, backAt)
  expect(during.filter((sample) => !sample.tiles['Plain'])).toEqual([])
  expect(during.some((sample) => /reconnecting/i.test(sample.tiles['Plain']?.text ?? ''))).toBe(
    true,
  )
  const frames = framesOnTile(during, 'Plain')
  expect((frames.at(-1)?.frames ?? 0) - (frames[0]?.frames ?? 0)).toBeGreaterThan(0)

  // Back: the mark goes, and media flows both ways.
  await expect(alice.tile('Plain')).not.toContainText(/reconnecting/i, { timeout: MEDIA_TIMEOUT })
  await expectDecoding(alice.tile('Plain'), MEDIA_TIMEOUT)
  await expectPlainDecoding(plain, aliceId)
  expect((await plain.state()).errors).toEqual([])
})
