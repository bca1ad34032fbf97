/**
 * The load: many socket.io-client connections in calls, in a process of their own so they do not
 * share a server's event loop. The same sockets-in-calls are opened against both servers; the
 * steady load is sent to both in pairs (see pacedPaired) and the blasts alternate, so whatever
 * else the machine is doing weighs on both alike.
 *
 * Every relayed message carries an id (inside the SDP text or the candidate string, which the
 * real server relays untouched); the sender notes when it sent it and the receiver, in this same
 * process and clock, when it arrived.
 */
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { API_PATHS, authResponseSchema } from '../src/shared/protocol'
import {
  TARGETS,
  type BenchSettings,
  type ClientResult,
  type PhaseResult,
  type Target,
  type TargetResult,
} from './server-bench-protocol'

interface Peer {
  socket: Socket
  callId: string
  mates: string[]
}

interface Group {
  target: Target
  peers: Peer[]
  connectSeconds: number
  errors: number
  book: LatencyBook
}

const CONNECT_BATCH = 50
const SDP_PADDING = 'a=x-bench:'.padEnd(3000, 'x')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

class LatencyBook {
  private readonly sentAt = new Map<number, number>()
  private latencies: number[] = []
  private sent = 0
  private activeMs = 0
  private nextId = 1

  stamp(): number {
    const id = this.nextId++
    this.sent++
    this.sentAt.set(id, performance.now())
    return id
  }

  arrived(id: number): void {
    const sent = this.sentAt.get(id)
    if (sent === undefined) return
    this.sentAt.delete(id)
    this.latencies.push(performance.now() - sent)
  }

  addActive(ms: number): void {
    this.activeMs += ms
  }

  get outstanding(): number {
    return this.sentAt.size
  }

  /** Results so far, then starts a fresh page (ids keep counting so late arrivals are ignored). */
  take(): PhaseResult {
    const sorted = [...this.latencies].sort((a, b) => a - b)
    const seconds = this.activeMs / 1000
    const result: PhaseResult = {
      sent: this.sent,
      received: sorted.length,
      lost: this.sent - sorted.length,
      seconds,
      messagesPerSecond: seconds > 0 ? sorted.length / seconds : 0,
      p50Ms: percentile(sorted, 50),
      p90Ms: percentile(sorted, 90),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    }
    this.latencies = []
    this.sent = 0
    this.activeMs = 0
    this.sentAt.clear()
    return result
  }
}

export async function signIn(
  url: string,
  name: string,
): Promise<{ token: string; userId: string }> {
  const response = await fetch(url + API_PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name }),
  })
  const auth = authResponseSchema.parse(await response.json())
  return { token: auth.accessToken, userId: auth.user.id }
}

export function connect(url: string, auth: Record<string, string>): Promise<Socket> {
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

async function openGroup(url: string, target: Target, settings: BenchSettings): Promise<Group> {
  const started = performance.now()
  const calls = Math.floor(settings.sockets / settings.callSize)
  const identities = await inBatches(calls * settings.callSize, async (i) =>
    target === 'real' ? signIn(url, `Bench ${i}`) : { token: '', userId: `bench-user-${i}` },
  )
  const group: Group = { target, peers: [], connectSeconds: 0, errors: 0, book: new LatencyBook() }
  group.peers = await inBatches(identities.length, async (i) => {
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
    socket.on('rtc:error', () => group.errors++)
    socket.on('rtc:offer', (payload: { sdp: string }) => group.book.arrived(idFrom(payload.sdp)))
    socket.on('rtc:candidate', (payload: { candidate: { candidate: string } }) =>
      group.book.arrived(idFrom(payload.candidate.candidate)),
    )
    return { socket, callId: `bench-call-${call}`, mates }
  })
  await inBatches(group.peers.length, (i) => {
    const peer = group.peers[i]
    if (!peer) return Promise.resolve()
    return new Promise<void>((resolve) => {
      peer.socket.once('rtc:callStarted', () => resolve())
      peer.socket.emit('rtc:joinCall', { callId: peer.callId })
    })
  })
  group.connectSeconds = (performance.now() - started) / 1000
  return group
}

/** Message number `seq` of a socket: which peer it goes to, and whether an offer or a candidate. */
function sendOne(group: Group, peer: Peer, seq: number): void {
  const toUserId = peer.mates[seq % peer.mates.length] ?? ''
  const id = group.book.stamp()
  // One offer in ten, the rest trickled candidates: roughly what a call set-up sends.
  if (seq % 10 === 0) {
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

async function drain(group: Group, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (group.book.outstanding > 0 && performance.now() < deadline) await sleep(5)
}

/**
 * Steady load, paired: at random moments each socket sends a message through the real server
 * and its twin sends the same kind of message through the bare relay, in random order, so both
 * servers see the same load under the same conditions at every instant.
 */
async function pacedPaired(groups: Record<Target, Group>, rate: number, seconds: number) {
  const periodMs = 1000 / rate
  const periods = Math.max(1, Math.round(seconds * rate))
  const started = performance.now()
  let seq = 0
  for (let period = 0; period < periods; period++) {
    const periodStart = performance.now()
    for (let index = 0; index < groups.real.peers.length; index++) {
      const messageSeq = seq++
      setTimeout(() => {
        const order: Target[] = Math.random() < 0.5 ? ['real', 'bare'] : ['bare', 'real']
        for (const target of order) {
          const peer = groups[target].peers[index]
          if (peer) sendOne(groups[target], peer, messageSeq)
        }
      }, Math.random() * periodMs)
    }
    await sleep(periodMs - (performance.now() - periodStart))
  }
  for (const target of TARGETS) groups[target].book.addActive(performance.now() - started)
  for (const target of TARGETS) await drain(groups[target], 10_000)
}

async function blast(group: Group, perSocket: number): Promise<PhaseResult> {
  const started = performance.now()
  let seq = 0
  for (let round = 0; round < perSocket; round++) {
    for (const peer of group.peers) sendOne(group, peer, seq++)
  }
  await drain(group, 30_000)
  group.book.addActive(performance.now() - started)
  return group.book.take()
}

export async function runClients(
  urls: Record<Target, string>,
  settings: BenchSettings,
): Promise<ClientResult> {
  const groups = {
    real: await openGroup(urls.real, 'real', settings),
    bare: await openGroup(urls.bare, 'bare', settings),
  }

  // Warm-up: let both servers' JITs settle before anything is measured.
  await pacedPaired(groups, settings.pacedRate, 2)
  for (const target of TARGETS) await blast(groups[target], 2)
  for (const target of TARGETS) groups[target].book.take()
  process.send?.({ type: 'measuring' })

  await pacedPaired(groups, settings.pacedRate, settings.pacedSeconds)
  const paced = { real: groups.real.book.take(), bare: groups.bare.book.take() }

  const blasts: Record<Target, PhaseResult[]> = { real: [], bare: [] }
  for (let round = 0; round < settings.blastRounds; round++) {
    const order: Target[] = round % 2 === 0 ? ['real', 'bare'] : ['bare', 'real']
    for (const target of order)
      blasts[target].push(await blast(groups[target], settings.blastPerSocket))
  }

  const summary = (target: Target): TargetResult => {
    const group = groups[target]
    return {
      sockets: group.peers.filter((peer) => peer.socket.connected).length,
      connectSeconds: group.connectSeconds,
      paced: paced[target],
      blasts: blasts[target],
      errors: group.errors,
    }
  }
  const results = { real: summary('real'), bare: summary('bare') }
  for (const target of TARGETS) for (const peer of groups[target].peers) peer.socket.disconnect()
  return { type: 'result', calls: Math.floor(settings.sockets / settings.callSize), results }
}
