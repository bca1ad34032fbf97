/**
 * The load: many socket.io-client connections in calls, in a process of their own so they do not
 * share the server's event loop. Every relayed message carries an id (inside the SDP text or the
 * candidate string, which the real server relays untouched); the sender notes when it sent it and
 * the receiver, in this same process and clock, when it arrived.
 */
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { API_PATHS, authResponseSchema } from '../src/shared/protocol'
import type { BenchSettings, ClientResult, PhaseResult, Target } from './server-bench-protocol'

interface Peer {
  socket: Socket
  userId: string
  callId: string
  mates: string[]
}

const CONNECT_BATCH = 50
const SDP_PADDING = 'a=x-bench:'.padEnd(3000, 'x')

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

class LatencyBook {
  private readonly sentAt = new Map<number, number>()
  private readonly latencies: number[] = []
  private nextId = 1
  private firstSend = 0
  private lastReceive = 0

  stamp(): number {
    const id = this.nextId++
    const now = performance.now()
    if (this.sentAt.size === 0 && this.latencies.length === 0) this.firstSend = now
    this.sentAt.set(id, now)
    return id
  }

  arrived(id: number): void {
    const sent = this.sentAt.get(id)
    if (sent === undefined) return
    const now = performance.now()
    this.sentAt.delete(id)
    this.latencies.push(now - sent)
    this.lastReceive = now
  }

  get outstanding(): number {
    return this.sentAt.size
  }

  result(sent: number): PhaseResult {
    const sorted = [...this.latencies].sort((a, b) => a - b)
    const seconds = (this.lastReceive - this.firstSend) / 1000
    return {
      sent,
      received: sorted.length,
      lost: sent - sorted.length,
      seconds,
      messagesPerSecond: seconds > 0 ? sorted.length / seconds : 0,
      p50Ms: percentile(sorted, 50),
      p90Ms: percentile(sorted, 90),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    }
  }
}

async function signIn(url: string, name: string): Promise<{ token: string; userId: string }> {
  const response = await fetch(url + API_PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name }),
  })
  const auth = authResponseSchema.parse(await response.json())
  return { token: auth.accessToken, userId: auth.user.id }
}

function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false })
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

async function inBatches<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, (_, i) =>
      make(start + i),
    )
    results.push(...(await Promise.all(batch)))
  }
  return results
}

function idFrom(text: string): number {
  const match = /bench-id:(\d+)/.exec(text)
  return match ? Number(match[1]) : -1
}

export async function runClients(
  url: string,
  target: Target,
  settings: BenchSettings,
): Promise<ClientResult> {
  const started = performance.now()
  let errors = 0
  const calls = Math.floor(settings.sockets / settings.callSize)
  const identities = await inBatches(calls * settings.callSize, async (i) =>
    target === 'real' ? signIn(url, `Bench ${i}`) : { token: '', userId: `bench-user-${i}` },
  )
  const peers: Peer[] = await inBatches(identities.length, async (i) => {
    const identity = identities[i] ?? { token: '', userId: '' }
    const socket = await connect(
      url,
      target === 'real' ? { token: identity.token } : { userId: identity.userId },
    )
    const call = Math.floor(i / settings.callSize)
    const mates = identities
      .slice(call * settings.callSize, (call + 1) * settings.callSize)
      .map((other) => other.userId)
      .filter((userId) => userId !== identity.userId)
    socket.on('rtc:error', () => errors++)
    return { socket, userId: identity.userId, callId: `bench-call-${call}`, mates }
  })
  await inBatches(peers.length, (i) => {
    const peer = peers[i]
    if (!peer) return Promise.resolve()
    return new Promise<void>((resolve) => {
      peer.socket.once('rtc:callStarted', () => resolve())
      peer.socket.emit('rtc:joinCall', { callId: peer.callId })
    })
  })
  const connectSeconds = (performance.now() - started) / 1000

  let book = new LatencyBook()
  for (const peer of peers) {
    peer.socket.on('rtc:offer', (payload: { sdp: string }) => book.arrived(idFrom(payload.sdp)))
    peer.socket.on('rtc:candidate', (payload: { candidate: { candidate: string } }) =>
      book.arrived(idFrom(payload.candidate.candidate)),
    )
  }

  let counter = 0
  const sendOne = (peer: Peer): void => {
    const toUserId = peer.mates[counter % peer.mates.length] ?? ''
    const id = book.stamp()
    // One offer in ten, the rest trickled candidates: roughly what a call set-up sends.
    if (counter++ % 10 === 0) {
      const sdp = `v=0\r\no=- bench-id:${id} 2 IN IP4 127.0.0.1\r\ns=-\r\n${SDP_PADDING}\r\n`
      peer.socket.emit('rtc:offer', { callId: peer.callId, toUserId, sdp })
    } else {
      const candidate = `candidate:bench-id:${id} 1 udp 2122260223 127.0.0.1 ${40000 + (id % 20000)} typ host`
      peer.socket.emit('rtc:candidate', {
        callId: peer.callId,
        toUserId,
        candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 },
      })
    }
  }

  const drain = async (timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs
    while (book.outstanding > 0 && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
  }

  // Warm-up: let both servers' JITs settle before anything is measured.
  for (let round = 0; round < 3; round++) for (const peer of peers) sendOne(peer)
  await drain(10_000)
  process.send?.({ type: 'measuring' })

  // Paced: a steady load, each socket sending at a fixed rate with staggered starts.
  book = new LatencyBook()
  let pacedSent = 0
  const intervalMs = 1000 / settings.pacedRate
  const pacedUntil = performance.now() + settings.pacedSeconds * 1000
  await new Promise<void>((resolve) => {
    let running = peers.length
    for (const peer of peers) {
      const begin = setTimeout(() => {
        const timer = setInterval(() => {
          if (performance.now() >= pacedUntil) {
            clearInterval(timer)
            if (--running === 0) resolve()
            return
          }
          sendOne(peer)
          pacedSent++
        }, intervalMs)
      }, Math.random() * intervalMs)
      begin.unref()
    }
  })
  await drain(10_000)
  const paced = book.result(pacedSent)

  // Blast: every socket sends its messages back to back; what the server does flat out.
  book = new LatencyBook()
  let blastSent = 0
  for (let round = 0; round < settings.blastPerSocket; round++) {
    for (const peer of peers) {
      sendOne(peer)
      blastSent++
    }
  }
  await drain(30_000)
  const blast = book.result(blastSent)

  const connected = peers.filter((peer) => peer.socket.connected).length
  for (const peer of peers) peer.socket.disconnect()
  return { type: 'result', sockets: connected, calls, connectSeconds, paced, blast, errors }
}
