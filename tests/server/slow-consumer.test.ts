/**
 * A socket that stops reading while someone floods it: the server keeps at most its bound queued
 * for it, then drops it (its call-mates hear it left), and keeps serving the sender. A socket that
 * goes silent is dropped by the heartbeat within seconds.
 */
import type { Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import {
  closeAllClients,
  connectClient,
  joinCall,
  startTestServer,
  type TestClient,
  type TestServer,
} from './helpers'

const QUEUE_BOUND = 1024 * 1024
/** A large but valid offer: ~60 KB of SDP. */
const BIG_SDP = `v=0\r\n${'a=x-padding:'.padEnd(1000, 'p')}\r\n`.repeat(60)

/** Stops reading the TCP connection under a client's WebSocket, as a frozen peer would. */
function stopReading(socket: Socket): void {
  const transport = socket.io.engine.transport as unknown as {
    ws?: { _socket?: { pause(): void } }
  }
  const tcp = transport.ws?._socket
  if (!tcp) throw new Error('no WebSocket under this client')
  tcp.pause()
}

/** Polls until `check` holds; the flood test's sender waits behind 36 MB of its own messages. */
async function eventually(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

let server: TestServer | null = null
afterEach(async () => {
  closeAllClients()
  await server?.close()
  server = null
})

async function callOfTwo(env: Record<string, string>): Promise<[TestClient, TestClient]> {
  server = await startTestServer(env)
  const ann = await connectClient(server.url, 'Ann')
  const ben = await connectClient(server.url, 'Ben')
  await joinCall(ann, 'slow-call')
  const joined = ann.waitFor('rtc:participantJoined')
  await joinCall(ben, 'slow-call')
  await joined
  return [ann, ben]
}

describe('slow consumers', () => {
  it(
    'drops a socket that stops reading once its queue passes the bound',
    { timeout: 90_000 },
    async () => {
      const [ann, ben] = await callOfTwo({
        SOCKET_SEND_QUEUE_BYTES: String(QUEUE_BOUND),
        SOCKET_RATE_LIMIT_BURST: '100000',
        SOCKET_RATE_LIMIT_PER_SECOND: '100000',
      })
      stopReading(ben.socket)
      const left = ann.waitFor<{ userId: string; reason?: string }>('rtc:participantLeft')
      // 600 offers of ~60 KB: 36 MB, far past the kernel's socket buffers and the bound.
      for (let i = 0; i < 600; i++) {
        ann.socket.emit('rtc:offer', { callId: 'slow-call', toUserId: ben.userId, sdp: BIG_SDP })
      }
      expect(await left).toEqual({
        callId: 'slow-call',
        userId: ben.userId,
        reason: 'disconnected',
      })

      const dropLine = server?.logs.find((line) => line.includes('stopped reading')) ?? ''
      const queued = Number(/\((\d+) bytes waiting/.exec(dropLine)?.[1])
      // Dropped as soon as the queue passed the bound: it never held more than one message over.
      expect(queued).toBeGreaterThan(QUEUE_BOUND)
      expect(queued).toBeLessThan(QUEUE_BOUND + 2 * BIG_SDP.length)
      expect(server?.logs.filter((line) => line.includes('stopped reading'))).toHaveLength(1)

      // The sender is still served, once the server has worked through its flood (slowly, on a
      // busy machine); what it sent to the dropped one after the drop was refused, not queued.
      ann.socket.emit('rtc:ping', { marker: 'after-flood' })
      await eventually(() =>
        ann.received.some(
          (entry) =>
            entry.event === 'rtc:pong' &&
            (entry.payload as { echo?: { marker?: string } }).echo?.marker === 'after-flood',
        ),
      )
      const refused = ann
        .eventsNamed('rtc:error')
        .filter((error) => (error as { code?: string }).code === 'PEER_NOT_FOUND')
      expect(refused.length).toBeGreaterThan(0)
    },
  )

  it('keeps a reader that is merely busy: a burst under the bound is delivered in full', async () => {
    const [ann, ben] = await callOfTwo({
      SOCKET_SEND_QUEUE_BYTES: String(QUEUE_BOUND),
      SOCKET_RATE_LIMIT_BURST: '100000',
      SOCKET_RATE_LIMIT_PER_SECOND: '100000',
    })
    const count = 12
    const last = ben.waitFor<{ sdp: string }>('rtc:offer', (p) => p.sdp.endsWith(`#${count - 1}`))
    for (let i = 0; i < count; i++) {
      ann.socket.emit('rtc:offer', {
        callId: 'slow-call',
        toUserId: ben.userId,
        sdp: `${BIG_SDP}#${i}`,
      })
    }
    await last
    expect(ben.eventsNamed('rtc:offer')).toHaveLength(count)
    expect(ben.socket.connected).toBe(true)
    expect(server?.logs.some((line) => line.includes('stopped reading'))).toBe(false)
  })

  it('notices a silent connection by the heartbeat and tells its call-mates', async () => {
    const [ann, ben] = await callOfTwo({
      SOCKET_PING_INTERVAL_SECONDS: '1',
      SOCKET_PING_TIMEOUT_SECONDS: '1',
    })
    stopReading(ben.socket)
    // The default wait is plenty for interval + timeout; the old 45 s heartbeat would miss it.
    expect(await ann.waitFor('rtc:participantLeft')).toEqual({
      callId: 'slow-call',
      userId: ben.userId,
      reason: 'disconnected',
    })
  })
})
