/**
 * Blocked and absent devices, through a stand-in mediaDevices that refuses like a browser does:
 * blocked reads as blocked (how to allow it, and "Try again", which asks the browser again),
 * beside the preview; absent reads as a neutral "No camera found", not an alert; the device lists
 * never say "None found" for a blocked device. The microphone button asks again too, in a call.
 */
import { ParleyServer } from '../fixtures/parley-server'
import { expect, test, uniqueCallId, type CallClient } from '../fixtures/call-client'
import { refusing, type StandInPage } from './devices-stand-in'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

function requests(client: CallClient): Promise<number> {
  return client.page.evaluate(() => (globalThis as unknown as StandInPage).__devices.requests)
}

function allow(client: CallClient, kind: 'audio' | 'video'): Promise<void> {
  return client.page.evaluate(
    (which) => (globalThis as unknown as StandInPage).__devices.allow(which),
    kind,
  )
}

test('camera and microphone blocked: said as blocked beside the preview, and Try again works once allowed', async ({
  clients,
}) => {
  const alice = await clients.open(server.url, 'Alice', {
    callId: uniqueCallId('blocked-both'),
    join: false,
    initScript: refusing(['audio', 'video'], 'blocked'),
  })
  const preview = alice.page.getByRole('region', { name: 'Camera preview' })
  const alert = preview.getByRole('alert')
  await expect(alert).toContainText('Camera and microphone blocked')
  await expect(alert).toContainText("your browser's site settings")
  await expect(
    preview.locator('.preview').getByText('Camera blocked', { exact: true }),
  ).toBeVisible()
  // The lists say blocked, never "None found".
  const camera = alice.page.getByLabel('Camera', { exact: true })
  const microphone = alice.page.getByLabel('Microphone', { exact: true })
  await expect(camera).toContainText('Camera blocked')
  await expect(microphone).toContainText('Microphone blocked')
  await expect(alice.page.getByText('None found')).toHaveCount(0)

  // Still blocked: Try again asks the browser again, and the alert stays.
  const asked = await requests(alice)
  await alert.getByRole('button', { name: 'Try again', exact: true }).click()
  await expect.poll(() => requests(alice)).toBeGreaterThan(asked)
  await expect(alert).toContainText('Camera and microphone blocked')

  // Dismissed, it comes back when the camera button asks again and the browser still refuses.
  await alert.getByRole('button', { name: 'Dismiss', exact: true }).click()
  await expect(preview.getByRole('alert')).toHaveCount(0)
  await alice.button('Turn on camera').click()
  await expect(alert).toContainText('Camera and microphone blocked')

  // Allowed in the browser: Try again brings both back.
  await allow(alice, 'audio')
  await allow(alice, 'video')
  await alert.getByRole('button', { name: 'Try again', exact: true }).click()
  await expect(preview.getByRole('alert')).toHaveCount(0)
  await expect(alice.button('Turn off camera')).toBeVisible()
  await expect(alice.button('Mute microphone')).toBeVisible()
  await expect(camera).not.toContainText('Camera blocked')
  await expect(microphone).not.toContainText('Microphone blocked')
  await expect(preview.locator('video')).toBeVisible()
})

test('in a call, the microphone button asks again for a blocked microphone', async ({
  clients,
}) => {
  test.setTimeout(120_000)
  const callId = uniqueCallId('blocked-mic')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: refusing(['audio'], 'blocked'),
  })
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expect(bob.tile('Alice').getByRole('img', { name: 'Microphone muted' })).toBeVisible()
  await expect(alice.alert.first()).toContainText('Microphone blocked')

  const asked = await requests(alice)
  await alice.button('Unmute microphone').click()
  await expect.poll(() => requests(alice)).toBeGreaterThan(asked)
  await expect(alice.button('Unmute microphone')).toBeVisible()

  await allow(alice, 'audio')
  await alice.button('Unmute microphone').click()
  await expect(alice.button('Mute microphone')).toBeVisible()
  await expect(alice.page.getByText('Microphone blocked')).toHaveCount(0)
  await expect(bob.tile('Alice').getByRole('img', { name: 'Microphone muted' })).toHaveCount(0)
})

test('no camera: a neutral note, not an error, and the list says none was found', async ({
  clients,
}) => {
  const alice = await clients.open(server.url, 'Alice', {
    callId: uniqueCallId('no-camera'),
    join: false,
    initScript: refusing(['video'], 'absent'),
  })
  const preview = alice.page.getByRole('region', { name: 'Camera preview' })
  await expect(preview.getByText('No camera found. The others will hear you')).toBeVisible()
  await expect(alice.page.getByRole('alert')).toHaveCount(0)
  await expect(alice.page.getByLabel('Camera', { exact: true })).toContainText('No camera found')
  await expect(alice.button('Mute microphone')).toBeVisible()

  // A camera plugged in later (once the first listing is there) is offered, and Use turns it on.
  await expect(alice.page.getByLabel('Microphone', { exact: true })).toBeEnabled()
  await allow(alice, 'video')
  const offers = alice.page.getByRole('log', { name: 'Device notices' })
  await expect(offers).toContainText('New camera found')
  await offers.getByRole('button', { name: 'Use', exact: true }).click()
  await expect(alice.button('Turn off camera')).toBeVisible()
  await expect(preview.locator('video')).toBeVisible()
  await expect(preview.getByText('No camera found. The others will hear you')).toHaveCount(0)
})
