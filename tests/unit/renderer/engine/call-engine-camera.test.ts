/**
 * Turning the camera on can take seconds (a camera waking up, another app letting go of it): the
 * engine says it is starting from the press until the browser answers, so the button and our tile
 * are never silent meanwhile, and turning it off again cancels the start. The browser's
 * getUserMedia is a stand-in whose answer each test holds and releases.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CALL,
  FakeMediaDevices,
  bridge,
  engines,
  installEngineGlobals,
  person,
  restoreEngineGlobals,
  session,
  settle,
  socket,
  type HeldRequest,
} from './engine-harness'

vi.mock('socket.io-client', async () => (await import('./engine-harness')).fakeSocketIo)

const { CallEngineImpl } = await import('../../../../src/renderer/src/engine/call-engine')

let devices = new FakeMediaDevices()

beforeEach(() => {
  devices = new FakeMediaDevices()
  installEngineGlobals({ mediaDevices: devices })
})

afterEach(restoreEngineGlobals)

/** In the lobby with the microphone on and the camera turned off; the next camera request waits. */
async function lobbyWithCameraOff(): Promise<InstanceType<typeof CallEngineImpl>> {
  const engine = new CallEngineImpl({ bridge, session })
  engines.push(engine)
  await engine.prepare()
  await settle()
  await engine.setCameraEnabled(false)
  expect(engine.getState().self?.mediaState.videoEnabled).toBe(false)
  devices.answerAtOnce = false
  return engine
}

function heldCameraRequest(): HeldRequest {
  const request = devices.held.at(-1)
  if (!request?.constraints.video) throw new Error('the camera was not asked for')
  return request
}

describe('a camera turned on', () => {
  it('is starting from the press until it is there, then on', async () => {
    const engine = await lobbyWithCameraOff()

    const turningOn = engine.setCameraEnabled(true)
    await settle()
    expect(engine.getState().self?.cameraStarting).toBe(true)
    expect(engine.getState().self?.mediaState.videoEnabled).toBe(false)

    heldCameraRequest().grant()
    await turningOn
    expect(engine.getState().self?.cameraStarting).toBe(false)
    expect(engine.getState().self?.mediaState.videoEnabled).toBe(true)
  })

  it('turned off while starting: no longer starting, and the late camera is let go', async () => {
    const engine = await lobbyWithCameraOff()

    const turningOn = engine.setCameraEnabled(true)
    await settle()
    await engine.setCameraEnabled(false)
    expect(engine.getState().self?.cameraStarting).toBe(false)

    const late = heldCameraRequest().grant()
    await turningOn
    expect(engine.getState().self?.cameraStarting).toBe(false)
    expect(engine.getState().self?.mediaState.videoEnabled).toBe(false)
    // Its light goes off: the track that came too late is stopped, not kept.
    expect(late.readyState).toBe('ended')
  })

  it('refused by the system: no longer starting, and the camera is reported blocked', async () => {
    const engine = await lobbyWithCameraOff()

    const turningOn = engine.setCameraEnabled(true)
    await settle()
    heldCameraRequest().refuse(Object.assign(new Error('denied'), { name: 'NotAllowedError' }))
    await turningOn
    expect(engine.getState().self?.cameraStarting).toBe(false)
    expect(engine.getState().self?.mediaState.videoEnabled).toBe(false)
    expect(engine.getState().deviceAccess.camera).toBe('blocked')
  })

  it('not found in a call: it says so, where the lobby lets the device list say it calmly', async () => {
    const engine = await lobbyWithCameraOff()
    const notFound = () => Object.assign(new Error('no camera'), { name: 'NotFoundError' })

    const inLobby = engine.setCameraEnabled(true)
    await settle()
    heldCameraRequest().refuse(notFound())
    await inLobby
    expect(engine.getState().deviceAccess.camera).toBe('absent')
    expect(engine.getState().error).toBeNull()

    devices.answerAtOnce = true
    await engine.join({ callId: CALL })
    await settle()
    socket().fire('rtc:callStarted', { callId: CALL, participants: [person(session.user.id)] })
    await settle()
    expect(engine.getState().phase).toBe('in-call')
    devices.answerAtOnce = false

    const inCall = engine.setCameraEnabled(true)
    await settle()
    heldCameraRequest().refuse(notFound())
    await inCall
    expect(engine.getState().self?.cameraStarting).toBe(false)
    expect(engine.getState().error).toMatchObject({
      scope: 'camera',
      phrases: [{ key: 'deviceErrors.missingInCall.camera' }],
    })
  })
})
