/**
 * `npm run bench:server`: relay latency and throughput of the real server next to a bare
 * Socket.IO relay, measured in the same run with the same load. Each server runs in a child
 * process and the clients in another, so on a 2-core machine the server has a core of its own.
 * Loopback only; bounded in count and time.
 *
 * Settings (environment): BENCH_SOCKETS (1000), BENCH_CALL_SIZE (4), BENCH_RATE (messages per
 * second per socket in the paced phase, 2), BENCH_SECONDS (paced phase length, 10),
 * BENCH_BLAST (messages per socket in the blast phase, 20), BENCH_ROUNDS (1).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { runClients } from './server-bench-clients'
import type { BenchSettings, ClientResult, ServerStats, Target } from './server-bench-protocol'
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

function child(args: string[]): ChildProcess {
  return fork(thisFile, args, {
    execArgv: ['--import', tsxLoader],
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

async function measure(
  target: Target,
  settings: BenchSettings,
): Promise<{ clients: ClientResult; server: ServerStats }> {
  const server = child(['serve', target])
  try {
    const { url } = await nextMessage<{ type: 'ready'; url: string }>(server, 'ready', 30_000)
    const clients = child(['clients', target, url, JSON.stringify(settings)])
    void nextMessage(clients, 'measuring', 300_000).then(
      () => server.send('cpu-start'),
      () => {},
    )
    const result = await nextMessage<ClientResult>(clients, 'result', 300_000)
    clients.kill()
    server.send('stats')
    const stats = await nextMessage<ServerStats>(server, 'stats', 10_000)
    return { clients: result, server: stats }
  } finally {
    server.kill()
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function orchestrate(): Promise<void> {
  const settings: BenchSettings = {
    sockets: setting('BENCH_SOCKETS', 1000, 4, 20_000),
    callSize: setting('BENCH_CALL_SIZE', 4, 2, 10),
    pacedRate: setting('BENCH_RATE', 2, 0.1, 50),
    pacedSeconds: setting('BENCH_SECONDS', 10, 1, 120),
    blastPerSocket: setting('BENCH_BLAST', 20, 1, 150),
  }
  const rounds = setting('BENCH_ROUNDS', 1, 1, 5)
  console.log(
    `Parley server bench: ${settings.sockets} sockets in calls of ${settings.callSize}; paced ` +
      `${settings.pacedRate} msg/s per socket for ${settings.pacedSeconds} s, then a blast of ` +
      `${settings.blastPerSocket} per socket; ${rounds} round(s); node ${process.version}`,
  )
  const runs: Record<Target, { clients: ClientResult; server: ServerStats }[]> = {
    real: [],
    bare: [],
  }
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so neither target always runs on a warmer machine.
    const order: Target[] = round % 2 === 0 ? ['bare', 'real'] : ['real', 'bare']
    for (const target of order) {
      process.stdout.write(`  round ${round + 1}: ${target} ... `)
      const run = await measure(target, settings)
      runs[target].push(run)
      console.log(
        `${run.clients.sockets} sockets held, paced p50 ${run.clients.paced.p50Ms.toFixed(3)} ms, ` +
          `blast ${Math.round(run.clients.blast.messagesPerSecond)} msg/s`,
      )
    }
  }

  const pick = (
    target: Target,
    get: (run: { clients: ClientResult; server: ServerStats }) => number,
  ) => median(runs[target].map(get))
  const rows: [string, (run: { clients: ClientResult; server: ServerStats }) => number, number][] =
    [
      ['sockets held', (r) => r.clients.sockets, 0],
      ['paced relay p50 (ms)', (r) => r.clients.paced.p50Ms, 3],
      ['paced relay p90 (ms)', (r) => r.clients.paced.p90Ms, 3],
      ['paced relay p99 (ms)', (r) => r.clients.paced.p99Ms, 3],
      ['paced messages/s', (r) => r.clients.paced.messagesPerSecond, 0],
      ['blast messages/s', (r) => r.clients.blast.messagesPerSecond, 0],
      ['blast relay p50 (ms)', (r) => r.clients.blast.p50Ms, 1],
      ['blast relay p99 (ms)', (r) => r.clients.blast.p99Ms, 1],
      ['messages lost', (r) => r.clients.paced.lost + r.clients.blast.lost, 0],
      ['rtc:error received', (r) => r.clients.errors, 0],
      [
        'server CPU ms per 1k msgs',
        (r) =>
          ((r.server.cpuUserMs + r.server.cpuSystemMs) * 1000) /
          Math.max(1, r.clients.paced.received + r.clients.blast.received),
        1,
      ],
      ['server RSS (MB)', (r) => r.server.rssMb, 0],
      ['server loop delay p99 (ms)', (r) => r.server.loopDelayP99Ms, 1],
      ['server loop delay max (ms)', (r) => r.server.loopDelayMaxMs, 1],
    ]
  const table = rows.map(([label, get, digits]) => {
    const real = pick('real', get)
    const bare = pick('bare', get)
    const ratio = bare > 0 ? `${(real / bare).toFixed(2)}x` : '-'
    return [label, real.toFixed(digits), bare.toFixed(digits), ratio]
  })
  const widths = [28, 14, 14, 8]
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('')
  console.log('')
  console.log(line(['', 'real server', 'bare relay', 'ratio']))
  for (const row of table) console.log(line(row))
  const p50Ratio =
    pick('real', (r) => r.clients.paced.p50Ms) / pick('bare', (r) => r.clients.paced.p50Ms)
  const held =
    pick('real', (r) => r.clients.sockets) >=
    settings.sockets - (settings.sockets % settings.callSize)
  console.log('')
  console.log(
    `p50 ratio ${p50Ratio.toFixed(2)}x (target at most ${P50_TARGET_RATIO}x): ${p50Ratio <= P50_TARGET_RATIO ? 'met' : 'NOT met'}; ` +
      `${settings.sockets} sockets held by the real server: ${held ? 'yes' : 'NO'}`,
  )
  mkdirSync('bench/results', { recursive: true })
  writeFileSync(
    `bench/results/server-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    JSON.stringify({ settings, rounds, runs }, null, 2),
  )
}

async function main(): Promise<void> {
  const [mode, target, url, settings] = process.argv.slice(2)
  if (mode === 'serve' && (target === 'real' || target === 'bare')) return serve(target)
  if (mode === 'clients' && (target === 'real' || target === 'bare') && url && settings) {
    const result = await runClients(url, target, JSON.parse(settings) as BenchSettings)
    process.send?.(result)
    return
  }
  await orchestrate()
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
