/**
 * Renders held back while a join is set up: once a new remote's camera is in its tile, the state
 * changes of the next moments (the link connecting, its channel, its hello) wait for that camera's
 * first frame, so no render sits between the decoded frame and the page showing it. The wait is
 * bounded from the render that put the camera there, not from the join. socket.io-client is
 * replaced by a stand-in the test plays the server through, the browser's WebRTC by the mock
 * RTCPeerConnection, the <video> by one whose first frame the test presents.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  bridge,
  engines,
  fakeVideo,
  installEngineGlobals,
  joinWithOthers,
  person,
  restoreEngineGlobals,
  session,
  settle,
} from './engine-harness'

vi.mock('socket.io-client', async () => (await import('./engine-harness')).fakeSocketIo)

const { CallEngineImpl } = await import('../../../../src/renderer/src/engine/call-engine')

/** The first-frame callbacks of every <video> the engine made, to present a frame when asked. */
let frameCallbacks: (() => void)[] = []

beforeEach(() => {
  installEngineGlobals({})
  frameCallbacks = []
  vi.stubGlobal('document', {
    createElement: () => ({
      ...fakeVideo(),
      requestVideoFrameCallback: (callback: () => void) => frameCallbacks.push(callback),
    }),
  })
})

afterEach(restoreEngineGlobals)

/** Alice joins a call where Ben is; Ben answers her offer and the link connects at once. */
async function joinedWithBen(
  ben: ReturnType<typeof person> = person('ben'),
): Promise<InstanceType<typeof CallEngineImpl>> {
  const engine = new CallEngineImpl({ bridge, session })
  engines.push(engine)
  await joinWithOthers(engine, [ben])
  return engine
}

const bensLink = (engine: InstanceType<typeof CallEngineImpl>) =>
  engine.getState().participants.find((p) => p.userId === 'ben')?.link

describe('renders held until a new camera shows', () => {
  it('a link that connects before the first frame is rendered with that frame', async () => {
    const engine = await joinedWithBen()
    await settle(100)
    expect(bensLink(engine)).not.toBe('connected')
    expect(frameCallbacks.length).toBeGreaterThan(0)

    for (const callback of frameCallbacks.splice(0)) callback()
    await settle()
    expect(bensLink(engine)).toBe('connected')
  })

  it('the wait is counted from the tile, not the join: past the join bound it still holds', async () => {
    const engine = await joinedWithBen()
    // 300 ms bound the join's own steps; the camera's wait began later, with its tile.
    await settle(400)
    expect(bensLink(engine)).not.toBe('connected')

    // No frame at all: the bound lets the render through, well before a link is judged stalled.
    await settle(500)
    expect(bensLink(engine)).toBe('connected')
  })

  it('a camera that is off holds nothing: there is no frame to wait for', async () => {
    const cameraOff = person('ben')
    cameraOff.mediaState = { muted: false, videoEnabled: false, screenSharing: false }
    const engine = await joinedWithBen(cameraOff)
    await settle()
    expect(bensLink(engine)).toBe('connected')
  })
})
