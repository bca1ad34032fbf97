/** A call at its limit refuses one more, in words, and leaves that person in the lobby. */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ maxParticipants: 2 })
})

test.afterAll(async () => {
  await server.stop()
})

test('a third person gets "This call is full" and keeps the lobby', async ({ clients }) => {
  const callId = uniqueCallId('full')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(alice.tile('Bob'))

  const carol = await clients.open(server.url, 'Carol', { callId, join: false })
  await carol.join()
  await expect(carol.alert).toContainText('This call is full (2 of 2 people)')
  // Still in the lobby with a working preview, free to try again.
  await expect(carol.button('Join call')).toBeVisible()
  await expect(carol.page.getByRole('region', { name: 'Camera preview' })).toBeVisible()
  await expect(carol.button('Leave call')).toHaveCount(0)

  // The two inside never noticed.
  await expect(alice.tile('Carol')).toHaveCount(0)
  await expectDecoding(alice.tile('Bob'))
  await expectDecoding(bob.tile('Alice'))

  // Once someone leaves, the seat is Carol's.
  await bob.button('Leave call').click()
  await expect(alice.tile('Bob')).toHaveCount(0)
  await carol.join()
  await carol.joined()
  await expectDecoding(carol.tile('Alice'))
  await expectDecoding(alice.tile('Carol'))
})
