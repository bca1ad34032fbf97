/**
 * A tile with no picture yet shows the person's initials, not an empty box, and the "Waiting for
 * others" hint never covers our own name plate.
 */
import type { Locator } from '@playwright/test'
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

/**
 * Holds back every video's picture until `window.__releaseFrames()`: the stream a <video> is given
 * is kept aside (the element reads as given it, but decodes nothing), and so are "a frame was
 * shown" callbacks. Holding the callbacks alone is not enough: on a busy machine the engine's
 * element can decode its first frame before the tile is drawn, and the tile then shows it at once.
 */
const holdFirstFrames = `
  const held = []
  const streams = new Map()
  let holding = true
  const source = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    get() {
      return holding && streams.has(this) ? streams.get(this) : source.get.call(this)
    },
    set(stream) {
      if (holding) streams.set(this, stream)
      else source.set.call(this, stream)
    },
  })
  const request = HTMLVideoElement.prototype.requestVideoFrameCallback
  HTMLVideoElement.prototype.requestVideoFrameCallback = function (callback) {
    if (!holding) return request.call(this, callback)
    held.push([this, callback])
    return 0
  }
  window.__releaseFrames = () => {
    holding = false
    for (const [video, stream] of streams) {
      source.set.call(video, stream)
      video.play().catch(() => undefined)
    }
    streams.clear()
    for (const [video, callback] of held.splice(0)) request.call(video, callback)
  }
`

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox()
  if (!box) throw new Error('no bounding box')
  return box
}

test('initials stand in until the first frame of a remote camera', async ({ clients }) => {
  const callId = uniqueCallId('initials')
  const alice = await clients.open(server.url, 'Alice', { callId, initScript: holdFirstFrames })
  await clients.open(server.url, 'Ben Okafor', { callId })
  const tile = alice.tile('Ben Okafor')
  await expect(tile).toBeVisible()
  // Media flows, but no frame has been shown: the initials, not an empty box.
  await expect(tile.getByText('BO', { exact: true })).toBeVisible()
  await expect(tile).not.toHaveAttribute('data-picture', 'true')

  await alice.page.evaluate(() =>
    (globalThis as unknown as { __releaseFrames(): void }).__releaseFrames(),
  )
  await expect(tile).toHaveAttribute('data-picture', 'true')
  await expect(tile.getByText('BO', { exact: true })).toHaveCount(0)
  await expectDecoding(tile)
})

test('"Waiting for others" stays clear of our own name plate, wide and narrow', async ({
  clients,
}) => {
  const callId = uniqueCallId('alone')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const hint = alice.page.getByText('Waiting for others.')
  const namePlate = alice.selfTile.getByText('Alice (you)', { exact: true })
  for (const size of [
    { width: 1280, height: 800 },
    { width: 360, height: 720 },
    { width: 960, height: 400 },
  ]) {
    await alice.page.setViewportSize(size)
    await expect(hint).toBeVisible()
    await expect(namePlate).toBeVisible()
    const a = await boxOf(hint)
    const b = await boxOf(namePlate)
    const overlap =
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    expect(overlap, `hint over the name plate at ${size.width}x${size.height}`).toBe(false)
    await namePlate.click({ trial: true })
  }
})
