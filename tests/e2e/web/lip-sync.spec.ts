/**
 * Lip sync: a receiver plays audio and video in sync only when the sender puts both tracks under
 * one stream id (the `a=msid` of their m-lines). The shared screen is its own stream.
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

/** Records every remote description the page applies, for the test to read the SDP. */
const recordRemoteDescriptions = `
  window.__remoteSdps = []
  const original = RTCPeerConnection.prototype.setRemoteDescription
  RTCPeerConnection.prototype.setRemoteDescription = function (description) {
    if (description && description.sdp) window.__remoteSdps.push(description.sdp)
    return original.apply(this, arguments)
  }
`

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
    initScript: recordRemoteDescriptions,
  })
  const bob = await clients.open(server.url, 'Bob', {
    callId,
    initScript: recordRemoteDescriptions,
  })
  await expectDecoding(alice.tile('Bob'))
  await expectDecoding(bob.tile('Alice'))

  for (const client of [alice, bob]) {
    const sdps = await client.page.evaluate(
      () => (globalThis as unknown as { __remoteSdps: string[] }).__remoteSdps,
    )
    expect(sdps.length).toBeGreaterThan(0)
    const [audio, camera, screen] = msidStreamsByMLine(sdps[sdps.length - 1] ?? '')
    expect(audio, `${client.name} audio msid`).toMatch(/^[^-]/)
    expect(camera, `${client.name} camera msid`).toBe(audio)
    expect(screen).not.toBe(audio)
  }
})
