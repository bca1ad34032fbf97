/**
 * The first offer of a join is made in the lobby (warm-offer.ts): joining a call with people in it
 * sends it at once. These tests follow it through the engine: made when the devices and the RTC
 * config are known, made again when what it carries changes, given to the first person only, and
 * let go when nobody needs it. The browser's WebRTC is the mock RTCPeerConnection, the server a
 * stand-in socket.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MockRTCPeerConnection } from './mock-rtc'
import {
  FakeMediaDevices,
  bridge,
  engines,
  installEngineGlobals,
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
  installEngineGlobals({ mediaDevices: new FakeMediaDevices() })
})

afterEach(restoreEngineGlobals)

async function inLobby(): Promise<InstanceType<typeof CallEngineImpl>> {
  const engine = new CallEngineImpl({ bridge, session })
  engines.push(engine)
  await engine.prepare()
  await settle()
  return engine
}

/** Joins; the server answers that these people are in the call. */
async function joinWith(
  engine: InstanceType<typeof CallEngineImpl>,
  ...others: string[]
): Promise<void> {
  await engine.join({ callId: CALL })
  await settle()
  socket().fire('rtc:callStarted', {
    callId: CALL,
    participants: [person(session.user.id), ...others.map(person)],
  })
  await settle()
}

function offersSent(): { toUserId: string; sdp: string }[] {
  return socket()
    .sent.filter((sent) => sent.event === 'rtc:offer')
    .map((sent) => sent.payload as { toUserId: string; sdp: string })
}

describe('the first offer, made in the lobby', () => {
  it('is ready before Join, and is what the first person in the call gets', async () => {
    const engine = await inLobby()
    expect(MockRTCPeerConnection.instances).toHaveLength(1)
    const made = MockRTCPeerConnection.instances[0]
    expect(made?.localDescription?.type).toBe('offer')

    await joinWith(engine, 'ben', 'cat')
    const offers = offersSent()
    expect(offers.map((offer) => offer.toUserId)).toEqual(['ben', 'cat'])
    expect(offers[0]?.sdp).toBe(made?.localDescription?.sdp)
    // Cat's link made its own: one offer made ahead serves one person.
    expect(MockRTCPeerConnection.instances).toHaveLength(2)
    expect(made?.closed).toBe(false)
  })

  it('is made again when the camera is turned off in the lobby; the one that no longer fits is closed', async () => {
    const engine = await inLobby()
    const before = MockRTCPeerConnection.instances[0]

    await engine.setCameraEnabled(false)
    expect(before?.closed).toBe(true)
    expect(MockRTCPeerConnection.instances).toHaveLength(2)
    const after = MockRTCPeerConnection.instances[1]

    await joinWith(engine, 'ben')
    expect(offersSent()[0]?.sdp).toBe(after?.localDescription?.sdp)
    expect(MockRTCPeerConnection.instances).toHaveLength(2)
  })

  it('joining an empty call lets it go, and leaving makes the next one', async () => {
    const engine = await inLobby()
    const made = MockRTCPeerConnection.instances[0]

    await joinWith(engine)
    expect(offersSent()).toHaveLength(0)
    expect(made?.closed).toBe(true)

    await engine.leave()
    expect(MockRTCPeerConnection.instances).toHaveLength(2)
    expect(MockRTCPeerConnection.instances[1]?.closed).toBe(false)
  })
})
