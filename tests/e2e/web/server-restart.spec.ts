/**
 * The server dies mid-call and comes back on the same address. Peer-to-peer media does not need
 * it: pictures keep arriving during the outage, everyone rejoins on their own without tearing
 * down the links that still work, and a newcomer afterwards reaches all of them.
 */
import { ParleyServer } from '../fixtures/parley-server'
import {
  expect,
  expectDecoding,
  expectFullMesh,
  test,
  tileStreamId,
  uniqueCallId,
  type CallClient,
} from '../fixtures/call-client'

/** Every remote tile's stream id, per viewer and person. */
async function streamIds(clients: CallClient[]): Promise<Record<string, string | null>> {
  const ids: Record<string, string | null> = {}
  for (const viewer of clients) {
    for (const other of clients) {
      if (other !== viewer)
        ids[`${viewer.name}->${other.name}`] = await tileStreamId(viewer.tile(other.name))
    }
  }
  return ids
}

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

test('a server killed and restarted mid-call: media flows on, everyone rejoins', async ({
  clients,
}) => {
  test.setTimeout(150_000)
  const callId = uniqueCallId('restart')
  const ann = await clients.open(server.url, 'Ann', { callId })
  const ben = await clients.open(server.url, 'Ben', { callId })
  const cat = await clients.open(server.url, 'Cat', { callId })
  const before = [ann, ben, cat]
  await expectFullMesh(before)
  const linksBefore = await streamIds(before)

  await server.kill()
  for (const client of before) {
    await expect(client.status).toContainText(/reconnecting/i)
  }
  // The outage: the links are peer to peer, so every picture keeps decoding.
  await expectFullMesh(before)
  // The call goes on: a calm banner saying so, not a red alert.
  await expect(
    ann.page.getByRole('status').filter({ hasText: "Can't reach the server" }),
  ).toContainText('The call continues')
  await expect(ann.alert).toHaveCount(0)

  await server.start()
  for (const client of before) {
    await expect(client.status).toContainText(/^Connected/, { timeout: 30_000 })
    await expect(client.status).toContainText('3 of 4')
    await expect(client.alert).toHaveCount(0)
  }
  await expectFullMesh(before)
  // Reconciled, not rebuilt: every link from before the outage is the one still playing.
  expect(await streamIds(before)).toEqual(linksBefore)

  // The rejoined call is a real one on the new server: a newcomer reaches everyone.
  const dan = await clients.open(server.url, 'Dan', { callId })
  await expectFullMesh([...before, dan])
  // And the three kept one tile each for the others: no duplicates after the rejoin.
  for (const client of before) {
    for (const other of before) {
      if (other !== client) await expect(client.tile(other.name)).toHaveCount(1)
    }
  }
  await expectDecoding(ann.tile('Dan'))
})

test('a server back with other keys refuses old tokens: people are asked to sign in again', async ({
  clients,
}) => {
  const rekeyed = await ParleyServer.start()
  try {
    const callId = uniqueCallId('rekey')
    const alice = await clients.open(rekeyed.url, 'Alice', { callId })
    const bob = await clients.open(rekeyed.url, 'Bob', { callId })
    await expectDecoding(alice.tile('Bob'))

    await rekeyed.kill()
    rekeyed.rotateSecret()
    await rekeyed.start()
    // The socket is refused, the refresh token too: the session is over, and it says so by
    // going back to sign-in rather than retrying forever.
    for (const client of [alice, bob]) {
      await expect(client.button('Sign in')).toBeVisible({ timeout: 30_000 })
      await expect(client.page.getByLabel('Display name')).toBeVisible()
    }
  } finally {
    await rekeyed.stop()
  }
})
