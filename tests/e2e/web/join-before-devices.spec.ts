/**
 * A camera that takes seconds to start (some USB cameras do, and a loaded machine makes any of
 * them slow): the lobby does not claim "Ready to join" until it has answered, and a Join pressed
 * before that says it is waiting, then joins with the camera on.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/** Every getUserMedia answers 4 s late. */
const slowDevices = `(() => {
  const devices = navigator.mediaDevices
  if (!devices) return
  const getUserMedia = devices.getUserMedia.bind(devices)
  devices.getUserMedia = (constraints) =>
    new Promise((resolve) => setTimeout(resolve, 4000)).then(() => getUserMedia(constraints))
})()`

test('Join pressed while the camera is still starting: it says so, then joins with the camera', async ({
  clients,
}) => {
  const callId = uniqueCallId('slow-devices')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    join: false,
    initScript: slowDevices,
  })
  await expect(alice.status).toHaveText('Starting your camera and microphone…')
  await alice.button('Join call').click()
  await expect(alice.status).toHaveText('Joining as soon as your camera and microphone are ready…')
  await alice.joined()

  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(bob.tile('Alice'))
  await expectDecoding(alice.tile('Bob'))
})

test('a camera turned on in a call says it is starting until it shows; turning it off meanwhile cancels', async ({
  clients,
}) => {
  const callId = uniqueCallId('slow-camera')
  const alice = await clients.open(server.url, 'Alice', { callId, initScript: slowDevices })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const starting = alice.selfTile.getByRole('status').filter({ hasText: 'Starting your camera…' })

  await alice.button('Turn off camera').click()
  await alice.button('Turn on camera').click()
  // At once, not when the camera answers: the button offers to turn it off again.
  await expect(alice.button('Turn off camera')).toBeVisible({ timeout: 2_500 })
  await expect(starting).toBeVisible({ timeout: 2_500 })
  await alice.button('Turn off camera').click()
  await expect(starting).toBeHidden()
  await expect(alice.button('Turn on camera')).toBeVisible()

  // Its shortcut does as the button does: a second Ctrl+E while it starts cancels it too.
  await alice.page.keyboard.press('Control+e')
  await expect(starting).toBeVisible({ timeout: 2_500 })
  await alice.page.keyboard.press('Control+e')
  await expect(starting).toBeHidden()
  await expect(alice.button('Turn on camera')).toBeVisible()

  await alice.button('Turn on camera').click()
  await expect(starting).toBeVisible({ timeout: 2_500 })
  await expect(starting).toBeHidden({ timeout: 15_000 })
  await expectDecoding(bob.tile('Alice'))
})
