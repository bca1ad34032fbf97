/**
 * A steady call gives React nothing to do: the videos' steady events (timeupdate, four a second
 * for each playing video) stop before React's root, where its event dispatch would otherwise run
 * for each of them.
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

test("the videos' timeupdate events never reach React's root while the videos play", async ({
  clients,
}) => {
  const callId = uniqueCallId('quiet-events')
  const alice = await clients.open(server.url, 'Alice', { callId })
  await clients.open(server.url, 'Bob', { callId })
  const bob = alice.tile('Bob')
  await expectDecoding(bob)
  const counts = await bob.evaluate(async (tile) => {
    const doc = tile.ownerDocument
    const view = doc.defaultView
    let atRoot = 0
    let atWindow = 0
    doc.getElementById('root')?.addEventListener('timeupdate', () => atRoot++, true)
    // A listener on the window still sees them: they are stopped there, not missing.
    await new Promise<void>((resolve) => {
      view?.addEventListener(
        'timeupdate',
        () => {
          atWindow++
          if (atWindow >= 3) resolve()
        },
        true,
      )
    })
    return { atRoot, atWindow }
  })
  expect(counts.atWindow).toBeGreaterThanOrEqual(3)
  expect(counts.atRoot).toBe(0)
})
