/**
 * `npm run bench:call`: how long a join takes to show the others' video, Parley against the floor
 * of bare WebRTC, for calls of 2 and 4 people.
 *
 * - Parley: real Chromium pages against the real server, each signed in and ready in its lobby.
 *   The clock starts when Join is pressed (`call:join`) and stops at the first remote frame
 *   (`call:first-frame:<userId>`), read from the app's own User Timing marks.
 * - The floor: bare pages (bench/bare-peer-page.js) with their camera and microphone open, a bare
 *   mesh through a bare Socket.IO relay. Their clock starts where Parley's does: when the joiner
 *   asks to join (the relay's room, one round trip that answers who is there), then it offers.
 *
 * Each measured join runs in a browser of its own, launched for it and closed after it, so the
 * other side is not running meanwhile; its pages first make one uncounted call (a user's measured
 * join is their second in pages already open). The two sides alternate within one run of the script. Prints p50/p90 and the ratio, the stage table, the
 * servers' own share of a signaling hop (bench/server-hop.ts), and the renderer bundle's gzip
 * size. Needs `npm run build` first. Env: BENCH_RUNS (default 9), BENCH_SIZES (default "2,4"),
 * BENCH_LIMIT_S (default 1200), BENCH_STEP_TIMEOUT_S (default 90), CHROMIUM_PATH, BENCH_PROFILE
 * and BENCH_TRACE (below). Asserts nothing.
 */
import { ParleyServer } from '../tests/e2e/fixtures/parley-server'
import { joinCall, leaveCall, openAppClient, type AppClient } from './app-client'
import { bareCall, bareHangUp, openBareClient, type BareClient } from './bare-client'
import { startBareRelay } from './bare-relay'
import { launchBenchBrowser } from './bench-browser'
import { ms, percentile, ratio } from './bench-figures'
import { owned, runBench } from './bench-lifetime'
import { printBundleSizes } from './bundle-size'
import { startPageProfile } from './page-profile'
import { startPageTrace } from './page-trace'
import { measureServerHop } from './server-hop'
import {
  STAGES,
  readJoinSample,
  waitForFirstFrames,
  type JoinSample,
  type StageKey,
} from './stage-marks'

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 9))
const SIZES = (process.env.BENCH_SIZES ?? '2,4').split(',').map(Number)
const LIMIT_MS = Number(process.env.BENCH_LIMIT_S ?? 1200) * 1000
/** BENCH_PROFILE=1: CPU profiles of the joiner's and the first other's page over the last app run. */
const PROFILE = process.env.BENCH_PROFILE === '1'
/** BENCH_TRACE=1 with BENCH_PROFILE=1: Chromium traces of the joiner instead (page-trace.ts). */
const TRACE = PROFILE && process.env.BENCH_TRACE === '1'
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ?? 'bench/results'

const APP_START = 'call:join'
const FLOOR_START = 'bare:start'

// --- Parley ----------------------------------------------------------------------------------

/** The others join one by one and are fully connected; then the last one's join is measured. */
async function appRun(clients: AppClient[], callId: string, profile = false): Promise<JoinSample> {
  const others = clients.slice(0, -1)
  const joiner = clients.at(-1)
  if (!joiner) throw new Error('no clients')
  for (const [index, client] of others.entries()) {
    await joinCall(client, callId)
    if (index > 0) await waitForFirstFrames(client.page, APP_START, index)
  }
  const profiled = clients[0] ? [joiner, clients[0]] : [joiner]
  const profilers =
    profile && !TRACE
      ? await Promise.all(profiled.map((client) => startPageProfile(client.page)))
      : []
  const stopTrace =
    profile && TRACE ? await startPageTrace(joiner.page, `${PROFILE_DIR}/trace-app.json`) : null
  await joinCall(joiner, callId, { measured: true })
  await waitForFirstFrames(joiner.page, APP_START, others.length)
  await stopTrace?.()
  for (const [index, profiler] of profilers.entries()) {
    const client = profiled[index]
    if (!client) continue
    const file = `${PROFILE_DIR}/join-${clients.length}-${client.name}.cpuprofile`
    const lines = await profiler.stop(file)
    process.stderr.write(`  profile of ${client.name} (${file}):\n${lines.join('\n')}\n`)
  }
  const sample = await readJoinSample(
    joiner.page,
    others.map((c) => c.page),
    APP_START,
  )
  for (const client of clients) await leaveCall(client)
  return sample
}

// --- the floor -------------------------------------------------------------------------------

/** The same shape as `appRun`: a mesh of the others first, then the joiner offers to them all. */
async function floorRun(pages: BareClient[], trace = false): Promise<JoinSample> {
  const others = pages.slice(0, -1)
  const joiner = pages.at(-1)
  if (!joiner) throw new Error('no pages')
  for (const [index, page] of others.entries()) {
    await bareCall(page)
    await waitForFirstFrames(page.page, FLOOR_START, index)
  }
  const stopTrace = trace
    ? await startPageTrace(joiner.page, `${PROFILE_DIR}/trace-floor.json`)
    : null
  await bareCall(joiner)
  await waitForFirstFrames(joiner.page, FLOOR_START, others.length)
  await stopTrace?.()
  const sample = await readJoinSample(
    joiner.page,
    others.map((p) => p.page),
    FLOOR_START,
  )
  for (const page of pages) await bareHangUp(page)
  return sample
}

// --- figures ---------------------------------------------------------------------------------

const STAGE_LABELS: Record<string, string> = {
  'join-sent': 'join sent',
  'call-started': 'call started (server answered)',
  'offer-sent': 'offer sent',
  'offer-received': 'offer received',
  'answer-sent': 'answer sent',
  'answer-received': 'answer received',
  'ice-connected': 'ICE connected',
  'dtls-connected': 'DTLS connected',
  track: 'track event',
  'first-frame': 'first frame shown',
}

function stageTable(size: number, app: JoinSample[], floor: JoinSample[]): string[] {
  const lines = [
    `  stage (ms from start, p50 over runs${size > 2 ? '; reached for every remote' : ''})`.padEnd(
      52,
    ) + '    app   floor     gap',
  ]
  for (const stage of STAGES) {
    for (const side of ['joiner', 'others'] as const) {
      const key: StageKey = `${side}:${stage}`
      const a = percentile(
        app.map((s) => s.stages[key] ?? NaN),
        50,
      )
      const f = percentile(
        floor.map((s) => s.stages[key] ?? NaN),
        50,
      )
      if (!Number.isFinite(a) && !Number.isFinite(f)) continue
      const gap = Number.isFinite(a) && Number.isFinite(f) ? a - f : NaN
      const gapText = Number.isFinite(gap) ? `${gap >= 0 ? '+' : ''}${gap.toFixed(0)}` : '-'
      lines.push(
        `  ${side.padEnd(7)} ${(STAGE_LABELS[stage] ?? stage).padEnd(42)} ${ms(a, 7)} ${ms(f, 7)} ${gapText.padStart(7)}`,
      )
    }
  }
  return lines
}

function summary(size: number, app: JoinSample[], floor: JoinSample[]): string[] {
  return (['first', 'all'] as const).map((key) => {
    const label = key === 'first' ? 'first remote frame' : 'frames from all'
    const a50 = percentile(
      app.map((s) => s[key]),
      50,
    )
    const a90 = percentile(
      app.map((s) => s[key]),
      90,
    )
    const f50 = percentile(
      floor.map((s) => s[key]),
      50,
    )
    const f90 = percentile(
      floor.map((s) => s[key]),
      90,
    )
    return `${String(size).padStart(2)} people  ${label.padEnd(18)}  app p50 ${ms(a50)} p90 ${ms(a90)}  |  floor p50 ${ms(f50)} p90 ${ms(f90)}  |  ratio p50 ${ratio(a50, f50)} p90 ${ratio(a90, f90)}`
  })
}

// --- the run ---------------------------------------------------------------------------------

async function benchSize(size: number, serverUrl: string, relayUrl: string): Promise<string[]> {
  const callId = (label: string) => `bench-${size}-${label}-${Date.now()}`
  const failed = { app: 0, floor: 0 }

  /**
   * One measured join of one side, in a browser of its own launched for it and closed after it,
   * so nothing of the other side runs meanwhile (Parley's lobby pages show their camera, and
   * two of them idling beside the floor's run slowed its first frame by about a third). Each
   * browser first makes one call that is not counted (the first codec start-up in a fresh browser
   * is slower), so the measured join is a user's second, in pages already open. A run that fails
   * (a step timing out on a busy machine) is reported and not counted.
   */
  const attempt = async (which: 'app' | 'floor', into: JoinSample[], label: string) => {
    const side = owned(await launchBenchBrowser(), (b) => b.close())
    try {
      const profile = PROFILE && label === String(RUNS - 1)
      if (which === 'app') {
        const clients: AppClient[] = []
        for (let i = 0; i < size; i++) clients.push(await openAppClient(side, serverUrl, `P${i}`))
        await appRun(clients, callId(`${label}-warmup`))
        into.push(await appRun(clients, callId(label), profile))
      } else {
        const pages: BareClient[] = []
        for (let i = 0; i < size; i++) {
          pages.push(await openBareClient(side, relayUrl, i === size - 1 ? 'joiner' : `p${i}`))
        }
        await floorRun(pages)
        into.push(await floorRun(pages, profile && TRACE))
      }
    } catch (error) {
      failed[which]++
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
      process.stderr.write(`  ${size} people, ${which} run ${label} failed: ${reason}\n`)
    } finally {
      await side.close()
    }
  }

  const app: JoinSample[] = []
  const floor: JoinSample[] = []
  for (let run = 0; run < RUNS; run++) {
    const counted = { app: app.length, floor: floor.length }
    // Alternating which goes first cancels a slow drift of the machine between the two.
    if (run % 2 === 0) {
      await attempt('app', app, String(run))
      await attempt('floor', floor, String(run))
    } else {
      await attempt('floor', floor, String(run))
      await attempt('app', app, String(run))
    }
    // A failed run prints as "-".
    const a = app.length > counted.app ? app.at(-1) : undefined
    const f = floor.length > counted.floor ? floor.at(-1) : undefined
    process.stderr.write(
      `  ${size} people, run ${run + 1}/${RUNS}: app ${ms(a?.first ?? NaN, 0)} / ${ms(a?.all ?? NaN, 0)}, floor ${ms(f?.first ?? NaN, 0)} / ${ms(f?.all ?? NaN, 0)} (first / all frames)\n`,
    )
  }
  const failures =
    failed.app + failed.floor > 0
      ? [`  failed runs, not counted: app ${failed.app}, floor ${failed.floor}`]
      : []
  return [...summary(size, app, floor), ...failures, ...stageTable(size, app, floor), '']
}

async function main(): Promise<void> {
  const server = owned(await ParleyServer.start({ maxParticipants: Math.max(4, ...SIZES) }), (s) =>
    s.stop(),
  )
  const relay = owned(await startBareRelay(), (r) => r.close())
  const lines: string[] = []
  for (const size of SIZES) lines.push(...(await benchSize(size, server.url, relay.url)))
  console.log(`\nJoin -> first remote frame, ${RUNS} runs per size, app and floor alternating`)
  console.log(
    '  app start: Join pressed (call:join). floor start: the joiner asks the bare relay to join its room (bare:start), then offers.',
  )
  console.log('  target: 2 people p50 <= 1.1x the floor\n')
  for (const line of lines) console.log(line)
  for (const line of await measureServerHop(server.url, relay.url)) console.log(line)
  console.log('')
  await printBundleSizes()
}

runBench(main, LIMIT_MS)
