/**
 * `npm run bench:server`: relay latency and throughput of the real server next to a bare
 * Socket.IO relay (no auth, no validation), measured in the same run with the same load. Each
 * server runs in a child process of its own and the clients in a third, so no two share an event
 * loop; the steady load goes to both servers in pairs (each message to the real server has a twin
 * sent to the bare relay at the same moment), so other work on the machine weighs on both alike. Loopback only; bounded in count and time.
 *
 * Settings (environment): BENCH_SOCKETS (1000 per server), BENCH_CALL_SIZE (4), BENCH_RATE
 * (messages per second per socket in the paced phase, 2), BENCH_SECONDS (paced phase, 10), BENCH_BLAST (messages per socket in one blast, 20), BENCH_BLAST_ROUNDS (3).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { runClients } from './server-bench-clients'
import {
  TARGETS,
  type BenchSettings,
  type ClientResult,
  type PhaseResult,
  type ServeReady,
  type ServerStats,
  type Target,
} from './server-bench-protocol'
import { serve } from './server-bench-targets'

const thisFile = fileURLToPath(import.meta.url)
const tsxLoader = createRequire(import.meta.url).resolve('tsx')
const P50_TARGET_RATIO = 1.3

function setting(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number from ${min} to ${max}`)
  }
  return value
}

function child(args: string[], profile = false): ChildProcess {
  // BENCH_PROFILE=1: a V8 CPU profile of the real server lands in bench/results.
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir=bench/results'] : []
  return fork(thisFile, args, {
    execArgv: ['--import', tsxLoader, ...profiling],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
}

function nextMessage<T extends { type: string }>(
  process: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${type} message within ${timeoutMs} ms`)),
      timeoutMs,
    )
    const onMessage = (message: unknown) => {
      if (
        typeof message === 'object' &&
        message !== null &&
        'type' in message &&
        message.type === type
      ) {
        clearTimeout(timer)
        process.off('message', onMessage)
        resolve(message as T)
      }
    }
    process.on('message', onMessage)
    process.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`child exited with ${code} before sending ${type}`))
    })
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function measure(
  settings: BenchSettings,
): Promise<{ clients: ClientResult; servers: Record<Target, ServerStats> }> {
  const servers = {
    real: child(['serve', 'real'], process.env.BENCH_PROFILE === '1'),
    bare: child(['serve', 'bare']),
  }
  try {
    const urls = {
      real: (await nextMessage<ServeReady>(servers.real, 'ready', 30_000)).url,
      bare: (await nextMessage<ServeReady>(servers.bare, 'ready', 30_000)).url,
    }
    const clients = child(['clients', JSON.stringify(urls), JSON.stringify(settings)])
    void nextMessage(clients, 'measuring', 600_000).then(
      () => {
        for (const target of TARGETS) servers[target].send('cpu-start')
      },
      () => {},
    )
    const result = await nextMessage<ClientResult>(clients, 'result', 900_000)
    clients.kill()
    const stats = async (target: Target) => {
      servers[target].send('stats')
      return nextMessage<ServerStats>(servers[target], 'stats', 10_000)
    }
    return { clients: result, servers: { real: await stats('real'), bare: await stats('bare') } }
  } finally {
    // Closing the channel lets a server exit on its own (writing its profile, if any).
    for (const target of TARGETS) {
      const server = servers[target]
      if (server.connected) server.disconnect()
      setTimeout(() => server.kill(), 5000).unref()
    }
  }
}

async function orchestrate(): Promise<void> {
  const settings: BenchSettings = {
    sockets: setting('BENCH_SOCKETS', 1000, 4, 20_000),
    callSize: setting('BENCH_CALL_SIZE', 4, 2, 10),
    pacedRate: setting('BENCH_RATE', 2, 1, 50),
    pacedSeconds: setting('BENCH_SECONDS', 10, 1, 120),
    blastPerSocket: setting('BENCH_BLAST', 20, 1, 150),
    blastRounds: setting('BENCH_BLAST_ROUNDS', 3, 1, 9),
  }
  console.log(
    `Parley server bench: ${settings.sockets} sockets per server in calls of ${settings.callSize}; ` +
      `paced ${settings.pacedRate} msg/s per socket for ${settings.pacedSeconds} s (to both ` +
      `servers in pairs), then ${settings.blastRounds} alternating blasts of ` +
      `${settings.blastPerSocket} per socket; node ${process.version}`,
  )
  // Other work on the machine moves these figures a lot; say how busy it was.
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')
  console.log(`${cpus().length} cores; load average at start: ${load()}`)
  const { clients, servers } = await measure(settings)
  const { real, bare } = clients.results

  const blastMedian = (phases: PhaseResult[], get: (phase: PhaseResult) => number) =>
    median(phases.map(get))
  const rows: [string, number, number, number][] = [
    ['sockets held', real.sockets, bare.sockets, 0],
    ['paced relay p50 (ms)', real.paced.p50Ms, bare.paced.p50Ms, 3],
    ['paced relay p90 (ms)', real.paced.p90Ms, bare.paced.p90Ms, 3],
    ['paced relay p99 (ms)', real.paced.p99Ms, bare.paced.p99Ms, 3],
    ['paced messages/s', real.paced.messagesPerSecond, bare.paced.messagesPerSecond, 0],
    [
      'blast messages/s (median)',
      blastMedian(real.blasts, (b) => b.messagesPerSecond),
      blastMedian(bare.blasts, (b) => b.messagesPerSecond),
      0,
    ],
    [
      'blast relay p50 (ms, median)',
      blastMedian(real.blasts, (b) => b.p50Ms),
      blastMedian(bare.blasts, (b) => b.p50Ms),
      1,
    ],
    [
      'blast relay p99 (ms, median)',
      blastMedian(real.blasts, (b) => b.p99Ms),
      blastMedian(bare.blasts, (b) => b.p99Ms),
      1,
    ],
    [
      'messages lost',
      real.paced.lost + real.blasts.reduce((sum, b) => sum + b.lost, 0),
      bare.paced.lost + bare.blasts.reduce((sum, b) => sum + b.lost, 0),
      0,
    ],
    ['rtc:error received', real.errors, bare.errors, 0],
    [
      'server CPU ms per 1k msgs',
      cpuPerThousand(servers.real, real.paced, real.blasts),
      cpuPerThousand(servers.bare, bare.paced, bare.blasts),
      1,
    ],
    ['server RSS (MB)', servers.real.rssMb, servers.bare.rssMb, 0],
    ['server loop delay p99 (ms)', servers.real.loopDelayP99Ms, servers.bare.loopDelayP99Ms, 1],
  ]
  const widths = [30, 14, 14, 8]
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('')
  console.log('')
  console.log(line(['', 'real server', 'bare relay', 'ratio']))
  for (const [label, realValue, bareValue, digits] of rows) {
    const ratio = bareValue > 0 ? `${(realValue / bareValue).toFixed(2)}x` : '-'
    console.log(line([label, realValue.toFixed(digits), bareValue.toFixed(digits), ratio]))
  }
  const p50Ratio = real.paced.p50Ms / bare.paced.p50Ms
  const expected = settings.sockets - (settings.sockets % settings.callSize)
  console.log('')
  console.log(
    `paced p50 ratio ${p50Ratio.toFixed(2)}x (target at most ${P50_TARGET_RATIO}x): ` +
      `${p50Ratio <= P50_TARGET_RATIO ? 'met' : 'NOT met'}; ${real.sockets} of ${expected} ` +
      `sockets held by the real server`,
  )
  console.log(`load average at end: ${load()}`)
  mkdirSync('bench/results', { recursive: true })
  writeFileSync(
    `bench/results/server-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    JSON.stringify({ settings, clients, servers, load: loadavg() }, null, 2),
  )
}

function cpuPerThousand(stats: ServerStats, paced: PhaseResult, blasts: PhaseResult[]): number {
  const messages = paced.received + blasts.reduce((sum, blast) => sum + blast.received, 0)
  return ((stats.cpuUserMs + stats.cpuSystemMs) * 1000) / Math.max(1, messages)
}

async function main(): Promise<void> {
  const [mode, first, second] = process.argv.slice(2)
  if (mode === 'serve' && (first === 'real' || first === 'bare')) return serve(first)
  if (mode === 'clients' && first && second) {
    const urls = JSON.parse(first) as Record<Target, string>
    const result = await runClients(urls, JSON.parse(second) as BenchSettings)
    process.send?.(result)
    return
  }
  await orchestrate()
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
