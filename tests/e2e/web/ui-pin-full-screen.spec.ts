/**
 * Pin a person to the stage, full screen for any tile, and the self-view: mirrored by default,
 * un-mirrored or hidden from "More".
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

async function area(locator: Locator): Promise<number> {
  const box = await locator.boundingBox()
  if (!box) throw new Error('no bounding box')
  return box.width * box.height
}

function isFullScreen(tile: Locator): Promise<boolean> {
  return tile.evaluate((element) => element.ownerDocument.fullscreenElement === element)
}

test('pinning puts a person on the stage; any tile goes full screen and back', async ({
  clients,
}) => {
  const callId = uniqueCallId('pin')
  const alice = await clients.open(server.url, 'Alice', { callId })
  await clients.open(server.url, 'Bob', { callId })
  const bob = alice.tile('Bob')
  const self = alice.selfTile
  await expectDecoding(bob)

  await bob.hover()
  await bob.getByRole('button', { name: 'Pin Bob', exact: true }).click()
  await expect(bob.getByRole('button', { name: 'Unpin Bob' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  // On the stage: much larger than the others, and still playing.
  await expect.poll(async () => (await area(bob)) > 3 * (await area(self))).toBe(true)
  await expectDecoding(bob)
  await bob.getByRole('button', { name: 'Unpin Bob' }).click()
  await expect.poll(async () => Math.abs((await area(bob)) - (await area(self)))).toBeLessThan(4)

  // Full screen for a camera tile, our own included.
  for (const tile of [bob, self]) {
    await tile.hover()
    await tile.getByRole('button', { name: 'Full screen', exact: true }).click()
    await expect.poll(() => isFullScreen(tile)).toBe(true)
    await tile.getByRole('button', { name: 'Exit full screen' }).click()
    await expect.poll(() => isFullScreen(tile)).toBe(false)
  }
})

test('self-view is mirrored by default, and can be un-mirrored or hidden', async ({ clients }) => {
  const callId = uniqueCallId('self-view')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const video = alice.selfTile.locator('video')
  const transform = () =>
    video.evaluate(
      (element) => element.ownerDocument.defaultView?.getComputedStyle(element).transform,
    )
  await expect.poll(transform).toBe('matrix(-1, 0, 0, 1, 0, 0)')

  const menu = alice.page.getByRole('menu', { name: 'More' })
  await alice.button('More').click()
  const mirror = menu.getByRole('menuitemcheckbox', { name: 'Mirror my video' })
  await expect(mirror).toHaveAttribute('aria-checked', 'true')
  await mirror.click()
  await expect.poll(transform).toBe('none')

  await alice.button('More').click()
  await menu.getByRole('menuitemcheckbox', { name: 'Hide self-view' }).click()
  await expect(alice.selfTile).toHaveCount(0)
  // Still in the call, still sending.
  await expect(alice.button('Leave call')).toBeVisible()
  await alice.button('More').click()
  const hide = menu.getByRole('menuitemcheckbox', { name: 'Hide self-view' })
  await expect(hide).toHaveAttribute('aria-checked', 'true')
  await hide.click()
  await expect(alice.selfTile).toBeVisible()
  await expect.poll(transform).toBe('none')
})
