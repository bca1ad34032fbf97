/**
 * Narrow windows (420, 375 and 360 px): every call control stays inside the window and takes a
 * click, controls that do not fit move into "More" and still work from there, the status line
 * is not cut off, and the lobby's header parts do not overlap.
 */
import type { Locator, Page } from '@playwright/test'
import { ParleyServer } from '../fixtures/parley-server'
import { expect, expectDecoding, test, uniqueCallId } from '../fixtures/call-client'

let server: ParleyServer

test.beforeAll(async () => {
  server = await ParleyServer.start()
})

test.afterAll(async () => {
  await server.stop()
})

const WIDTHS = [420, 375, 360]

interface Box {
  x: number
  y: number
  width: number
  height: number
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  if (!box) throw new Error('no bounding box')
  return box
}

/**
 * Inside the viewport (once scrolled to, on a page that scrolls: the call screen does not), and
 * the element itself, not something over it, takes the click.
 */
async function expectReachable(page: Page, locator: Locator): Promise<void> {
  const viewport = page.viewportSize()
  if (!viewport) throw new Error('no viewport')
  await locator.scrollIntoViewIfNeeded()
  const box = await boxOf(locator)
  const name = (await locator.getAttribute('aria-label')) ?? (await locator.innerText())
  expect(box.x, `${name} starts inside the window`).toBeGreaterThanOrEqual(0)
  expect(box.y, `${name} starts inside the window`).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, `${name} ends inside the window`).toBeLessThanOrEqual(viewport.width)
  expect(box.y + box.height, `${name} ends inside the window`).toBeLessThanOrEqual(viewport.height)
  await locator.click({ trial: true })
}

/** The accessible names of the buttons in the controls bar, in order. */
function barButtonNames(controls: Locator): Promise<string[]> {
  return controls
    .getByRole('button')
    .evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('aria-label') ?? element.textContent ?? ''),
    )
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

test('every call control is reachable at 420, 375 and 360 px, through "More" when needed', async ({
  clients,
}) => {
  const callId = uniqueCallId('narrow')
  const alice = await clients.open(server.url, 'Alice', { callId })
  const bob = await clients.open(server.url, 'Bob', { callId })
  await expectDecoding(alice.tile('Bob'))
  const page = alice.page
  const controls = page.getByRole('region', { name: 'Call controls' })

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 720 })
    // The bar rearranges once it has measured its new width (a frame or more after the resize):
    // wait until the set of controls in it reads the same twice in a row, then check each by
    // name (a list of positions taken before the rearrangement would point at moved buttons).
    await expect(alice.button('More')).toBeVisible()
    let names: string[] = []
    await expect
      .poll(async () => {
        const before = names
        names = await barButtonNames(controls)
        return names.length > 0 && names.join('|') === before.join('|')
      })
      .toBe(true)
    for (const name of names) {
      await expectReachable(page, controls.getByRole('button', { name, exact: true }))
    }
    for (const name of ['Mute microphone', 'Turn off camera', 'More', 'Leave call']) {
      await expect(alice.button(name), `${name} at ${width} px`).toBeVisible()
    }

    // Whatever left the bar is in the menu, and every item there is reachable too.
    await alice.button('More').click()
    const menu = page.getByRole('menu', { name: 'More' })
    await expect(menu).toBeVisible()
    for (const name of ['Devices', 'Share screen']) {
      const inBar = await alice.button(name).count()
      const inMenu = await menu.getByRole('menuitem', { name, exact: true }).count()
      expect(inBar + inMenu, `${name} is in the bar or in More at ${width} px`).toBe(1)
    }
    for (const item of await menu.locator('[role^="menuitem"]').all()) {
      await expectReachable(page, item)
    }
    await page.keyboard.press('Escape')
    await expect(menu).toHaveCount(0)
    await expect(alice.button('More')).toBeFocused()

    // The status line keeps the participant count in view (it wraps instead of cutting).
    await expect(alice.status).toContainText(/2 (of \d+|in call)/)
    const cut = await alice.status.evaluate(
      (element) => element.scrollWidth > element.clientWidth + 1,
    )
    expect(cut, `status line cut off at ${width} px`).toBe(false)
  }

  // At 360 px "Share screen" lives in More, and works from there.
  await page.setViewportSize({ width: 360, height: 720 })
  await expect(alice.button('Share screen')).toHaveCount(0)
  await alice.button('More').click()
  await page.getByRole('menuitem', { name: 'Share screen', exact: true }).click()
  await expectDecoding(bob.screenTile('Alice'))
  await alice.button('More').click()
  await page.getByRole('menuitem', { name: 'Stop sharing', exact: true }).click()
  await expect(bob.screenTile('Alice')).toHaveCount(0)

  // Devices opens the device lists inside the window, and Escape gives the focus back.
  await alice.button('Devices').click()
  const devices = page.getByRole('dialog', { name: 'Devices' })
  await expect(devices).toBeVisible()
  for (const list of ['Camera', 'Microphone']) {
    await expectReachable(page, devices.getByRole('combobox', { name: list, exact: true }))
  }
  await page.keyboard.press('Escape')
  await expect(devices).toHaveCount(0)
  await expect(alice.button('Devices')).toBeFocused()
  await page.screenshot({ path: 'test-results/narrow-360.png' })
})

test('the lobby header does not overlap itself at 360 px', async ({ clients }) => {
  const carol = await clients.open(server.url, 'Carol Longname-Surname', {
    callId: uniqueCallId('narrow-lobby'),
    join: false,
  })
  const page = carol.page
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 720 })
    // In the lobby's own header: the call screen, rendered ahead and hidden, has her name too.
    const header = page.getByRole('banner')
    const name = header.getByText('Carol Longname-Surname', { exact: true })
    const server = header.getByText(new URL(page.url()).host)
    const signOut = carol.button('Sign out')
    await expectReachable(page, signOut)
    await expectReachable(page, carol.button('Join call'))
    await expectReachable(page, carol.button('New call'))
    const signOutBox = await boxOf(signOut)
    expect(overlaps(await boxOf(name), signOutBox), `name over Sign out at ${width}`).toBe(false)
    expect(overlaps(await boxOf(server), signOutBox), `server over Sign out at ${width}`).toBe(
      false,
    )
    expect(overlaps(await boxOf(name), await boxOf(server)), `name over server at ${width}`).toBe(
      false,
    )
  }
})
