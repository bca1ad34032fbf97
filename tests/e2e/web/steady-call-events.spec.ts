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
  const counts = await alice.page.evaluate(async () => {
    const root = document.getElementById('root')
    let atRoot = 0
    let atVideo = 0
    root?.addEventListener('timeupdate', () => atRoot++, true)
    // A listener on window before ours would still see them: they are stopped, not missing.
    const stream = document.querySelector('video')
    const watched = new Promise<void>((resolve) => {
      window.addEventListener(
        'timeupdate',
        () => {
          atVideo++
          if (atVideo >= 3) resolve()
        },
        true,
      )
    })
    await watched
    return { atRoot, atVideo, videos: stream ? 1 : 0 }
  })
  expect(counts.videos).toBe(1)
  expect(counts.atVideo).toBeGreaterThanOrEqual(3)
  expect(counts.atRoot).toBe(0)
})
