/**
 * Parley's network goes dark (a tunnel, a dead access point: nothing gets through, every
 * interface stays up) for longer than the server's heartbeat, with the plain client page on the
 * other end. The server drops Parley's silent socket and tells the plain client Parley left; the
 * plain client, as PROTOCOL.md's clients do, closes its connection to Parley and waits for an offer
 * when Parley joins again. Parley's own connection outlived all that: when its network is back it
 * must still bring media back both ways, with a connection on the other end that is not the one it
 * had. The bound is functional (it came back at all); how fast is bench:network's business.
 */
import { expectPlainDecoding, type PlainClient } from '../interop/fixtures/plain-client'
import { uniqueCallId } from '../fixtures/call-client'
import { waitForFlow } from './fixtures/frame-meter'
import { expect, test } from './fixtures/network-call'

/** Longer than the reference server's heartbeat (2 s pings, 3 s to answer). */
const DARK_MS = 9_000
/** Long enough for any recovery the call could call working; not a speed target. */
const RECOVERY_BOUND_MS = 45_000

test.describe.configure({ timeout: 180_000 })

/** What the server told the plain client about `userId`, in order: 'left', 'joined'. */
async function heardOf(plain: PlainClient, userId: string): Promise<string[]> {
  const { log } = await plain.state()
  return log.flatMap((entry) => {
    const about = (entry.payload as { userId?: unknown } | null)?.userId === userId
    if (!about) return []
    if (entry.event === 'rtc:participantLeft') return ['left']
    if (entry.event === 'rtc:participantJoined') return ['joined']
    return []
  })
}

test("Parley's network dark past the server's heartbeat, a plain client on the other end: the plain client hears Parley leave and come back, and media comes back both ways", async ({
  networkCall,
}) => {
  const call = await networkCall.startForeign(uniqueCallId('foreign-dark'), 'b')
  const parleyId = await call.plain.remoteId('Alice')
  await waitForFlow([{ page: call.parley.page, tile: 'Plain' }], Date.now(), RECOVERY_BOUND_MS)
  await expectPlainDecoding(call.plain, parleyId, RECOVERY_BOUND_MS)
  const connectionsBefore = (await call.plain.state()).peerConnections[parleyId] ?? 0

  const darkAt = await call.lab.goDark('a')
  // The server noticed the silence and told the plain client, which let its connection go.
  await expect
    .poll(() => heardOf(call.plain, parleyId), {
      timeout: DARK_MS,
      message: 'the plain client hears that Parley left',
    })
    .toEqual(['left'])
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, darkAt + DARK_MS - Date.now())))
  const backAt = await call.lab.comeBack('a')

  await waitForFlow([{ page: call.parley.page, tile: 'Plain' }], backAt, RECOVERY_BOUND_MS)
  await expectPlainDecoding(call.plain, parleyId, RECOVERY_BOUND_MS)
  const state = await call.plain.state()
  // Parley joined again, and the plain client's media comes from a connection made after the
  // one it closed.
  expect(await heardOf(call.plain, parleyId)).toEqual(['left', 'joined'])
  expect(state.peerConnections[parleyId]).toBeGreaterThan(connectionsBefore)
  expect(state.errors).toEqual([])
})
