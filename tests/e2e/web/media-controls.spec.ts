/**
 * Mute, camera off/on and screen share reach the others as indicators and tiles, while the rest
 * of the media keeps flowing.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId, videoWidth } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

test('mute and camera off/on reach the other side while media continues', async ({ clients }) => {
  const callId = uniqueCallId('toggles')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const aliceAtBob = bob.tile('Alice')
  await expectDecoding(aliceAtBob)
  await expect(aliceAtBob.getByRole('img', { name: 'Microphone muted' })).toHaveCount(0)

  await alice.button('Mute microphone').click()
  await expect(alice.button('Unmute microphone')).toBeVisible()
  await expect(aliceAtBob.getByRole('img', { name: 'Microphone muted' })).toBeVisible()
  await expect(alice.selfTile.getByRole('img', { name: 'Microphone muted' })).toBeVisible()
  // Muting is not hanging up: Alice's picture keeps arriving.
  await expectDecoding(aliceAtBob)

  await alice.button('Unmute microphone').click()
  await expect(aliceAtBob.getByRole('img', { name: 'Microphone muted' })).toHaveCount(0)

  await alice.button('Turn off camera').click()
  await expect(alice.button('Turn on camera')).toBeVisible()
  await expect(aliceAtBob.getByRole('img', { name: 'Camera off' })).toBeVisible()
  // Bob's camera is untouched and Alice still sees it.
  await expectDecoding(alice.tile('Bob'))

  await alice.button('Turn on camera').click()
  await expect(alice.button('Turn off camera')).toBeVisible()
  await expect(aliceAtBob.getByRole('img', { name: 'Camera off' })).toHaveCount(0)
  // A new camera track through the same sender: Bob decodes it without renegotiating.
  await expectDecoding(aliceAtBob)
})

test('a shared screen is its own tile beside the camera, and stopping removes it', async ({
  clients,
}) => {
  const callId = uniqueCallId('screen')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(bob.tile('Alice'))

  await alice.button('Share screen').click()
  await expect(alice.button('Stop sharing')).toBeVisible()
  const screenAtBob = bob.screenTile('Alice')
  await expectDecoding(screenAtBob)
  await expect.poll(() => videoWidth(screenAtBob)).toBeGreaterThan(640)
  await expect(bob.tile('Alice').getByRole('img', { name: 'Sharing screen' })).toBeVisible()
  // Camera and screen at once, both decoding.
  await expectDecoding(bob.tile('Alice'))
  await expectDecoding(screenAtBob)

  await alice.button('Stop sharing').click()
  await expect(alice.button('Share screen')).toBeVisible()
  await expect(screenAtBob).toHaveCount(0)
  await expect(bob.tile('Alice').getByRole('img', { name: 'Sharing screen' })).toHaveCount(0)
  await expectDecoding(bob.tile('Alice'))
})

/** The browser refuses every camera request, as it does when camera access is blocked. */
// Init scripts also run in the first about:blank page, which has no mediaDevices.
const blockCamera = `
  if (navigator.mediaDevices) {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
    navigator.mediaDevices.getUserMedia = (constraints) =>
      constraints && constraints.video
        ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
        : original(constraints)
  }
`

test('a blocked camera: a clear alert, and the call goes on with the microphone', async ({
  clients,
}) => {
  const callId = uniqueCallId('blocked')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    join: false,
    initScript: blockCamera,
  })
  await expect(alice.alert).toContainText('Camera blocked')
  await alice.join()
  await alice.joined()
  await expect(alice.selfTile.getByRole('img', { name: 'Camera off' })).toBeVisible()

  const bob = await clients.open(server.url, 'Bob', { callId })
  await expect(bob.tile('Alice').getByRole('img', { name: 'Camera off' })).toBeVisible()
  await expect(bob.tile('Alice').getByRole('img', { name: 'Microphone muted' })).toHaveCount(0)
  // Alice still sees Bob: only her camera is missing.
  await expectDecoding(alice.tile('Bob'))
})
