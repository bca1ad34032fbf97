/**
 * Our own screen share is not shown back to us on the stage: "You are presenting", a small
 * preview, and "Stop presenting", while the others see the screen itself.
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

test('the presenter sees "You are presenting" with a small preview, and can stop from there', async ({
  clients,
}) => {
  const callId = uniqueCallId('presenting')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(bob.tile('Alice'))

  await alice.button('Share screen').click()
  const own = alice.screenTile('Alice')
  await expect(own.getByText('You are presenting')).toBeVisible()
  await expect(own.getByRole('button', { name: 'Stop presenting' })).toBeVisible()
  // The preview plays, but small: no hall of mirrors.
  await expectDecoding(own)
  const preview = await own.locator('video').boundingBox()
  const stage = await own.boundingBox()
  if (!preview || !stage) throw new Error('no boxes')
  expect(preview.width).toBeLessThanOrEqual(240)
  expect(preview.width).toBeLessThan(stage.width / 2)

  // The others get the screen at full size.
  const atBob = bob.screenTile('Alice')
  await expectDecoding(atBob)
  await expect.poll(() => videoWidth(atBob)).toBeGreaterThan(640)
  await expect(atBob.getByText('You are presenting')).toHaveCount(0)

  await own.getByRole('button', { name: 'Stop presenting' }).click()
  await expect(own).toHaveCount(0)
  await expect(atBob).toHaveCount(0)
  await expect(alice.button('Share screen')).toBeVisible()
})
