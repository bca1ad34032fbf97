/**
 * One call of three: Parley, the plain client and werift, each joining after the one before (so
 * every kind of peer both answers and offers). Every pair sees and hears each other, a mute
 * reaches both others, Parley's screen reaches the plain client, and a leaver leaves cleanly.
 */
import { uniqueCallId } from '../fixtures/call-client'
import { expect, expectParleyHearing, expectTilePlays, test } from './fixtures/interop-test'
import { expectPlainDecoding, expectPlainHearing } from './fixtures/plain-client'
import { expectWeriftReceiving, expectWeriftSeesState } from './fixtures/werift-peer'

// Several pages with live video, and for werift an encoder too, on a shared 2-core machine.
test.describe.configure({ timeout: 300_000 })

test('Parley, a plain client and werift in one call', async ({ interop }) => {
  const call = interop(uniqueCallId('mixed'))
  const alice = await call.parley('Alice')
  const plain = await call.plain('Plain')
  const werift = await call.werift('Werift')
  const aliceAtPlain = await plain.remoteId('Alice')
  const weriftAtPlain = await plain.remoteId('Werift')
  const aliceAtWerift = await werift.remoteId('Alice')
  const plainAtWerift = await werift.remoteId('Plain')

  // Every pair, both ways.
  await expectTilePlays(alice.tile('Plain'))
  await expectTilePlays(alice.tile('Werift'))
  await expectParleyHearing(alice, 2)
  await expectPlainDecoding(plain, aliceAtPlain)
  await expectPlainHearing(plain, aliceAtPlain)
  await expectPlainDecoding(plain, weriftAtPlain)
  await expectPlainHearing(plain, weriftAtPlain)
  await expectWeriftReceiving(werift, aliceAtWerift)
  await expectWeriftReceiving(werift, plainAtWerift)

  // A mute from each foreign peer shows on Parley; Parley's reaches both of them.
  werift.setMuted(true)
  await expect(alice.tile('Werift').getByRole('img', { name: 'Microphone muted' })).toBeVisible()
  await plain.setVideoEnabled(false)
  await expect(alice.tile('Plain').getByRole('img', { name: 'Camera off' })).toBeVisible()
  await expect(alice.tile('Werift').getByRole('img', { name: 'Camera off' })).toHaveCount(0)
  await alice.button('Mute microphone').click()
  await expectWeriftSeesState(werift, aliceAtWerift, { muted: true })
  await expect
    .poll(async () => (await plain.state()).participants[aliceAtPlain]?.mediaState.muted)
    .toBe(true)

  // Parley's screen reaches the plain client as a stream of its own that plays.
  const cameraStream = (await plain.sample(aliceAtPlain)).streamId
  await alice.button('Share screen').click()
  await expect.poll(async () => (await plain.sample(aliceAtPlain)).streamId).not.toBe(cameraStream)
  const screen = await expectPlainDecoding(plain, aliceAtPlain)
  expect(screen.streamId).not.toBe(cameraStream)
  await expect.poll(async () => (await plain.sample(aliceAtPlain)).videoWidth).toBeGreaterThan(640)
  // werift, which shows no screen, keeps getting Parley's camera.
  await expectWeriftReceiving(werift, aliceAtWerift)
  await alice.button('Stop sharing').click()

  // werift leaves: gone for both others, who keep their link.
  werift.leave()
  await expect(alice.tile('Werift')).toHaveCount(0)
  await expect
    .poll(async () => Object.keys((await plain.state()).participants))
    .toEqual([aliceAtPlain])
  await expect(plain.page.locator(`#remote-${weriftAtPlain}`)).toHaveCount(0)
  await expectTilePlays(alice.tile('Plain'))
  expect((await plain.state()).errors).toEqual([])
  expect(werift.state.errors).toEqual([])
})
