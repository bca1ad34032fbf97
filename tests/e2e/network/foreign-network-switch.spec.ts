/**
 * A network switch in a call with a peer Parley did not write: the plain client page (PROTOCOL.md
 * only; it never restarts ICE and never rolls back; after a drop its socket reconnects and joins
 * again, as a naive client's does). Parley must bring media back both ways on its own, whichever
 * side's uplink switched: its ICE restart when its own network changed, and when the plain
 * client's did, a restart (or a new link) once the plain client is back on the server. The bound is
 * functional (it came back at all); how fast is bench:network's business.
 */
import { expectPlainDecoding } from '../interop/fixtures/plain-client'
import { uniqueCallId } from '../fixtures/call-client'
import { waitForFlow } from './fixtures/frame-meter'
import { expect, test, type ForeignNetworkCall } from './fixtures/network-call'
import { UPLINK_SWITCHES, type UplinkSwitch } from './fixtures/uplink-switches'

/** Long enough for any recovery the call could call working; not a speed target. */
const RECOVERY_BOUND_MS = 45_000

test.describe.configure({ timeout: 180_000 })

/** Frames advance on both screens, counted from the moment given. */
async function mediaFlowsBothWays(call: ForeignNetworkCall, since: number): Promise<void> {
  const parleyId = await call.plain.remoteId('Alice')
  await waitForFlow([{ page: call.parley.page, tile: 'Plain' }], since, RECOVERY_BOUND_MS)
  await expectPlainDecoding(call.plain, parleyId, RECOVERY_BOUND_MS)
}

async function switchAndRecover(call: ForeignNetworkCall, kind: UplinkSwitch): Promise<void> {
  await mediaFlowsBothWays(call, Date.now())
  const usableAt = await UPLINK_SWITCHES[kind](call.lab)
  await mediaFlowsBothWays(call, usableAt)
  // What the plain client went through (reconnects, offers it answered) goes with the result.
  const state = await call.plain.state()
  expect(state.errors).toEqual([])
  test.info().annotations.push({
    type: 'plain client',
    description: `socket connects ${state.connects}, peer connections ${JSON.stringify(
      state.peerConnections,
    )}, offers ${JSON.stringify(state.offers)}, ICE restarts ${JSON.stringify(state.iceRestarts)}`,
  })
}

test("Parley's Wi-Fi lost, then cellular, with a plain client on the other end: media comes back both ways", async ({
  networkCall,
}) => {
  const call = await networkCall.startForeign(uniqueCallId('foreign-parley-switch'), 'b')
  await switchAndRecover(call, 'wifi-then-cellular')
})

test("Parley's cellular up before Wi-Fi goes, with a plain client on the other end: media comes back both ways", async ({
  networkCall,
}) => {
  const call = await networkCall.startForeign(uniqueCallId('foreign-parley-dual'), 'b')
  await switchAndRecover(call, 'cellular-then-wifi')
})

test("the plain client's Wi-Fi lost, then cellular: it only rejoins, and Parley brings media back both ways", async ({
  networkCall,
}) => {
  const call = await networkCall.startForeign(uniqueCallId('foreign-plain-switch'), 'a')
  const connectsBefore = (await call.plain.state()).connects
  await switchAndRecover(call, 'wifi-then-cellular')
  // It did lose the server, and came back by joining again.
  expect((await call.plain.state()).connects).toBeGreaterThan(connectsBefore)
})

test("the plain client's cellular up before Wi-Fi goes: Parley brings media back both ways", async ({
  networkCall,
}) => {
  const call = await networkCall.startForeign(uniqueCallId('foreign-plain-dual'), 'a')
  await switchAndRecover(call, 'cellular-then-wifi')
})
