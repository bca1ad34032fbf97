/**
 * Leaving shows an end-of-call screen: which call, how long, "Rejoin" and "Back to start", with
 * the focus on its heading (announced) and the camera switched off until asked for again.
 */
import type { Page } from '@playwright/test'
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/** Keeps every camera track the page opens, to tell whether one is still live. */
const recordCameraTracks = `
  window.__cameraTracks = []
  // about:blank, where a context's first page starts, has no mediaDevices (not a secure context).
  if (navigator.mediaDevices) {
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await open(constraints)
    window.__cameraTracks.push(...stream.getVideoTracks())
    return stream
  }
  }
`

interface TrackLike {
  readyState: string
}

function liveCameras(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { __cameraTracks: TrackLike[] }).__cameraTracks.filter(
        (track) => track.readyState === 'live',
      ).length,
  )
}

test('leaving says which call and how long, turns the camera off, and Rejoin brings both back', async ({
  clients,
}) => {
  const callId = uniqueCallId('ended')
  const alice = await clients.open(server.url, 'Alice', { callId, initScript: recordCameraTracks })
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(bob.tile('Alice'))
  expect(await liveCameras(alice.page)).toBe(1)

  await alice.button('Leave call').click()
  const heading = alice.page.getByRole('heading', { name: `You left call ${callId}` })
  await expect(heading).toBeVisible()
  await expect(heading).toBeFocused()
  await expect(alice.page.getByText(/^Call length \d+:\d\d$/)).toBeVisible()
  await expect(alice.button('Rejoin')).toBeVisible()
  await expect(alice.button('Back to start')).toBeVisible()
  await expect(bob.tile('Alice')).toHaveCount(0)
  // No live camera behind a screen that does not show one.
  await expect.poll(() => liveCameras(alice.page)).toBe(0)

  await alice.button('Rejoin').click()
  await alice.joined()
  await expectDecoding(bob.tile('Alice'))
  await expect(alice.button('Turn off camera')).toBeVisible()

  // Back to start: the lobby, camera still off until asked for.
  await alice.button('Leave call').click()
  await alice.button('Back to start').click()
  await expect(alice.button('Join call')).toBeVisible()
  await expect(alice.button('Turn on camera')).toBeVisible()
  await expect.poll(() => liveCameras(alice.page)).toBe(0)
  await alice.button('Turn on camera').click()
  await expect.poll(() => liveCameras(alice.page)).toBe(1)
})
