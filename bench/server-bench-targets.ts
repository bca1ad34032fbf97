/**
 * The two servers the bench compares, each run in its own process: the real Parley server
 * (auth, validation, registry, rate limit; everything on) and a bare Socket.IO relay that
 * forwards by user id with no auth and no validation.
 */
import { createServer } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Server, type Socket } from 'socket.io'
import { loadServerConfig, startServer } from '../src/server'
import type { ServeReady, ServerStats, Target } from './server-bench-protocol'

function send(message: ServeReady | ServerStats): void {
  process.send?.(message)
}

async function serveReal(): Promise<void> {
  // Default settings, rate limit included: the bench measures the server as shipped.
  const server = await startServer(loadServerConfig({ HOST: '127.0.0.1', PORT: '0' }))
  send({ type: 'ready', url: server.url })
}

async function serveBare(): Promise<void> {
  const http = createServer()
  const io = new Server(http, { serveClient: false })
  const byUser = new Map<string, Socket>()
  io.on('connection', (socket) => {
    const auth: unknown = socket.handshake.auth
    const userId =
      typeof auth === 'object' && auth !== null && 'userId' in auth
        ? String(auth.userId)
        : socket.id
    byUser.set(userId, socket)
    socket.on('disconnect', () => byUser.delete(userId))
    socket.on('rtc:joinCall', (payload: { callId: string }) => {
      socket.emit('rtc:callStarted', { callId: payload.callId, participants: [] })
    })
    const relay = (event: string) => (payload: { toUserId: string }) => {
      byUser.get(payload.toUserId)?.emit(event, { ...payload, fromUserId: userId })
    }
    for (const event of ['rtc:offer', 'rtc:answer', 'rtc:candidate']) socket.on(event, relay(event))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const address = http.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  send({ type: 'ready', url: `http://127.0.0.1:${port}` })
}

export async function serve(target: Target): Promise<void> {
  if (target === 'real') await serveReal()
  else await serveBare()
  let start = process.cpuUsage()
  const loopDelay = monitorEventLoopDelay({ resolution: 5 })
  loopDelay.enable()
  process.on('message', (message: unknown) => {
    // Counted from the end of the clients' warm-up: sign-ins and connects are not relays.
    if (message === 'cpu-start') {
      start = process.cpuUsage()
      loopDelay.reset()
    }
    if (message !== 'stats') return
    const cpu = process.cpuUsage(start)
    send({
      type: 'stats',
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
    })
  })
  process.on('disconnect', () => process.exit(0))
}
