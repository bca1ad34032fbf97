/**
 * Lip sync: a receiver plays audio and video in sync only when the sender puts both tracks under
 * one stream id (the `a=msid` of their m-lines). The shared screen is its own stream.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { recordPeerConnections, type RecordedPeersPage } from '../fixtures/peer-recorder'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/** What the test reads of a recorded connection; the tests are typed without the DOM library. */
type SdpPage = RecordedPeersPage<{ remoteDescription: { sdp: string } | null }>

/** The msid stream id of each m-line, in order ('-' or null where there is none). */
function msidStreamsByMLine(sdp: string): (string | null)[] {
  return sdp
    .split(/\r?\nm=/)
    .slice(1)
    .map((section) => /^a=msid:(\S+)/m.exec(section)?.[1] ?? null)
}

test('audio and camera arrive under one stream id, both ways', async ({ clients }) => {
  const callId = uniqueCallId('sync')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: recordPeerConnections,
  })
  const bob = await clients.open(server.url, 'Bob', {
    callId,
    initScript: recordPeerConnections,
  })
  await expectDecoding(alice.tile('Bob'))
  await expectDecoding(bob.tile('Alice'))

  for (const client of [alice, bob]) {
    const sdps = await client.page.evaluate(() =>
      (globalThis as unknown as SdpPage).__parleyPeers.flatMap((pc) =>
        pc.remoteDescription ? [pc.remoteDescription.sdp] : [],
      ),
    )
    expect(sdps.length).toBeGreaterThan(0)
    const [audio, camera, screen] = msidStreamsByMLine(sdps[sdps.length - 1] ?? '')
    expect(audio, `${client.name} audio msid`).toMatch(/^[^-]/)
    expect(camera, `${client.name} camera msid`).toBe(audio)
    expect(screen).not.toBe(audio)
  }
})
