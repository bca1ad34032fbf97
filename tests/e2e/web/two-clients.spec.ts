/** The basics: two people in a call each decode the other's camera, and a leaver goes away. */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

test('two clients each decode the other’s video', async ({ clients }) => {
  const callId = uniqueCallId('pair')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })

  await expectDecoding(alice.tile('Bob'))
  await expectDecoding(bob.tile('Alice'))
  await expect(alice.status).toContainText(/connected/i)
  await expect(bob.status).toContainText(/connected/i)
})

test('a leaver disappears for the others, who stay in the call', async ({ clients }) => {
  const callId = uniqueCallId('leave')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  const carol = await clients.open(server.url, 'Carol', { callId })
  await expectDecoding(alice.tile('Carol'))
  await expectDecoding(bob.tile('Carol'))

  await carol.button('Leave call').click()
  // The end-of-call screen says which call was left, and offers to rejoin it.
  await expect(
    carol.page.getByRole('heading', { name: `You left call ${callId}`, exact: true }),
  ).toBeVisible()

  await expect(alice.tile('Carol')).toHaveCount(0)
  await expect(bob.tile('Carol')).toHaveCount(0)
  await expectDecoding(alice.tile('Bob'))
  await expectDecoding(bob.tile('Alice'))

  // And back in: a rejoin after a leave is a fresh join for everyone.
  await carol.button('Rejoin').click()
  await carol.joined()
  await expectDecoding(carol.tile('Alice'))
  await expectDecoding(alice.tile('Carol'))
})
