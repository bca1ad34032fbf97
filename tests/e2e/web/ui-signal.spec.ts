/**
 * The link to each person as quiet signal bars: no words while it is good, "Ben's connection is
 * poor" when it is not, and the details (route, round trip, loss, bitrate) one click or one
 * keyboard focus away.
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

/**
 * Once `window.__slowLink` is set, getStats reports a 600 ms round trip on every candidate pair:
 * a link as slow as a bad mobile one, on loopback.
 */
const slowLinkSwitch = `
  const getStats = RTCPeerConnection.prototype.getStats
  RTCPeerConnection.prototype.getStats = async function (...args) {
    const report = await getStats.apply(this, args)
    if (!window.__slowLink) return report
    const changed = new Map()
    report.forEach((entry, id) => {
      changed.set(id, entry.type === 'candidate-pair' ? { ...entry, currentRoundTripTime: 0.6 } : entry)
    })
    return changed
  }
`

test('a good link shows bars and no words; a poor one says so; details open by click and by keyboard', async ({
  clients,
}) => {
  const callId = uniqueCallId('signal')
  const alice = await clients.open(server.url, 'Alice', { callId, initScript: slowLinkSwitch })
  await clients.open(server.url, 'Ben', { callId })
  const tile = alice.tile('Ben')
  await expectDecoding(tile)

  const bars = tile.getByRole('img', { name: 'Connection: direct, good signal' })
  await expect(bars).toBeVisible()
  await expect(tile.getByText("Ben's connection is poor")).toHaveCount(0)
  // No network words on the tile itself.
  await expect(tile.getByText(/Direct|Relayed|ms/).filter({ visible: true })).toHaveCount(0)

  // Keyboard: focusing the indicator shows the details; Escape hides them.
  const details = alice.page.getByRole('group', { name: 'Connection to Ben' })
  await expect(details).toBeHidden()
  const indicator = tile.getByRole('button', { name: /^Connection: direct/ })
  await indicator.focus()
  await expect(details).toBeVisible()
  await expect(details).toContainText('RouteDirect')
  await expect(details).toContainText(/Round trip\d+ ms/)
  await expect(details).toContainText(/Packet loss\d+\.\d %/)
  await expect(details).toContainText(/Receiving\d+ kbit\/s/)
  await alice.page.keyboard.press('Escape')
  await expect(details).toBeHidden()

  // A click pins them open until a click elsewhere.
  await indicator.click()
  await expect(details).toBeVisible()
  await expect(indicator).toHaveAttribute('aria-expanded', 'true')
  await alice.page.mouse.move(5, 5)
  await expect(details).toBeVisible()
  await alice.page.mouse.click(5, 5)
  await expect(details).toBeHidden()

  // A slow link: words, in the person's name, and the bars' name says poor.
  await alice.page.evaluate(() => {
    ;(globalThis as unknown as { __slowLink: boolean }).__slowLink = true
  })
  await expect(tile.getByText("Ben's connection is poor")).toBeVisible()
  await expect(tile.getByRole('img', { name: 'Connection: direct, poor signal' })).toBeVisible()
  await indicator.focus()
  await expect(details).toContainText('Round trip600 ms')
})
