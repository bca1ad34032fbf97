/**
 * Parley and aiortc (Python's WebRTC stack, as Debian ships it: 1.4), 1:1 in both join orders:
 * video and audio both ways, mute and camera state both ways, and a leaver going away.
 */
import type { CallClient } from '../fixtures/call-client'
import { uniqueCallId } from '../fixtures/call-client'
import { expectAiortcReceiving, type AiortcPeer } from './fixtures/aiortc-peer'
import { expect, expectParleyHearing, expectTilePlays, test } from './fixtures/interop-test'

test.describe.configure({ timeout: 180_000 })

async function mediaFlowsBothWays(parley: CallClient, peer: AiortcPeer, parleyId: string) {
  await expectTilePlays(parley.tile(peer.name))
  await expectParleyHearing(parley, 1)
  await expectAiortcReceiving(peer, parleyId)
}

async function togglesSeenBothWays(parley: CallClient, peer: AiortcPeer, parleyId: string) {
  const tile = parley.tile(peer.name)
  const muted = tile.getByRole('img', { name: 'Microphone muted' })
  const cameraOff = tile.getByRole('img', { name: 'Camera off' })
  await expect(muted).toHaveCount(0)
  peer.setMuted(true)
  await expect(muted).toBeVisible()
  peer.setVideoEnabled(false)
  await expect(cameraOff).toBeVisible()
  peer.setMuted(false)
  peer.setVideoEnabled(true)
  await expect(muted).toHaveCount(0)
  await expect(cameraOff).toHaveCount(0)
  await expectTilePlays(tile)

  await parley.button('Mute microphone').click()
  await expect
    .poll(() => peer.state.participants[parleyId]?.mediaState)
    .toMatchObject({ muted: true })
  await parley.button('Unmute microphone').click()
  await expect
    .poll(() => peer.state.participants[parleyId]?.mediaState)
    .toMatchObject({ muted: false })
}

test('aiortc first, Parley joins and offers: media, toggles, aiortc leaves', async ({
  interop,
}) => {
  const call = interop(uniqueCallId('aiortc-first'))
  const peer = await call.aiortc('Aiortc')
  const alice = await call.parley('Alice')
  const aliceId = await peer.remoteId('Alice')

  await mediaFlowsBothWays(alice, peer, aliceId)
  await togglesSeenBothWays(alice, peer, aliceId)

  peer.leave()
  await expect(alice.tile('Aiortc')).toHaveCount(0)
  expect(peer.state.errors).toEqual([])
})

test('Parley first, aiortc joins and offers: media, toggles, Parley leaves', async ({
  interop,
}) => {
  const call = interop(uniqueCallId('aiortc-second'))
  const alice = await call.parley('Alice')
  const peer = await call.aiortc('Aiortc')
  const aliceId = await peer.remoteId('Alice')

  await mediaFlowsBothWays(alice, peer, aliceId)
  await togglesSeenBothWays(alice, peer, aliceId)

  await alice.leave()
  await expect.poll(() => peer.remote(aliceId)).toBeUndefined()
  expect(peer.state.errors).toEqual([])
})
