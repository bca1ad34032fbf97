/**
 * Parley and werift (a WebRTC stack in Node that is not Chromium's), 1:1 in both join orders:
 * video and audio both ways, mute and camera state both ways, and a leaver going away.
 */
import type { CallClient } from '../fixtures/call-client'
import { uniqueCallId } from '../fixtures/call-client'
import { expect, expectParleyHearing, expectTilePlays, test } from './fixtures/interop-test'
import {
  expectWeriftReceiving,
  expectWeriftSeesState,
  type WeriftPeer,
} from './fixtures/werift-peer'

// Several pages with live video, and for werift an encoder too, on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 })

async function mediaFlowsBothWays(parley: CallClient, werift: WeriftPeer, parleyId: string) {
  await expectTilePlays(parley.tile(werift.name))
  await expectParleyHearing(parley, 1)
  await expectWeriftReceiving(werift, parleyId)
}

async function togglesSeenBothWays(parley: CallClient, werift: WeriftPeer, parleyId: string) {
  const weriftTile = parley.tile(werift.name)
  const muted = weriftTile.getByRole('img', { name: 'Microphone muted' })
  const cameraOff = weriftTile.getByRole('img', { name: 'Camera off' })
  await expect(muted).toHaveCount(0)
  werift.setMuted(true)
  await expect(muted).toBeVisible()
  werift.setVideoEnabled(false)
  await expect(cameraOff).toBeVisible()
  werift.setMuted(false)
  werift.setVideoEnabled(true)
  await expect(muted).toHaveCount(0)
  await expect(cameraOff).toHaveCount(0)
  await expectTilePlays(weriftTile)

  await parley.button('Mute microphone').click()
  await expectWeriftSeesState(werift, parleyId, { muted: true })
  await parley.button('Turn off camera').click()
  await expectWeriftSeesState(werift, parleyId, { muted: true, videoEnabled: false })
  await parley.button('Unmute microphone').click()
  await parley.button('Turn on camera').click()
  await expectWeriftSeesState(werift, parleyId, { muted: false, videoEnabled: true })
  await expectWeriftReceiving(werift, parleyId)
}

test('Parley first, werift joins and offers: media, toggles, Parley leaves', async ({
  interop,
}) => {
  const call = interop(uniqueCallId('werift-second'))
  const alice = await call.parley('Alice')
  const werift = await call.werift('Werift')
  const aliceId = await werift.remoteId('Alice')

  await mediaFlowsBothWays(alice, werift, aliceId)
  expect(werift.state.remotes[aliceId]?.offersSent).toBe(1)
  await togglesSeenBothWays(alice, werift, aliceId)

  await alice.button('Leave call').click()
  await expect.poll(() => Object.keys(werift.state.participants)).not.toContain(aliceId)
  await expect.poll(() => werift.remote(aliceId)).toBeUndefined()
  expect(werift.state.errors).toEqual([])
})

test('werift first, Parley joins and offers: media, toggles, werift leaves', async ({
  interop,
}) => {
  const call = interop(uniqueCallId('werift-first'))
  const werift = await call.werift('Werift')
  const alice = await call.parley('Alice')
  const aliceId = await werift.remoteId('Alice')

  await mediaFlowsBothWays(alice, werift, aliceId)
  expect(werift.state.remotes[aliceId]?.offersReceived).toBeGreaterThanOrEqual(1)
  await togglesSeenBothWays(alice, werift, aliceId)

  werift.leave()
  await expect(alice.tile('Werift')).toHaveCount(0)
  await expect(alice.selfTile).toBeVisible()
  expect(werift.state.errors).toEqual([])
})

for (const candidateForm of ['line', 'mline-index'] as const) {
  test(`werift trickling its candidates as ${candidateForm === 'line' ? 'bare candidate lines' : 'sdpMLineIndex without sdpMid'}: the link comes up`, async ({
    interop,
  }) => {
    const call = interop(uniqueCallId(`werift-${candidateForm}`))
    const alice = await call.parley('Alice')
    // werift takes nothing of Parley's candidates and sends its own only in this form: media
    // flows only if Parley applies them.
    const werift = await call.werift('Werift', { candidateForm, ignoreRemoteCandidates: true })
    const aliceId = await werift.remoteId('Alice')

    await mediaFlowsBothWays(alice, werift, aliceId)
    expect(werift.state.errors).toEqual([])
  })
}
