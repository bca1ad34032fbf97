/**
 * Parley and a plain browser client written from PROTOCOL.md alone, 1:1 in both join orders:
 * video and audio both ways, mute and camera state both ways, a Parley screen share reaching the
 * plain client as one more stream, and a leaver's media going away on the other side.
 */
import type { CallClient } from '../fixtures/call-client'
import { uniqueCallId } from '../fixtures/call-client'
import { expect, expectParleyHearing, expectTilePlays, test } from './fixtures/interop-test'
import {
  expectPlainDecoding,
  expectPlainHearing,
  type MediaState,
  type PlainClient,
} from './fixtures/plain-client'

// Several pages with live video, and for werift an encoder too, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 })

/** Video and sound each way between them, and the plain client's picture is not blank. */
async function mediaFlowsBothWays(parley: CallClient, plain: PlainClient, parleyId: string) {
  await expectTilePlays(parley.tile(plain.name))
  await expectPlainDecoding(plain, parleyId)
  await expectPlainHearing(plain, parleyId)
  await expectParleyHearing(parley, 1)
}

async function plainSeesState(plain: PlainClient, userId: string, expected: Partial<MediaState>) {
  await expect
    .poll(async () => (await plain.state()).participants[userId]?.mediaState, {
      message: `${plain.name} sees the media state of ${userId}`,
    })
    .toMatchObject(expected)
}

/** Mute and camera off from each side are shown on the other, and undone again. */
async function togglesSeenBothWays(parley: CallClient, plain: PlainClient, parleyId: string) {
  const plainTile = parley.tile(plain.name)
  const muted = plainTile.getByRole('img', { name: 'Microphone muted' })
  const cameraOff = plainTile.getByRole('img', { name: 'Camera off' })
  await expect(muted).toHaveCount(0)
  await plain.setMuted(true)
  await expect(muted).toBeVisible()
  await plain.setVideoEnabled(false)
  await expect(cameraOff).toBeVisible()
  await plain.setMuted(false)
  await plain.setVideoEnabled(true)
  await expect(muted).toHaveCount(0)
  await expect(cameraOff).toHaveCount(0)
  await expectTilePlays(plainTile)

  await parley.button('Mute microphone').click()
  await plainSeesState(plain, parleyId, { muted: true })
  await parley.button('Turn off camera').click()
  await plainSeesState(plain, parleyId, { muted: true, videoEnabled: false })
  await parley.button('Unmute microphone').click()
  await parley.button('Turn on camera').click()
  await plainSeesState(plain, parleyId, { muted: false, videoEnabled: true })
  await expectPlainDecoding(plain, parleyId)
}

/**
 * Parley's screen share reaches the plain client as one more video track with a stream of its
 * own, which its latest-stream <video> then plays (the fake screen is 1280 wide, the camera 640).
 */
async function screenShareReachesPlain(parley: CallClient, plain: PlainClient, parleyId: string) {
  const before = await plain.sample(parleyId)
  const cameraStream = before.streamId
  await parley.button('Share screen').click()
  await expect(parley.button('Stop sharing')).toBeVisible()
  await plainSeesState(plain, parleyId, { screenSharing: true })
  await expect
    .poll(
      async () => {
        const events = (await plain.state()).trackEvents[parleyId] ?? []
        return events.some(
          (event) =>
            event.kind === 'video' &&
            event.streamIds.length === 1 &&
            event.streamIds[0] !== cameraStream,
        )
      },
      { message: 'the screen arrives as a video track with a stream of its own' },
    )
    .toBe(true)
  const screen = await expectPlainDecoding(plain, parleyId)
  expect(screen.streamId).not.toBe(cameraStream)
  await expect.poll(async () => (await plain.sample(parleyId)).videoWidth).toBeGreaterThan(640)

  await parley.button('Stop sharing').click()
  await plainSeesState(plain, parleyId, { screenSharing: false })
  // Parley's side of the link is unharmed: the plain client's camera still plays there.
  await expectTilePlays(parley.tile(plain.name))
}

test('Parley first, the plain client joins and offers: media, toggles, screen, Parley leaves', async ({
  interop,
}) => {
  const call = interop(uniqueCallId('plain-second'))
  const alice = await call.parley('Alice')
  const plain = await call.plain('Plain')
  const aliceId = await plain.remoteId('Alice')

  await mediaFlowsBothWays(alice, plain, aliceId)
  await togglesSeenBothWays(alice, plain, aliceId)
  await screenShareReachesPlain(alice, plain, aliceId)

  await alice.button('Leave call').click()
  await expect
    .poll(async () => Object.keys((await plain.state()).participants))
    .not.toContain(aliceId)
  await expect(plain.page.locator(`#remote-${aliceId}`)).toHaveCount(0)
  expect((await plain.state()).errors).toEqual([])
})

test('the plain client first, Parley joins and offers: media, toggles, screen, plain leaves', async ({
  interop,
}) => {
  const call = interop(uniqueCallId('plain-first'))
  const plain = await call.plain('Plain')
  const alice = await call.parley('Alice')
  const aliceId = await plain.remoteId('Alice')

  await mediaFlowsBothWays(alice, plain, aliceId)
  await togglesSeenBothWays(alice, plain, aliceId)
  await screenShareReachesPlain(alice, plain, aliceId)

  await plain.leave()
  await expect(alice.tile('Plain')).toHaveCount(0)
  await expect(alice.selfTile).toBeVisible()
  expect((await plain.state()).errors).toEqual([])
})
