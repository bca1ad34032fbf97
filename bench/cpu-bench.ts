/**
 * `npm run bench:cpu`: what a steady 3-person call costs in CPU, Parley against the floor.
 *
 * - Parley: three signed-in pages in one call against the real server.
 * - The floor: three bare pages (bench/bare-peer-page.js) in a mesh, each showing its own camera
 *   and the two others in the same 2x2 grid of the same window size, with the same fake media.
 *
 * Each side gets a fresh browser of its own for each round; the sides alternate. Once every page
 * shows both others and the call has settled, the CPU time of the side's whole browser process
 * tree (utime + stime over /proc) is read over BENCH_CPU_SECONDS (default 20). Prints cores used per
 * round, the medians and their ratio, the ratio round by round (each beside the floor's round run
 * next to it, so the run's own spread shows), and the video frames each side showed per second (the work
 * it did for that CPU), and the frame size the cameras went out at (Parley sends each person the
 * size they show it at; the bare pages send the whole camera); then where it went: by kind of
 * process, and on the pages' main threads
 * (Chromium's task, script, style and layout counters, and the compositor's layers), with the load
 * average of the machine at each round. Needs `npm run build` first. Env: BENCH_CPU_ROUNDS (default 3 per side),
 * BENCH_CPU_SECONDS, BENCH_CPU_SETTLE_S (default 5), BENCH_LIMIT_S (default 900). Asserts nothing.
 */
import type { Page } from '@playwright/test'
import { ParleyServer } from '../tests/e2e/fixtures/parley-server'
import { joinCall, openAppClient } from './app-client'
import { bareCall, openBareClient } from './bare-client'
import { startBareRelay } from './bare-relay'
import { launchBenchBrowser, type BenchBrowser } from './bench-browser'
import { percentile, ratio } from './bench-figures'
import { owned, runBench } from './bench-lifetime'
import { startPageProfile } from './page-profile'
import { loadavg } from 'node:os'
import {
  MAIN_THREAD_METRICS,
  metricsDelta,
  watchPageMetrics,
  type LayerInfo,
  type MetricTotals,
} from './page-metrics'
import { REACT_COMMIT_COUNTER, reactCommits } from './react-commits'
import { measureTreeCpu, type TreeCpu } from './process-cpu'
import { waitForFirstFrames } from './stage-marks'
import { recordPeerConnections, sentVideoSizes } from '../tests/e2e/fixtures/peer-recorder'

const ROUNDS = Math.max(1, Number(process.env.BENCH_CPU_ROUNDS ?? 3))
const SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 20)
const SETTLE_MS = Number(process.env.BENCH_CPU_SETTLE_S ?? 5) * 1000
const LIMIT_MS = Number(process.env.BENCH_LIMIT_S ?? 900) * 1000
const PEOPLE = 3
/**
 * BENCH_PROFILE=1: after the first app round is measured (so the figure is not disturbed), a CPU
 * profile of one page's main thread over BENCH_CPU_SECONDS, written to BENCH_PROFILE_DIR.
 */
const PROFILE = process.env.BENCH_PROFILE === '1'
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ?? 'bench/results'
/**
 * BENCH_CPU_BEFORE=path/to/other/out/server/cli.js: a third side, "before", runs another build of
 * Parley (say, the main branch's) through the same rounds, so a change is measured against what it
 * changed in one run, under the same load.
 */
const BEFORE_CLI = process.env.BENCH_CPU_BEFORE

interface TileSize {
  width: number
  height: number
}

/** The size of the app's tiles, measured in its first round; the floor's tiles copy it. */
let appTile: TileSize | undefined

async function tileSize(page: Page): Promise<TileSize> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: { querySelector(s: string): { clientWidth: number; clientHeight: number } | null }
      }
    ).document
    const tile = doc.querySelector('.tile')
    return { width: tile?.clientWidth ?? 0, height: tile?.clientHeight ?? 0 }
  })
}

interface Round extends TreeCpu {
  /** Video frames shown per second, summed over every <video> of every page. */
  framesPerSecond: number
  /** The pages' main-thread counters over the window, summed over the pages. */
  mainThread: MetricTotals
  /** React commits, and components rendered, per second, summed over the pages. */
  reactCommits: number
  reactRenders: number
  /** Compositing layers after the window, summed over the pages; NaN when a page gave no tree. */
  layers: number
  /** The first page's layers, each with its owner and compositing reasons. */
  firstPageLayers: LayerInfo[]
  /** The machine's 1-minute load average as the window ended. */
  load: number
  /** The frame size each link's camera went out at as the window ended, e.g. "474x356". */
  sentVideo: string[]
}

/**
 * What every link of the page sends of its camera, as frame sizes: Parley sends each person the
 * size they show it at (engine/shown-size.ts), the bare pages their whole camera.
 */
async function sentVideo(page: Page): Promise<string[]> {
  return (await sentVideoSizes(page)).map((size) => `${size.width}x${size.height}`)
}

/** A side's browser whose every context records its peer connections (for sentVideo). */
function recordingPeers(side: BenchBrowser, initScripts: string[] = []): BenchBrowser {
  return {
    ...side,
    async newContext() {
      const context = await side.newContext()
      for (const script of [recordPeerConnections, ...initScripts]) {
        await context.addInitScript(script)
      }
      return context
    },
  }
}

/** Frames shown so far by every <video> in the page (own camera included). */
async function framesShown(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          querySelectorAll(s: string): Iterable<{
            getVideoPlaybackQuality(): { totalVideoFrames: number }
          }>
        }
      }
    ).document
    let total = 0
    for (const video of doc.querySelectorAll('video')) {
      total += video.getVideoPlaybackQuality().totalVideoFrames
    }
    return total
  })
}

async function measure(side: BenchBrowser, pages: Page[]): Promise<Round> {
  const watchers = await Promise.all(pages.map(watchPageMetrics))
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  const framesBefore = await Promise.all(pages.map(framesShown))
  const metricsBefore = await Promise.all(watchers.map((w) => w.read()))
  const reactBefore = await Promise.all(pages.map(reactCommits))
  const cpu = await measureTreeCpu(side.pid, SECONDS * 1000)
  const reactAfter = await Promise.all(pages.map(reactCommits))
  const metricsAfter = await Promise.all(watchers.map((w) => w.read()))
  const reactDelta = (figure: 'commits' | 'renders') =>
    reactAfter.reduce((sum, r, i) => sum + r[figure] - (reactBefore[i]?.[figure] ?? 0), 0) /
    cpu.wallSeconds
  const framesAfter = await Promise.all(pages.map(framesShown))
  const load = loadavg()[0] ?? NaN
  const sent = (await Promise.all(pages.map(sentVideo))).flat()
  const frames = framesAfter.reduce((sum, n, i) => sum + n - (framesBefore[i] ?? 0), 0)
  const deltas = metricsBefore.map((before, i) => metricsDelta(before, metricsAfter[i] ?? before))
  const mainThread = Object.fromEntries(
    MAIN_THREAD_METRICS.map((name) => [name, deltas.reduce((sum, d) => sum + d[name], 0)]),
  ) as MetricTotals
  const reports = []
  for (const watcher of watchers) reports.push(await watcher.layerReport())
  const layers = reports.reduce((sum, report) => sum + (report?.length ?? NaN), 0)
  const firstPageLayers = reports[0] ?? []
  for (const watcher of watchers) await watcher.close()
  return {
    ...cpu,
    framesPerSecond: frames / cpu.wallSeconds,
    mainThread,
    reactCommits: reactDelta('commits'),
    reactRenders: reactDelta('renders'),
    layers,
    firstPageLayers,
    load,
    sentVideo: sent,
  }
}

/**
 * One page's layers grouped by owner and reason, e.g. "3 x div.tile__bottom (456x27): Overlaps
 * other composited content": the layers one side has beyond the other's, by name.
 */
function layerLines(layers: LayerInfo[]): string[] {
  const groups = new Map<string, number>()
  for (const layer of layers) {
    const key = `${layer.owner || '(no element)'} (${layer.width}x${layer.height}${layer.drawsContent ? '' : ', draws nothing'}): ${layer.reasons.join('; ') || 'no reason given'}`
    groups.set(key, (groups.get(key) ?? 0) + 1)
  }
  return [...groups].map(([key, count]) => `      ${count} x ${key}`)
}

/** `profiled`: the side whose first round may be profiled (BENCH_PROFILE). */
async function appRound(serverUrl: string, round: number, profiled: boolean): Promise<Round> {
  const browser = owned(await launchBenchBrowser(), (b) => b.close())
  // React's commits are counted (bench/react-commits.ts) in every page of this side.
  const side = recordingPeers(browser, [REACT_COMMIT_COUNTER])
  try {
    const clients = []
    for (let i = 0; i < PEOPLE; i++) clients.push(await openAppClient(side, serverUrl, `P${i}`))
    const callId = `cpu-${round}-${Date.now()}`
    for (const client of clients) await joinCall(client, callId)
    for (const client of clients) {
      await waitForFirstFrames(client.page, 'call:join', PEOPLE - 1)
    }
    if (clients[0]) appTile ??= await tileSize(clients[0].page)
    const result = await measure(
      side,
      clients.map((c) => c.page),
    )
    if (PROFILE && profiled && round === 0 && clients[0]) {
      const profiler = await startPageProfile(clients[0].page)
      await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000))
      const file = `${PROFILE_DIR}/steady-call-P0.cpuprofile`
      const lines = await profiler.stop(file, 25)
      process.stderr.write(`  profile of P0 in a steady call (${file}):\n${lines.join('\n')}\n`)
    }
    return result
  } finally {
    await side.close()
  }
}

async function floorRound(relayUrl: string, round: number): Promise<Round> {
  const side = recordingPeers(owned(await launchBenchBrowser(), (b) => b.close()))
  try {
    const pages = []
    for (let i = 0; i < PEOPLE; i++) {
      pages.push(
        await openBareClient(side, relayUrl, `cpu${round}-${i}`, { showSelf: true, tile: appTile }),
      )
    }
    // Each page joins the room and offers to those before it (the first to nobody).
    for (const page of pages) await bareCall(page)
    for (const page of pages) await waitForFirstFrames(page.page, 'bare:start', PEOPLE - 1)
    return await measure(
      side,
      pages.map((p) => p.page),
    )
  } finally {
    await side.close()
  }
}

/**
 * Below this many frames shown per second (half of every video at 24 fps), the pages are starved
 * of CPU and do less work than a real call: the figure says more about the machine than the app.
 */
const STARVED_FPS = PEOPLE * PEOPLE * 12

function describe(name: string, round: Round): string {
  const starved = round.framesPerSecond < STARVED_FPS ? '  VIDEO STARVED: machine too busy' : ''
  return `  ${name.padEnd(6)} ${round.cores.toFixed(2)} cores  (${round.cpuSeconds.toFixed(1)} CPU s over ${round.wallSeconds.toFixed(1)} s, ${round.processes} processes, ${round.framesPerSecond.toFixed(0)} frames shown/s, load ${round.load.toFixed(2)})${starved}`
}

type Side = 'app' | 'before' | 'floor'

/** One row of a table: a label, then one figure per side. */
function row(label: string, figures: string[]): string {
  return `    ${label.padEnd(46)} ${figures.map((f) => f.padStart(7)).join('')}`
}

async function main(): Promise<void> {
  const server = owned(await ParleyServer.start({ maxParticipants: 4 }), (s) => s.stop())
  const before = BEFORE_CLI
    ? owned(await ParleyServer.start({ maxParticipants: 4, cli: BEFORE_CLI }), (s) => s.stop())
    : null
  const relay = owned(await startBareRelay(), (r) => r.close())
  const sides: Side[] = before ? ['app', 'before', 'floor'] : ['app', 'floor']
  // Each result keeps its round's number, to pair it with the floor's round of the same number.
  const results = new Map<Side, (Round & { round: number })[]>(sides.map((side) => [side, []]))
  const roundOf = (side: Side, round: number): Promise<Round> => {
    if (side === 'floor') return floorRound(relay.url, round)
    return appRound(side === 'app' ? server.url : (before?.url ?? ''), round, side === 'app')
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Turning the order round each time cancels a slow drift of the machine between the sides.
    const order = sides.map((_, i) => sides[(i + round) % sides.length] ?? 'app')
    for (const side of order) {
      // A round whose call could not be set up (a join that timed out on a starved machine) is
      // told and left out; the other rounds still count.
      const result = await roundOf(side, round).catch((error: unknown) => {
        process.stderr.write(`round ${round + 1}/${ROUNDS}  ${side} failed: ${String(error)}\n`)
        return null
      })
      if (!result) continue
      results.get(side)?.push({ ...result, round })
      process.stderr.write(`round ${round + 1}/${ROUNDS}${describe(side, result)}\n`)
    }
  }
  const roundsOf = (side: Side) => results.get(side) ?? []
  const median = (side: Side) =>
    percentile(
      roundsOf(side).map((r) => r.cores),
      50,
    )
  console.log(
    `\nCPU of a steady ${PEOPLE}-person call, whole browser process tree, ${SECONDS} s per round, ${ROUNDS} rounds per side`,
  )
  for (const side of sides) for (const r of roundsOf(side)) console.log(describe(side, r))
  const f = median('floor')
  for (const side of sides.filter((s) => s !== 'floor')) {
    const m = median(side)
    console.log(
      `  median: ${side} ${m.toFixed(2)} cores, floor ${f.toFixed(2)} cores, ratio ${ratio(m, f)}`,
    )
    // Rounds of the same number ran back to back, so their ratio shares the machine's load of the
    // moment: the spread of these says how far one run's ratio can be trusted.
    const paired = roundsOf(side)
      .map((r) => {
        const floor = roundsOf('floor').find((other) => other.round === r.round)
        return floor ? r.cores / floor.cores : null
      })
      .filter((value): value is number => value !== null)
    if (paired.length > 0) {
      console.log(
        `  ${side}/floor round by round: ${paired.map((value) => value.toFixed(2)).join(' ')} (median ${percentile(paired, 50).toFixed(2)}, ${paired.filter((value) => value <= 1).length} of ${paired.length} at or below 1.0)`,
      )
    }
  }
  console.log('  target: <= 1.0x')
  const mean = (side: Side, figure: (r: Round) => number) =>
    roundsOf(side).reduce((sum, r) => sum + figure(r), 0) / Math.max(1, roundsOf(side).length)
  // A starved machine shows fewer frames and spends less on them: CPU per frame shown compares
  // the work each side does for what it shows, at any load.
  const perFrame = (r: Round) => (r.cores * 1000) / Math.max(1, r.framesPerSecond)
  console.log(
    row(
      'CPU per frame shown (ms, median over rounds):',
      sides.map((side) => percentile(roundsOf(side).map(perFrame), 50).toFixed(2)),
    ),
  )
  console.log(row('by kind of process (cores, mean over rounds):', sides))
  const kinds = new Set(sides.flatMap(roundsOf).flatMap((r) => [...r.byKind.keys()]))
  for (const kind of [...kinds].sort()) {
    const cores = (r: Round) => (r.byKind.get(kind) ?? 0) / r.wallSeconds
    console.log(
      row(
        kind,
        sides.map((side) => mean(side, cores).toFixed(2)),
      ),
    )
  }
  console.log(row('by thread, where any side used 0.01 core or more:', sides))
  const threads = new Set(sides.flatMap(roundsOf).flatMap((r) => [...r.byThread.keys()]))
  for (const thread of [...threads].sort()) {
    const cores = (r: Round) => (r.byThread.get(thread) ?? 0) / r.wallSeconds
    const figures = sides.map((side) => mean(side, cores))
    if (Math.max(...figures) < 0.01) continue
    console.log(
      row(
        thread,
        figures.map((f) => f.toFixed(2)),
      ),
    )
  }
  console.log(row(`pages' main threads, all ${PEOPLE} (mean over rounds):`, sides))
  for (const name of MAIN_THREAD_METRICS) {
    // Durations are seconds per second (cores); counts are per second.
    const isDuration = name.endsWith('Duration') || name === 'ThreadTime'
    const perSecond = (r: Round) => r.mainThread[name] / r.wallSeconds
    console.log(
      row(
        `${name} (${isDuration ? 'cores' : 'per s'})`,
        sides.map((side) => mean(side, perSecond).toFixed(isDuration ? 3 : 1)),
      ),
    )
  }
  console.log(
    row(
      'React commits (per s)',
      sides.map((side) => mean(side, (r) => r.reactCommits).toFixed(1)),
    ),
  )
  console.log(
    row(
      'React components rendered (per s)',
      sides.map((side) => mean(side, (r) => r.reactRenders).toFixed(1)),
    ),
  )
  // The most common size over every link of every round: what the side's encoders worked on.
  const sentSize = (side: Side) => {
    const counts = new Map<string, number>()
    for (const size of roundsOf(side).flatMap((r) => r.sentVideo)) {
      counts.set(size, (counts.get(size) ?? 0) + 1)
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '-'
  }
  console.log(
    row(
      'camera sent per link (most common frame size)',
      sides.map((side) => ` ${sentSize(side)}`),
    ),
  )
  console.log(
    row(
      'compositing layers',
      sides.map((side) => mean(side, (r) => r.layers).toFixed(0)),
    ),
  )
  for (const side of sides) {
    const first = roundsOf(side)[0]
    if (!first) continue
    console.log(`  ${side}: the first page's ${first.firstPageLayers.length} layers, first round`)
    for (const line of layerLines(first.firstPageLayers)) console.log(line)
  }
  console.log(
    `  load average (1, 5, 15 min) at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  )
}

runBench(main, LIMIT_MS)
