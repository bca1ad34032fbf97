/**
 * A camera goes out at the size the other Parley shows it (engine/shown-size.ts): Bob's small
 * window shows Alice in a small tile, and Alice's link to him carries a picture that just covers
 * that tile, not her whole 640x480 camera; Bob makes his window large, and the full camera comes
 * back. Read where it is decided: the frame size of Alice's outgoing camera stream, and the size
 * of the element Bob shows it on.
 */
import type { Page } from '@playwright/test'
import { ParleyServer } from '../fixtures/parley-server'
import { recordPeerConnections, sentVideoSizes } from '../fixtures/peer-recorder'
import {
  expect,
  expectDecoding,
  test,
  uniqueCallId,
  type CallClient,
} from '../fixtures/call-client'

/** Chromium's fake camera, as getUserMedia gives it to Parley's 640x480 request. */
const CAMERA = { width: 640, height: 480 }

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/** The width of the camera picture Alice's one link sends now (0 before the first frame). */
async function sentWidth(page: Page): Promise<number> {
  return Math.max(0, ...(await sentVideoSizes(page)).map((size) => size.width))
}

/**
 * The width a 4:3 camera needs to cover the element Bob shows Alice on, in device pixels (the
 * tile fills its box: object-fit: cover).
 */
function coverWidth(viewer: CallClient, sender: string): Promise<number> {
  return viewer
    .tile(sender)
    .locator('video')
    .first()
    .evaluate((element, camera) => {
      const ratio = element.ownerDocument.defaultView?.devicePixelRatio ?? 1
      const width = element.clientWidth * ratio
      const height = element.clientHeight * ratio
      return Math.ceil(Math.max(width, (height * camera.width) / camera.height))
    }, CAMERA)
}

test('a small tile gets a small picture, a large one the whole camera', async ({ clients }) => {
  const callId = uniqueCallId('shown-size')
  const alice = await clients.open(server.url, 'Alice', {
    callId,
    initScript: recordPeerConnections,
  })
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(bob.tile('Alice'))

  await bob.page.setViewportSize({ width: 560, height: 420 })
  // The stage lays itself out again after a resize (it measures its own size): waited for.
  await expect.poll(() => coverWidth(bob, 'Alice')).toBeLessThan(CAMERA.width * 0.9)
  const small = await coverWidth(bob, 'Alice')
  // Covered, never short of it; at most a tenth over (a size is told again past a tenth). The
  // encoder may start lower while the bandwidth estimate ramps up: waited out.
  await expect
    .poll(() => sentWidth(alice.page), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(small - 2)
  await expect.poll(() => sentWidth(alice.page)).toBeLessThanOrEqual(Math.ceil(small * 1.12))
  await expectDecoding(bob.tile('Alice'))

  await bob.page.setViewportSize({ width: 1600, height: 1000 })
  await expect.poll(() => coverWidth(bob, 'Alice')).toBeGreaterThan(CAMERA.width)
  await expect.poll(() => sentWidth(alice.page), { timeout: 30_000 }).toBe(CAMERA.width)
  await expectDecoding(bob.tile('Alice'))
})
