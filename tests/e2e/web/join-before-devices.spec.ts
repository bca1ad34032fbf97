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
