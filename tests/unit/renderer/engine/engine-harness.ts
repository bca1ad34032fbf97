/**
 * What the CallEngine tests share: socket.io-client replaced by a stand-in the test plays the
 * server through (each test file mocks 'socket.io-client' with `fakeSocketIo`), a bridge whose
 * host answers at once, Alice's session, a <video> that plays nothing, and a remote's answer.
 */
import { vi } from 'vitest'
import type { Bridge, SessionInfo } from '../../../../src/shared/bridge'
import { MockRTCPeerConnection, MockTrack, installMockWebRtc } from './mock-rtc'

type Listener = (payload?: unknown) => void

/** The socket.io socket: records what the engine sends, and lets the test play the server. */
export class FakeSocket {
  connected = false
  active = false
  readonly sent: { event: string; payload: unknown }[] = []
  private readonly listeners = new Map<string, Listener[]>()

  constructor(private readonly auth: ((cb: (data: unknown) => void) => void) | undefined) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  emit(event: string, payload: unknown): boolean {
    this.sent.push({ event, payload })
    return true
  }
  connect(): this {
    this.active = true
    const open = (): void => {
      this.connected = true
      this.fire('connect')
    }
    if (this.auth) this.auth(open)
    else open()
    return this
  }
  disconnect(): this {
    this.connected = false
    this.active = false
    return this
  }
  removeAllListeners(): this {
    this.listeners.clear()
    return this
  }
  fire(event: string, payload?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }
  /** The connection goes down for `reason` (socket.io's words). */
  down(reason: 'io server disconnect' | 'transport close'): void {
    this.connected = false
    // After a server's close socket.io stops; after a lost transport it reconnects by itself.
    this.active = reason === 'transport close'
    this.fire('disconnect', reason)
  }
}

/** Every socket the engines made, the latest last. */
export const sockets: FakeSocket[] = []

/** The socket the latest engine made. */
export function socket(): FakeSocket {
  const current = sockets.at(-1)
  if (!current) throw new Error('the engine made no socket')
  return current
}

/** Stands in for socket.io-client: `vi.mock('socket.io-client', ...)` returns this. */
export const fakeSocketIo = {
  io: (_url: string, options: { auth?: (cb: (data: unknown) => void) => void }): FakeSocket => {
    const socket = new FakeSocket(options.auth)
    sockets.push(socket)
    return socket
  },
}

export const session: SessionInfo = {
  serverUrl: 'http://127.0.0.1:1',
  user: { id: 'alice', displayName: 'Alice' },
  storage: 'memory',
  embedded: false,
}

export const bridge = {
  signaling: {
    getAccessToken: () => Promise.resolve('token'),
    getRtcConfig: () =>
      Promise.resolve({
        iceServers: [],
        iceTransportPolicy: 'all',
        maxParticipants: 4,
        expiresAt: null,
      }),
    getPreferences: () =>
      Promise.resolve({
        preferredDevices: { audioInput: null, videoInput: null, audioOutput: null },
      }),
    setPreferences: () => Promise.resolve({}),
  },
} as unknown as Bridge

export const CALL = 'call-1'

/** Someone in the call as rtc:callStarted lists them, camera and microphone on. */
export const person = (
  userId: string,
): { userId: string; displayName: string; mediaState: object } => ({
  userId,
  displayName: userId,
  mediaState: { muted: false, videoEnabled: true, screenSharing: false },
})

/** A <video> that plays nothing: the engine feeds each remote's camera to one. */
export const fakeVideo = (): object => ({
  srcObject: null,
  play: () => Promise.resolve(),
  pause: () => undefined,
  remove: () => undefined,
  getVideoPlaybackQuality: () => ({ totalVideoFrames: 0 }),
})

/** The remote's side of one link: answers an offer from a connection of its own. */
export async function answerAsRemote(offerSdp: string): Promise<string> {
  const remote = new MockRTCPeerConnection()
  // Not one of the engine's: `instances` lists only those.
  MockRTCPeerConnection.instances.splice(MockRTCPeerConnection.instances.indexOf(remote), 1)
  await remote.setRemoteDescription({ type: 'offer', sdp: offerSdp })
  const description = await remote.createAnswer()
  await remote.setLocalDescription(description)
  return description.sdp
}

/**
 * The engine joins CALL where `others` already are: the server starts the call, each of them
 * answers the engine's offer to them, and each link connects (the engine's connections in the
 * order of `others`).
 */
export async function joinWithOthers(
  engine: { join(options: { callId: string }): Promise<void> },
  others: ReturnType<typeof person>[],
): Promise<void> {
  await engine.join({ callId: CALL })
  await settle()
  socket().fire('rtc:callStarted', {
    callId: CALL,
    participants: [person(session.user.id), ...others],
  })
  await settle()
  for (const [index, other] of others.entries()) {
    const offer = socket().sent.findLast(
      (sent) =>
        sent.event === 'rtc:offer' &&
        (sent.payload as { toUserId: string }).toUserId === other.userId,
    )
    if (!offer) throw new Error(`no offer to ${other.userId}`)
    socket().fire('rtc:answer', {
      callId: CALL,
      fromUserId: other.userId,
      toUserId: session.user.id,
      sdp: await answerAsRemote((offer.payload as { sdp: string }).sdp),
    })
    await settle()
    MockRTCPeerConnection.instances[index]?.setConnectionState('connected')
  }
  await settle()
}

export const settle = (ms = 0): Promise<void> =>
  vi.advanceTimersByTimeAsync(ms).then(() => undefined)

/** A device's track: the engine also listens for it ending (unplugged). */
class DeviceTrack extends MockTrack {
  addEventListener(): void {}
  removeEventListener(): void {}
}

/** A stream of the tracks a request asked for, as getUserMedia gives it. */
function streamOf(tracks: MockTrack[]): object {
  return {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((track) => track.kind === 'audio'),
    getVideoTracks: () => tracks.filter((track) => track.kind === 'video'),
  }
}

/** A getUserMedia answer the test gives when it chooses. */
export interface HeldRequest {
  constraints: MediaStreamConstraints
  /** Answers with the tracks asked for; returns the camera's. */
  grant(): MockTrack
  refuse(error: Error): void
}

/**
 * navigator.mediaDevices with a microphone and a camera and nothing plugged or unplugged: each
 * request is answered at once, or held for the test while `answerAtOnce` is false.
 */
export class FakeMediaDevices {
  answerAtOnce = true
  readonly held: HeldRequest[] = []

  getUserMedia(constraints: MediaStreamConstraints): Promise<object> {
    const tracks = (): MockTrack[] => [
      ...(constraints.audio ? [new DeviceTrack('audio')] : []),
      ...(constraints.video ? [new DeviceTrack('video')] : []),
    ]
    if (this.answerAtOnce) return Promise.resolve(streamOf(tracks()))
    return new Promise((resolve, reject) => {
      this.held.push({
        constraints,
        grant: () => {
          const given = tracks()
          resolve(streamOf(given))
          const video = given.find((track) => track.kind === 'video')
          if (!video) throw new Error('no camera was asked for')
          return video
        },
        refuse: reject,
      })
    })
  }
  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return Promise.resolve([])
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

/** Engines a test made, disposed by `restoreEngineGlobals`. */
export const engines: { dispose(): void }[] = []

/**
 * Before each test: fake timers, the mock WebRTC, and the page globals the engine touches, with
 * `navigator` as given (no devices at all, or a FakeMediaDevices).
 */
export function installEngineGlobals(navigatorStub: object): void {
  vi.useFakeTimers()
  installMockWebRtc()
  vi.stubGlobal('window', {
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })
  vi.stubGlobal('navigator', navigatorStub)
  vi.stubGlobal('document', { createElement: fakeVideo })
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
}

/** After each test: the engines disposed, the sockets forgotten, the globals back. */
export function restoreEngineGlobals(): void {
  for (const engine of engines.splice(0)) engine.dispose()
  sockets.length = 0
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
}
