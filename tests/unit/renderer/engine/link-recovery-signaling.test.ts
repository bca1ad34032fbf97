/**
 * The signaling side of recovery: a socket that still looks connected but no longer answers (its
 * uplink died without an `offline` event) is replaced within seconds once something hints at it,
 * and by the regular liveness probe otherwise. socket.io-client is replaced by a stand-in that
 * records what the client sends and lets the test play the server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (payload?: unknown) => void

class FakeSocket {
  connected = false
  active = false
  readonly sent: string[] = []
  readonly engineCloses: number[] = []
  readonly io = { engine: { close: () => this.engineCloses.push(Date.now()) } }
  private readonly listeners = new Map<string, Listener[]>()

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  emit(event: string): boolean {
    this.sent.push(event)
    return true
  }
  connect(): this {
    this.connected = true
    this.active = true
    this.fire('connect')
    return this
  }
  disconnect(): this {
    this.connected = false
    return this
  }
  removeAllListeners(): this {
    this.listeners.clear()
    return this
  }
  /** The server says something (or socket.io reports a state change). */
  fire(event: string, payload?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }
}

const sockets: FakeSocket[] = []
vi.mock('socket.io-client', () => ({
  io: () => {
    const socket = new FakeSocket()
    sockets.push(socket)
    return socket
  },
}))

const { SignalingClient, VERIFY_TIMEOUT_MS } =
  await import('../../../../src/renderer/src/engine/signaling-client')

const pong = { ts: 1, rtc: { maxParticipants: 4 }, echo: null }

function connectedClient(): FakeSocket {
  const client = new SignalingClient({
    serverUrl: 'http://127.0.0.1:1',
    getAccessToken: () => Promise.resolve('token'),
    callbacks: {
      onConnect: () => undefined,
      onDisconnect: () => undefined,
      onConnectError: () => undefined,
      onAuthFailure: () => undefined,
    },
    handlers: {},
  })
  clients.push(client)
  client.connect()
  const socket = sockets.at(-1)
  if (!socket) throw new Error('no socket was made')
  return socket
}

const clients: InstanceType<typeof SignalingClient>[] = []
const settle = (ms: number): Promise<void> => vi.advanceTimersByTimeAsync(ms).then(() => undefined)

beforeEach(() => {
  vi.useFakeTimers()
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  for (const client of clients.splice(0)) client.close()
  sockets.length = 0
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('a check on demand', () => {
  it('replaces a socket whose server does not answer the probe in time', async () => {
    const socket = connectedClient()
    clients[0]?.verifyNow()
    expect(socket.sent).toContain('rtc:ping')
    await settle(VERIFY_TIMEOUT_MS - 100)
    expect(socket.engineCloses).toHaveLength(0)
    await settle(200)
    expect(socket.engineCloses).toHaveLength(1)
  })

  it('keeps a socket whose server answers', async () => {
    const socket = connectedClient()
    clients[0]?.verifyNow()
    await settle(100)
    socket.fire('rtc:pong', pong)
    await settle(VERIFY_TIMEOUT_MS)
    expect(socket.engineCloses).toHaveLength(0)
  })

  it('several hints at once make one check', () => {
    const socket = connectedClient()
    clients[0]?.verifyNow()
    clients[0]?.verifyNow()
    expect(socket.sent.filter((event) => event === 'rtc:ping')).toHaveLength(1)
  })
})

describe('without any hint', () => {
  it('the regular probe replaces a silent socket within seconds', async () => {
    const socket = connectedClient()
    await settle(2_000)
    expect(socket.sent).toContain('rtc:ping')
    socket.fire('rtc:pong', pong)
    await settle(4_000)
    expect(socket.engineCloses).toHaveLength(0)
    // From here the server says nothing more.
    await settle(4_000)
    expect(socket.engineCloses).toHaveLength(1)
  })
})
