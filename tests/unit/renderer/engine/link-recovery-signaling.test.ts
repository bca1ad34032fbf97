/**
 * The signaling side of recovery: a socket that still looks connected but no longer answers (its
 * uplink died without an `offline` event) is replaced within seconds once something hints at it,
 * and by the regular liveness probe otherwise; a socket that is down reconnects at once when the
 * network changes; a socket is renewed just before its token expires. socket.io-client is
 * replaced by a stand-in that records what the client sends and lets the test play the server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { refreshAtFor } from '../../../../src/shared/auth/auth-client'
import { expiresAtFor, tokenTimes } from '../../../../src/shared/auth/token-expiry'

type Listener = (payload?: unknown) => void
type Auth = (cb: (data: { token?: string }) => void) => void

class FakeSocket {
  connected = false
  active = false
  readonly sent: string[] = []
  /** Each handshake started, with the token it carried (after the auth callback answered). */
  readonly handshakes: (string | undefined)[] = []
  private readonly listeners = new Map<string, Listener[]>()

  constructor(private readonly auth: Auth | undefined) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  /** A live server answers every probe. */
  answersProbes = false
  emit(event: string): boolean {
    this.sent.push(event)
    if (event === 'rtc:ping' && this.answersProbes)
      queueMicrotask(() => this.fire('rtc:pong', serverPong))
    return true
  }
  /** Starts a handshake; it completes (connect) once the auth callback has a token. */
  connect(): this {
    this.active = true
    const open = (data: { token?: string }) => {
      this.handshakes.push(data.token)
      this.connected = true
      this.fire('connect')
    }
    if (this.auth) this.auth(open)
    else open({})
    return this
  }
  disconnect(): this {
    const was = this.connected
    this.connected = false
    this.active = false
    if (was) this.fire('disconnect', 'io client disconnect')
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
  /** The connection died under socket.io, which now waits out its backoff. */
  drop(): void {
    this.connected = false
    this.fire('disconnect', 'transport close')
  }
}

const sockets: FakeSocket[] = []
vi.mock('socket.io-client', () => ({
  io: (_url: string, options: { auth?: Auth }) => {
    const socket = new FakeSocket(options.auth)
    sockets.push(socket)
    return socket
  },
}))

const { SignalingClient, VERIFY_TIMEOUT_MS, renewalDelayMs, isTokenExpiry, announcesSeatHandover } =
  await import('../../../../src/renderer/src/engine/signaling-client')

/** A pong as PROTOCOL.md has it. */
const pong = { ts: 1, rtc: { maxParticipants: 4 }, echo: null }
/** The reference server's: it says it hands a seat over to the user's newest connection. */
const handoverPong = { ...pong, seatHandover: true }
/** What every fake server answers a probe with. */
let serverPong: unknown = pong

interface Heard {
  connects: boolean[]
  disconnects: string[]
  /** Relayed offers and errors that reached the engine, by their sender or code. */
  offersFrom: string[]
  errors: string[]
}

function connectedClient(getAccessToken: () => Promise<string> = () => Promise.resolve('token')): {
  socket: FakeSocket
  heard: Heard
} {
  const heard: Heard = { connects: [], disconnects: [], offersFrom: [], errors: [] }
  const client = new SignalingClient({
    serverUrl: 'http://127.0.0.1:1',
    getAccessToken,
    callbacks: {
      onConnect: (reconnect) => heard.connects.push(reconnect),
      onDisconnect: (reason) => heard.disconnects.push(reason),
      onConnectError: () => undefined,
      onAuthFailure: () => undefined,
    },
    handlers: {
      'rtc:offer': (offer) => heard.offersFrom.push(offer.fromUserId),
      'rtc:error': (error) => heard.errors.push(error.code),
    },
  })
  clients.push(client)
  client.connect()
  const socket = sockets.at(-1)
  if (!socket) throw new Error('no socket was made')
  return { socket, heard }
}

const base64url = (text: string): string =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** A JWT-shaped token (only the payload matters to the client): a 10 s one expiring then. */
function jwt(expiresAt: number, id = 'a'): string {
  const exp = Math.floor(expiresAt / 1000)
  return `header.${base64url(JSON.stringify({ iat: exp - 10, exp, jti: id }))}.signature`
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
  serverPong = pong
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('a check on demand', () => {
  it('replaces a socket whose server does not answer the probe in time', async () => {
    const { socket, heard } = connectedClient()
    await settle(0)
    const sentBefore = socket.sent.length
    clients[0]?.verifyNow()
    expect(socket.sent.slice(sentBefore)).toContain('rtc:ping')
    await settle(VERIFY_TIMEOUT_MS - 100)
    expect(heard.connects).toEqual([false])
    await settle(200)
    expect(heard.connects).toEqual([false, true])
  })

  it('keeps a socket whose server answers', async () => {
    const { socket, heard } = connectedClient()
    clients[0]?.verifyNow()
    await settle(100)
    socket.fire('rtc:pong', pong)
    await settle(VERIFY_TIMEOUT_MS)
    expect(heard.connects).toEqual([false])
  })

  it('several hints at once make one check', async () => {
    const { socket } = connectedClient()
    await settle(0)
    const sentBefore = socket.sent.length
    clients[0]?.verifyNow()
    clients[0]?.verifyNow()
    expect(socket.sent.slice(sentBefore).filter((event) => event === 'rtc:ping')).toHaveLength(1)
  })
})

describe('without any hint', () => {
  it('the regular probe replaces a silent socket within seconds', async () => {
    const { socket, heard } = connectedClient()
    await settle(2_000)
    expect(socket.sent).toContain('rtc:ping')
    socket.fire('rtc:pong', pong)
    await settle(4_000)
    expect(heard.connects).toEqual([false])
    // From here the server says nothing more.
    await settle(4_000)
    expect(heard.connects).toEqual([false, true])
  })
})

describe('a page that stalls (a busy machine)', () => {
  /** The page's thread is busy this long: the clock moves, no timer or event runs meanwhile. */
  const stall = (ms: number) => vi.setSystemTime(Date.now() + ms)

  it('keeps a socket whose answers waited behind the stall, on the regular probe', async () => {
    const { socket, heard } = connectedClient()
    await settle(2_000)
    socket.fire('rtc:pong', pong)
    for (let round = 0; round < 3; round++) {
      stall(10_000)
      // The late probe runs first; the server's answer was queued behind it.
      await settle(2_000)
      socket.fire('rtc:pong', pong)
    }
    await settle(2_000)
    expect(heard.connects).toEqual([false])
    // A server that really went quiet after a stall is still replaced within seconds.
    stall(10_000)
    await settle(6_000)
    expect(heard.connects).toEqual([false, true])
  })

  it('keeps a socket whose answer to a check waited behind the stall, and still replaces a silent one', async () => {
    const { socket, heard } = connectedClient()
    await settle(0)
    clients[0]?.verifyNow()
    stall(5_000)
    await settle(VERIFY_TIMEOUT_MS)
    // Asked again rather than judged; the answer that was queued comes now.
    expect(heard.connects).toEqual([false])
    socket.fire('rtc:pong', pong)
    await settle(VERIFY_TIMEOUT_MS * 2)
    expect(heard.connects).toEqual([false])

    clients[0]?.verifyNow()
    stall(5_000)
    await settle(VERIFY_TIMEOUT_MS)
    expect(heard.connects).toEqual([false])
    await settle(VERIFY_TIMEOUT_MS + 100)
    expect(heard.connects).toEqual([false, true])
  })
})

describe('a network change', () => {
  it('a socket that is down connects at once instead of waiting out its backoff', async () => {
    const { socket, heard } = connectedClient()
    await settle(0)
    socket.drop()
    socket.active = true
    expect(heard.connects).toEqual([false])
    clients[0]?.networkChanged()
    await settle(0)
    expect(heard.connects).toEqual([false, true])
    expect(socket.connected).toBe(true)
  })

  it('a burst of hints is one reconnect', async () => {
    const { socket } = connectedClient()
    await settle(0)
    socket.drop()
    clients[0]?.networkChanged()
    await settle(0)
    socket.drop()
    clients[0]?.networkChanged()
    clients[0]?.networkChanged()
    await settle(0)
    expect(socket.handshakes).toHaveLength(2)
  })

  it('a socket that is up is checked, not replaced', async () => {
    const { socket, heard } = connectedClient()
    await settle(0)
    clients[0]?.networkChanged()
    expect(socket.sent).toContain('rtc:ping')
    socket.fire('rtc:pong', pong)
    await settle(VERIFY_TIMEOUT_MS)
    expect(heard.connects).toEqual([false])
  })

  it('a socket the server closed (an expired token) tries again at once', async () => {
    const { socket, heard } = connectedClient()
    await settle(0)
    socket.connected = false
    socket.fire('disconnect', 'io server disconnect')
    await settle(0)
    expect(heard.connects).toEqual([false, true])
  })
})

describe('renewal before the token expires, on a server that hands seats over', () => {
  beforeEach(() => {
    serverPong = handoverPong
  })
  const callStarted = { callId: 'c', participants: [] }
  const offer = { callId: 'c', fromUserId: 'b', toUserId: 'a', sdp: 'v=0' }
  const replaced = {
    code: 'NOT_IN_CALL',
    message: 'You joined this call from another connection',
    details: { reason: 'replaced' },
  }

  it('opens a second connection with a fresh token a moment before expiry, and closes the first only once the second has joined', async () => {
    // A whole second: a JWT's exp has no milliseconds.
    const now = 1_700_000_000_000
    vi.setSystemTime(now)
    let issued = 0
    const tokens = [
      jwt(now + 10_000, 'first'),
      jwt(now + 20_000, 'second'),
      jwt(now + 30_000, 'third'),
    ]
    const { socket: first, heard } = connectedClient(() =>
      Promise.resolve(tokens[issued] as string),
    )
    first.answersProbes = true
    await settle(0)
    expect(first.handshakes).toEqual([tokens[0]])
    // The host renews from its refresh moment on (8 s into a 10 s token).
    await settle(8_000)
    issued = 1
    await settle(1_000)
    expect(sockets).toHaveLength(1)
    await settle(900)
    const second = sockets[1] as FakeSocket
    expect(second.handshakes).toEqual([tokens[1]])
    // The engine hears a reconnect (it joins again on the new connection), never a disconnect.
    expect(heard.connects).toEqual([false, true])
    expect(heard.disconnects).toEqual([])
    // The first still holds the seat: relays that reach it count, being replaced does not.
    expect(first.connected).toBe(true)
    first.fire('rtc:offer', offer)
    first.fire('rtc:error', replaced)
    expect(heard.offersFrom).toEqual(['b'])
    expect(heard.errors).toEqual([])
    // The new connection's join is answered: the seat has moved, the first goes.
    second.answersProbes = true
    second.fire('rtc:callStarted', callStarted)
    expect(first.connected).toBe(false)
    first.fire('rtc:offer', offer)
    expect(heard.offersFrom).toEqual(['b'])
    expect(heard.disconnects).toEqual([])
    // And the new token is renewed in its turn; outside a call the old connection goes at expiry.
    issued = 2
    await settle(9_500)
    const third = sockets[2] as FakeSocket
    expect(third.handshakes).toEqual([tokens[2]])
    expect(second.connected).toBe(true)
    await settle(700)
    expect(second.connected).toBe(false)
    expect(heard.connects).toEqual([false, true, true])
    expect(heard.disconnects).toEqual([])
  })

  it('a renewal that cannot connect changes nothing: the connection in use carries on', async () => {
    const now = 1_700_000_000_000
    vi.setSystemTime(now)
    let token = jwt(now + 10_000, 'expiring')
    const { socket: first, heard } = connectedClient(() => Promise.resolve(token))
    first.answersProbes = true
    await settle(8_000)
    token = jwt(now + 20_000, 'fresh')
    // The new connection's handshake fails before it connects.
    vi.spyOn(FakeSocket.prototype, 'connect').mockImplementationOnce(function (this: FakeSocket) {
      queueMicrotask(() => this.fire('connect_error', new Error('websocket error')))
      return this
    })
    await settle(1_900)
    expect(sockets).toHaveLength(2)
    expect(sockets[1]?.connected).toBe(false)
    expect(first.connected).toBe(true)
    expect(heard.connects).toEqual([false])
    expect(heard.disconnects).toEqual([])
    first.fire('rtc:offer', offer)
    expect(heard.offersFrom).toEqual(['b'])
  })

  it('a host still handing out the expiring token is asked again until it has a new one', async () => {
    const now = 1_700_000_000_000
    vi.setSystemTime(now)
    const expiring = jwt(now + 10_000, 'expiring')
    const fresh = jwt(now + 20_000, 'fresh')
    let token = expiring
    const { socket, heard } = connectedClient(() => Promise.resolve(token))
    socket.answersProbes = true
    await settle(9_500)
    // Its renewal moment has passed, but the same token would change nothing: no new connection.
    expect(sockets).toHaveLength(1)
    token = fresh
    await settle(300)
    expect(sockets).toHaveLength(2)
    expect(sockets[1]?.handshakes).toEqual([fresh])
    expect(heard.connects).toEqual([false, true])
    expect(heard.disconnects).toEqual([])
  })

  it('a token that says no expiry is not renewed early', async () => {
    const opaque = connectedClient(() => Promise.resolve('opaque-token'))
    opaque.socket.answersProbes = true
    await settle(60_000)
    expect(sockets).toHaveLength(1)
    expect(opaque.heard.disconnects).toEqual([])
    expect(opaque.socket.handshakes).toEqual(['opaque-token'])
  })

  it("renews inside the token keeper's own renewal margin, however late the token arrived", () => {
    for (const lifetimeSeconds of [10, 15, 30, 60, 300, 600, 3_600, 86_400]) {
      const lifetimeMs = lifetimeSeconds * 1000
      // The server signs whole seconds, and its answer reaches the host late on a slow network or
      // a busy machine: up to a second, or a good part of a short token's life.
      for (const arrivedLate of [0, 999, 4_000, lifetimeMs / 3]) {
        const issuedAt = 1_700_000_000_000
        const expiresAt = issuedAt + lifetimeMs
        const token = `h.${base64url(JSON.stringify({ iat: issuedAt / 1000, exp: expiresAt / 1000 }))}.s`
        const arrivedAt = issuedAt + arrivedLate
        // The keeper's own count (auth-client.ts), from the moment the host got the token.
        const refreshAt = refreshAtFor(expiresAtFor(token, arrivedAt, lifetimeMs), lifetimeMs)
        // The page gets it from the host a moment later.
        const delay = renewalDelayMs(tokenTimes(token), arrivedAt + 50)
        if (delay === null) {
          // Too close to expiry already: the server's close and the reconnect handle it.
          expect(expiresAt - arrivedAt).toBeLessThan(lifetimeMs)
          continue
        }
        const renewAt = arrivedAt + 50 + delay
        // The keeper hands out a new token from refreshAt on: the renewal gets a new one.
        expect(renewAt, `${lifetimeSeconds} s, ${arrivedLate} ms late`).toBeGreaterThan(refreshAt)
        expect(renewAt).toBeLessThan(expiresAt)
      }
    }
    expect(renewalDelayMs(null, 0)).toBeNull()
    // Too short a lifetime to fit a renewal inside the keeper's margin, or too late already.
    expect(renewalDelayMs({ expiresAt: 5_000, issuedAt: 0 }, 0)).toBeNull()
    expect(renewalDelayMs({ expiresAt: 60_000, issuedAt: 0 }, 58_000)).toBeNull()
    expect(renewalDelayMs({ expiresAt: 1_000, issuedAt: null }, 2_000)).toBeNull()
  })
})

describe('renewal on a backend that does not say it hands seats over', () => {
  const now = 1_700_000_000_000
  const tokens = [jwt(now + 10_000, 'first'), jwt(now + 20_000, 'second')]

  it('nothing is renewed early, and a socket the server keeps past expiry stays in use', async () => {
    vi.setSystemTime(now)
    const { socket, heard } = connectedClient(() => Promise.resolve(tokens[1] as string))
    socket.answersProbes = true
    await settle(30_000)
    // A second connection would have joined as a second us; closing the first, a leave for all.
    expect(sockets).toHaveLength(1)
    expect(socket.connected).toBe(true)
    expect(heard.connects).toEqual([false])
    expect(heard.disconnects).toEqual([])
  })

  it('a socket the server closes at expiry reconnects at once with a fresh token', async () => {
    vi.setSystemTime(now)
    let issued = 0
    const { socket, heard } = connectedClient(() => Promise.resolve(tokens[issued] as string))
    socket.answersProbes = true
    await settle(8_000)
    issued = 1
    await settle(1_900)
    expect(sockets).toHaveLength(1)
    socket.connected = false
    socket.fire('disconnect', 'io server disconnect')
    await settle(0)
    expect(socket.handshakes).toEqual(tokens)
    expect(heard.disconnects).toEqual(['io server disconnect'])
    expect(heard.connects).toEqual([false, true])
  })

  it("goes by the current connection's word: a server that stops saying it is not renewed early", async () => {
    vi.setSystemTime(now)
    serverPong = handoverPong
    let issued = 0
    const { socket, heard } = connectedClient(() => Promise.resolve(tokens[issued] as string))
    socket.answersProbes = true
    await settle(2_000)
    // The socket drops and comes back to a server (another build, or another backend) without it.
    serverPong = pong
    socket.drop()
    socket.connect()
    await settle(7_000)
    issued = 1
    await settle(1_900)
    expect(sockets).toHaveLength(1)
    expect(heard.connects).toEqual([false, true])
  })
})

describe('announcesSeatHandover', () => {
  it('is true only for a well-formed pong that says so', () => {
    expect(announcesSeatHandover(handoverPong)).toBe(true)
    expect(announcesSeatHandover(pong)).toBe(false)
    expect(announcesSeatHandover({ ...pong, seatHandover: false })).toBe(false)
    expect(announcesSeatHandover({ ...pong, seatHandover: 'yes' })).toBe(false)
    expect(announcesSeatHandover({ seatHandover: true })).toBe(false)
    expect(announcesSeatHandover(null)).toBe(false)
  })
})

describe('tokenTimes', () => {
  it("reads a JWT's exp and iat and refuses anything else", () => {
    expect(tokenTimes(jwt(1_700_000_000_000))).toEqual({
      expiresAt: 1_700_000_000_000,
      issuedAt: 1_699_999_990_000,
    })
    expect(tokenTimes(`h.${base64url('{"exp":1700000000}')}.s`)).toEqual({
      expiresAt: 1_700_000_000_000,
      issuedAt: null,
    })
    expect(tokenTimes('opaque')).toBeNull()
    expect(tokenTimes('a.b.c')).toBeNull()
    expect(tokenTimes(`h.${base64url('{"exp":"soon"}')}.s`)).toBeNull()
    expect(tokenTimes(`h.${base64url('{"sub":"u"}')}.s`)).toBeNull()
    expect(tokenTimes('h.!!.s')).toBeNull()
  })
})

describe('isTokenExpiry', () => {
  it("tells the server's close at token expiry from other refusals", () => {
    expect(isTokenExpiry({ reason: 'token-expired' })).toBe(true)
    expect(isTokenExpiry({ reason: 'session-ended' })).toBe(false)
    expect(isTokenExpiry(undefined)).toBe(false)
    expect(isTokenExpiry('token-expired')).toBe(false)
    expect(isTokenExpiry({ reason: 'token-expired', at: 1 })).toBe(true)
    expect(isTokenExpiry({ reason: ['token-expired'] })).toBe(false)
    expect(isTokenExpiry(null)).toBe(false)
  })
})
