/**
 * Choosing devices: switching the microphone mid-call puts the chosen device on the wire without
 * disturbing the link, and a choice made in the lobby is the one a call starts with. Chromium's
 * fake devices give three microphones (a default and two more), one camera and three speakers.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { recordPeerConnections, type RecordedPeersPage } from '../fixtures/peer-recorder'
import {
  expect,
  expectDecoding,
  test,
  uniqueCallId,
  type CallClient,
} from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/** What the page's objects offer; the tests are typed without the DOM library. */
interface TrackLike {
  kind: string
  getSettings(): { deviceId?: string }
}
interface StatsLike {
  forEach(
    callback: (report: { type: string; kind?: string; packetsReceived?: number }) => void,
  ): void
}
interface PeerLike {
  connectionState: string
  getSenders(): { track: TrackLike | null }[]
  getStats(): Promise<StatsLike>
}
type PeerPage = RecordedPeersPage<PeerLike>

/** The device ids of the microphone tracks every open peer connection sends. */
function sentMicrophones(client: CallClient): Promise<string[]> {
  return client.page.evaluate(() =>
    (globalThis as unknown as PeerPage).__parleyPeers
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .map((sender) => sender.track)
      .filter((track): track is TrackLike => track !== null && track.kind === 'audio')
      .map((track) => track.getSettings().deviceId ?? ''),
  )
}

/** Audio packets received so far over every open peer connection. */
function audioPacketsReceived(client: CallClient): Promise<number> {
  return client.page.evaluate(async () => {
    let total = 0
    for (const pc of (globalThis as unknown as PeerPage).__parleyPeers) {
      if (pc.connectionState === 'closed') continue
      const stats = await pc.getStats()
      stats.forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') {
          total += report.packetsReceived ?? 0
        }
      })
    }
    return total
  })
}

/** The microphone our own preview plays from (it carries the local tracks). */
function previewMicrophone(client: CallClient): Promise<string | null> {
  return client.selfTile
    .locator('video')
    .first()
    .evaluate((element) => {
      const stream = (element as unknown as { srcObject: { getAudioTracks(): TrackLike[] } | null })
        .srcObject
      return stream?.getAudioTracks()[0]?.getSettings().deviceId ?? null
    })
}

/** A value of the list other than the one shown (and other than "System default"). */
async function anotherOption(
  select: ReturnType<CallClient['page']['getByRole']>,
): Promise<{ before: string; next: string }> {
  const before = await select.inputValue()
  const values = await select
    .locator('option')
    .evaluateAll((options) =>
      options.map((option) => (option as unknown as { value: string }).value),
    )
  const next = values.find((value) => value !== '' && value !== before)
  if (!next) throw new Error(`only one microphone to choose from: ${values.join(', ')}`)
  return { before, next }
}

test('switching the microphone in a call: the chosen one is sent, and media keeps flowing', async ({
  clients,
}) => {
  const callId = uniqueCallId('devices')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: recordPeerConnections,
  })
  const bob = await clients.open(server.url, 'Bob', { callId, initScript: recordPeerConnections })
  const aliceAtBob = bob.tile('Alice')
  await expectDecoding(aliceAtBob)

  await alice.button('Devices').click()
  const microphone = alice.page.getByRole('combobox', { name: 'Microphone', exact: true })
  await expect(microphone).toBeEnabled()
  await expect(alice.page.getByRole('combobox', { name: 'Camera', exact: true })).toBeVisible()
  await expect(alice.page.getByRole('combobox', { name: 'Speaker', exact: true })).toBeVisible()
  const { before, next } = await anotherOption(microphone)
  expect(await sentMicrophones(alice)).toEqual([before])
  const packetsBefore = await audioPacketsReceived(bob)

  await microphone.selectOption(next)

  // The same sender now carries the chosen microphone, and the preview shows it too.
  await expect.poll(() => sentMicrophones(alice)).toEqual([next])
  await expect.poll(() => previewMicrophone(alice)).toBe(next)
  await expect(microphone).toHaveValue(next)
  await expect(alice.alert).toHaveCount(0)
  // Bob still gets Alice's voice and picture over the same link.
  await expect.poll(() => audioPacketsReceived(bob)).toBeGreaterThan(packetsBefore + 50)
  await expectDecoding(aliceAtBob)
  // Still unmuted: switching is not muting.
  await expect(alice.button('Mute microphone')).toBeVisible()
})

test('a microphone chosen in the lobby is the one the call starts with', async ({ clients }) => {
  const callId = uniqueCallId('lobby-devices')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    join: false,
    initScript: recordPeerConnections,
  })
  const microphone = alice.page.getByRole('combobox', { name: 'Microphone', exact: true })
  await expect(microphone).toBeEnabled()
  const { next } = await anotherOption(microphone)
  await microphone.selectOption(next)
  await expect(microphone).toHaveValue(next)

  await alice.join()
  await alice.joined()
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(bob.tile('Alice'))
  await expect.poll(() => sentMicrophones(alice)).toEqual([next])
})
