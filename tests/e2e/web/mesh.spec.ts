/** A full mesh: four people, every pair decodes the other; the fourth arrives late. */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectFullMesh, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start({ maxParticipants: 4 })
})

test.afterAll(async () => {
  await server.stop()
})

test('a 4-person mesh where every pair decodes, with a late joiner', async ({ clients }) => {
  test.setTimeout(150_000)
  const callId = uniqueCallId('mesh')
  const early = [
    await clients.open(server.url, 'Ann', { callId }),
    await clients.open(server.url, 'Ben', { callId }),
    await clients.open(server.url, 'Cat', { callId }),
  ]
  await expectFullMesh(early)

  // The late joiner offers to everyone already there; nobody else renegotiates.
  const dan = await clients.open(server.url, 'Dan', { callId })
  const everyone = [...early, dan]
  await expectFullMesh(everyone)
  for (const client of everyone) {
    await expect(client.status).toContainText('4 of 4')
  }
})
