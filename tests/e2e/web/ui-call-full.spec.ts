/** A refused join ("This call is full") is told the same way by the alert and the status line. */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ maxParticipants: 2 })
})

test.afterAll(async () => {
  await server.stop()
})

test('when the call is full the status says "Not joined", never "Ready to join"', async ({
  clients,
}) => {
  const callId = uniqueCallId('full-status')
  const alice = await clients.open(server.url, 'Alice', { callId })
  await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(alice.tile('Bob'))

  const carol = await clients.open(server.url, 'Carol', { callId, join: false })
  await expect(carol.status).toHaveText('Ready to join')
  await carol.join()
  await expect(carol.alert).toContainText('This call is full (2 of 2 people)')
  await expect(carol.status).toHaveText('Not joined: the call is full')

  // Dismissing the alert puts the status back to plain readiness.
  await carol.alert.getByRole('button', { name: 'Dismiss' }).click()
  await expect(carol.status).toHaveText('Ready to join')
})
