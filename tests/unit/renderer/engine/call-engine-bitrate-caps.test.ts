/**
 * Bitrate caps follow the number of people in the call, but the links already up take the caps
 * for a new number a few seconds after it changed, not while a newcomer's link is set up: reading
 * a sender's parameters waits on WebRTC's own thread, which the newcomer's offer needs then.
 * socket.io-client is replaced by a stand-in the test plays the server through, the browser's
 * WebRTC by the mock RTCPeerConnection.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MockRTCPeerConnection } from './mock-rtc'
import {
  bridge,
  engines,
  installEngineGlobals,
  joinWithOthers,
  CALL,
  person,
  restoreEngineGlobals,
  session,
  settle,
  socket,
} from './engine-harness'

vi.mock('socket.io-client', async () => (await import('./engine-harness')).fakeSocketIo)

const { CallEngineImpl } = await import('../../../../src/renderer/src/engine/call-engine')

beforeEach(() => {
  installEngineGlobals({})
})

afterEach(restoreEngineGlobals)

/** Alice joins a call where Ben is; Ben answers her offer, the link connects and its caps land. */
async function inCallWithBen(): Promise<void> {
  const engine = new CallEngineImpl({ bridge, session })
  engines.push(engine)
  await joinWithOthers(engine, [person('ben')])
  // Caps are written a moment (300 ms) after the first connection.
  await settle(300)
}

/** The sender of Alice's camera on her link to Ben. */
function cameraToBen() {
  const camera = MockRTCPeerConnection.instances[0]
    ?.getTransceivers()
    .find((t) => t.kind === 'video')?.sender
  if (!camera) throw new Error('no camera section on the link to Ben')
  return camera
}

describe('bitrate caps for the number of people', () => {
  it('a newcomer changes the caps of the links already up only 3 s after joining', async () => {
    await inCallWithBen()
    const camera = cameraToBen()
    // Two people: the camera's cap for a call of two.
    expect(camera.maxBitrates).toEqual([1_500_000])
    const reads = camera.getParametersCalls

    socket().fire('rtc:participantJoined', { callId: CALL, ...person('cleo') })
    await settle()
    expect(MockRTCPeerConnection.instances).toHaveLength(2)
    // While Cleo's link is set up, Ben's sender is neither read nor written.
    await settle(2_999)
    expect(camera.getParametersCalls).toBe(reads)
    expect(camera.maxBitrates).toEqual([1_500_000])

    await settle(1)
    expect(camera.maxBitrates).toEqual([800_000])
  })

  it('someone leaving raises the caps again, as late, and a join and leave in a row write once', async () => {
    await inCallWithBen()
    const camera = cameraToBen()
    const writes = camera.setParametersCalls

    socket().fire('rtc:participantJoined', { callId: CALL, ...person('cleo') })
    await settle(1_000)
    socket().fire('rtc:participantLeft', { callId: CALL, userId: 'cleo' })
    await settle(3_000)
    // Back to two people before any change landed: nothing to write.
    expect(camera.maxBitrates).toEqual([1_500_000])
    expect(camera.setParametersCalls).toBe(writes)
  })
})
