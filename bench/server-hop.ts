/**
 * The servers' own share of a signaling hop, without a browser: two socket.io-client connections
 * join a call and relay an offer through the reference server, and the same through the bare
 * relay, in turns. The clients run in a child process of their own (`measureServerHop` starts
 * this file), so neither server shares an event loop with them. What the stage table shows beyond
 * this difference is spent in the pages (their main threads, their network stacks).
 */
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { Socket } from 'socket.io-client'
import { ClientEvent, ServerEvent } from '../src/shared/protocol'
import { percentile } from './bench-figures'
import { connect, signIn } from './server-bench-clients'

const ROUNDS = 30
/** About the size of a browser's first offer. */
const SDP = `v=0\r\n${'a=x-bench:'.padEnd(5000, 'x')}\r\n`

const next = (socket: Socket, event: string) =>
  new Promise<void>((resolve) => socket.once(event, () => resolve()))

async function timed(step: () => Promise<void>): Promise<number> {
  const start = performance.now()
  await step()
  return performance.now() - start
}

/** Lines for the bench's output: p50 of a join's round trip and of an offer's relay, each side. */
async function measure(serverUrl: string, relayUrl: string): Promise<string[]> {
  const [a, b] = await Promise.all([signIn(serverUrl, 'hop-a'), signIn(serverUrl, 'hop-b')])
  const app = await Promise.all([
    connect(serverUrl, { token: a.token }),
    connect(serverUrl, { token: b.token }),
  ])
  const bare = await Promise.all([connect(relayUrl, {}), connect(relayUrl, {})])
  const [appA, appB] = app
  const [bareA, bareB] = bare
  const times = {
    appJoin: [] as number[],
    appRelay: [] as number[],
    bareJoin: [] as number[],
    bareRelay: [] as number[],
  }
  try {
    await bareA.emitWithAck('hello', 'hop-a')
    await bareB.emitWithAck('hello', 'hop-b')
    for (let round = 0; round < ROUNDS; round++) {
      const callId = `hop-${round}-${Date.now()}`
      const started = next(appA, ServerEvent.callStarted)
      appA.emit(ClientEvent.joinCall, { callId })
      await started
      times.appJoin.push(
        await timed(async () => {
          const answered = next(appB, ServerEvent.callStarted)
          appB.emit(ClientEvent.joinCall, { callId })
          await answered
        }),
      )
      times.appRelay.push(
        await timed(async () => {
          const relayed = next(appA, ServerEvent.offer)
          appB.emit(ClientEvent.offer, { callId, toUserId: a.userId, sdp: SDP })
          await relayed
        }),
      )
      appA.emit(ClientEvent.leaveCall, { callId })
      appB.emit(ClientEvent.leaveCall, { callId })
      await bareA.emitWithAck('join')
      times.bareJoin.push(await timed(async () => void (await bareB.emitWithAck('join'))))
      times.bareRelay.push(
        await timed(async () => {
          const relayed = next(bareA, 'signal')
          bareB.emit('signal', { kind: 'offer', to: 'hop-a', sdp: SDP })
          await relayed
        }),
      )
      bareA.emit('leave')
      bareB.emit('leave')
    }
  } finally {
    for (const socket of [...app, ...bare]) socket.close()
  }
  const p50 = (list: number[]) => `${percentile(list, 50).toFixed(1)} ms`.padStart(7)
  return [
    `Signaling hop without a browser (Node clients, ${ROUNDS} rounds, p50): reference server against the bare relay`,
    `  join -> callStarted    server ${p50(times.appJoin)}   bare relay ${p50(times.bareJoin)}`,
    `  offer relayed (5 kB)   server ${p50(times.appRelay)}   bare relay ${p50(times.bareRelay)}`,
  ]
}

/** Runs the clients in a child process; resolves with the lines it prints. */
export function measureServerHop(serverUrl: string, relayUrl: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), serverUrl, relayUrl],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0
        ? resolve(output.trimEnd().split('\n'))
        : reject(new Error(`the signaling hop measure exited with ${String(code)}`)),
    )
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [serverUrl, relayUrl] = process.argv.slice(2)
  if (!serverUrl || !relayUrl) throw new Error('usage: server-hop.ts SERVER_URL RELAY_URL')
  measure(serverUrl, relayUrl).then(
    (lines) => {
      console.log(lines.join('\n'))
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
