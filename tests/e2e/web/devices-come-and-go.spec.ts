/**
 * Devices that come and go mid-call, through a stand-in mediaDevices around Chromium's fake
 * devices: a plugged device is offered and used; when the microphone, camera or speaker in use
 * is unplugged, the default takes over without dropping the call, and it is said in the call's
 * live region. The other person keeps receiving throughout, over the same link.
 */
import { ParleyServer } from '../fixtures/parley-server'
import {
  audioPacketsReceived,
  openPeers,
  recordPeerConnections,
  sentDevices,
} from '../fixtures/peer-recorder'
import {
  expect,
  expectDecoding,
  test,
  tileStreamId,
  uniqueCallId,
  type CallClient,
} from '../fixtures/call-client'
import { devicesStandIn, type StandInPage } from './devices-stand-in'
import { notices } from './in-call-helpers'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

function plug(
  client: CallClient,
  deviceId: string,
  kind: 'audioinput' | 'videoinput' | 'audiooutput',
  label: string,
): Promise<void> {
  return client.page.evaluate(
    ([id, type, name]) =>
      (globalThis as unknown as StandInPage).__devices.plug(
        id,
        type as 'audioinput' | 'videoinput' | 'audiooutput',
        name,
      ),
    [deviceId, kind, label] as const,
  )
}

function unplug(client: CallClient, deviceId: string): Promise<void> {
  return client.page.evaluate(
    (id) => (globalThis as unknown as StandInPage).__devices.unplug(id),
    deviceId,
  )
}

async function twoInACall(clients: {
  open: (
    url: string,
    name: string,
    options: { callId: string; initScript?: string },
  ) => Promise<CallClient>
}): Promise<{ alice: CallClient; bob: CallClient }> {
  const callId = uniqueCallId('devices-come-go')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: `${recordPeerConnections}\n${devicesStandIn}`,
  })
  const bob = await clients.open(server.url, 'Bob', { callId, initScript: recordPeerConnections })
  await expectDecoding(bob.tile('Alice'))
  await expectDecoding(alice.tile('Bob'))
  return { alice, bob }
}

test('a plugged microphone is offered and used; unplugged, the default takes over and Bob keeps hearing', async ({
  clients,
}) => {
  test.setTimeout(120_000)
  const { alice, bob } = await twoInACall(clients)
  const streamAtBob = await tileStreamId(bob.tile('Alice'))

  await plug(alice, 'usb-headset', 'audioinput', 'USB Headset')
  await expect(notices(alice)).toContainText("New microphone found: 'USB Headset'")
  const offer = alice.page.getByRole('listitem').filter({ hasText: 'USB Headset' })
  await offer.getByRole('button', { name: 'Use', exact: true }).click()
  await expect.poll(() => sentDevices(alice.page, 'audio')).toEqual(['usb-headset'])
  await expect(offer).toHaveCount(0)

  await unplug(alice, 'usb-headset')
  await expect(notices(alice)).toContainText(
    /Your microphone 'USB Headset' was disconnected: using '[^']+'/,
  )
  // Another live microphone on the wire, on the same link: nothing was renegotiated or rebuilt.
  await expect
    .poll(async () => {
      const sent = await sentDevices(alice.page, 'audio')
      return sent.length === 1 && sent[0] !== 'usb-headset'
    })
    .toBe(true)
  expect(await openPeers(alice.page)).toBe(1)
  expect(await tileStreamId(bob.tile('Alice'))).toBe(streamAtBob)
  const before = await audioPacketsReceived(bob.page)
  await expect.poll(() => audioPacketsReceived(bob.page)).toBeGreaterThan(before + 20)
  await expect(alice.button('Mute microphone')).toBeVisible()
})

test('a camera unplugged mid-call: the default camera takes over and Bob keeps seeing Alice', async ({
  clients,
}) => {
  test.setTimeout(120_000)
  const { alice, bob } = await twoInACall(clients)
  const streamAtBob = await tileStreamId(bob.tile('Alice'))

  await plug(alice, 'desk-camera', 'videoinput', 'Desk Camera')
  const offer = alice.page.getByRole('listitem').filter({ hasText: 'Desk Camera' })
  await expect(offer).toContainText("New camera found: 'Desk Camera'")
  await offer.getByRole('button', { name: 'Use', exact: true }).click()
  await expect.poll(() => sentDevices(alice.page, 'video')).toEqual(['desk-camera'])
  await expectDecoding(bob.tile('Alice'))

  await unplug(alice, 'desk-camera')
  await expect(notices(alice)).toContainText(
    /Your camera 'Desk Camera' was disconnected: using '[^']+'/,
  )
  await expect
    .poll(async () => {
      const sent = await sentDevices(alice.page, 'video')
      return sent.length === 1 && sent[0] !== 'desk-camera'
    })
    .toBe(true)
  // The picture goes on: frames keep being decoded on Bob's side, over the same link.
  await expectDecoding(bob.tile('Alice'))
  expect(await tileStreamId(bob.tile('Alice'))).toBe(streamAtBob)
  expect(await openPeers(alice.page)).toBe(1)
  await expect(alice.button('Turn off camera')).toBeVisible()
  await expect(bob.tile('Alice').getByRole('img', { name: 'Camera off' })).toHaveCount(0)
})

test('a plugged speaker is offered; unplugged, sound goes back to the default; an offer can be dismissed', async ({
  clients,
}) => {
  test.setTimeout(120_000)
  const { alice } = await twoInACall(clients)

  await plug(alice, 'usb-speaker', 'audiooutput', 'USB Speaker')
  const offer = alice.page.getByRole('listitem').filter({ hasText: 'USB Speaker' })
  await offer.getByRole('button', { name: 'Use', exact: true }).click()
  await alice.button('Devices').click()
  const speaker = alice.page.getByLabel('Speaker', { exact: true })
  await expect(speaker).toHaveValue('usb-speaker')

  await unplug(alice, 'usb-speaker')
  await expect(notices(alice)).toContainText(
    /Your speaker 'USB Speaker' was disconnected: using '[^']+'/,
  )
  await expect(speaker).not.toHaveValue('usb-speaker')
  await expect(speaker).not.toContainText('USB Speaker')

  // An offer that is not wanted goes away with Dismiss, and nothing changes.
  await alice.page.keyboard.press('Escape')
  await plug(alice, 'spare-camera', 'videoinput', 'Spare Camera')
  const spare = alice.page.getByRole('listitem').filter({ hasText: 'Spare Camera' })
  await spare.getByRole('button', { name: 'Dismiss', exact: true }).click()
  await expect(spare).toHaveCount(0)
  expect(await sentDevices(alice.page, 'video')).not.toContain('spare-camera')
})
