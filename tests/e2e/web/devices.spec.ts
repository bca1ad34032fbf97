/**
 * Choosing devices: switching the microphone mid-call puts the chosen device on the wire without
 * disturbing the link, and a choice made in the lobby is the one a call starts with. Chromium's
 * fake devices give three microphones (a default and two more), one camera and three speakers.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { audioPacketsReceived, recordPeerConnections, sentDevices } from '../fixtures/peer-recorder'
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

/** The page's own tracks, typed without the DOM library. */
interface TrackLike {
  getSettings(): { deviceId?: string }
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
  expect(await sentDevices(alice.page, 'audio')).toEqual([before])
  const packetsBefore = await audioPacketsReceived(bob.page)

  await microphone.selectOption(next)

  // The same sender now carries the chosen microphone, and the preview shows it too.
  await expect.poll(() => sentDevices(alice.page, 'audio')).toEqual([next])
  await expect.poll(() => previewMicrophone(alice)).toBe(next)
  await expect(microphone).toHaveValue(next)
  await expect(alice.alert).toHaveCount(0)
  // Bob still gets Alice's voice and picture over the same link.
  await expect.poll(() => audioPacketsReceived(bob.page)).toBeGreaterThan(packetsBefore + 50)
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
  await expect.poll(() => sentDevices(alice.page, 'audio')).toEqual([next])
})
