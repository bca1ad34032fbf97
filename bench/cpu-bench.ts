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
 * round, the medians and their ratio, and the video frames each side showed per second (the work
 * it did for that CPU). Needs `npm run build` first. Env: BENCH_CPU_ROUNDS (default 3 per side),
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
import { measureTreeCpu, type TreeCpu } from './process-cpu'
import { waitForFirstFrames } from './stage-marks'

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
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  const framesBefore = await Promise.all(pages.map(framesShown))
  const cpu = await measureTreeCpu(side.pid, SECONDS * 1000)
  const framesAfter = await Promise.all(pages.map(framesShown))
  const frames = framesAfter.reduce((sum, n, i) => sum + n - (framesBefore[i] ?? 0), 0)
  return { ...cpu, framesPerSecond: frames / cpu.wallSeconds }
}

async function appRound(serverUrl: string, round: number): Promise<Round> {
  const side = owned(await launchBenchBrowser(), (b) => b.close())
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
    if (PROFILE && round === 0 && clients[0]) {
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
  const side = owned(await launchBenchBrowser(), (b) => b.close())
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
  return `  ${name.padEnd(6)} ${round.cores.toFixed(2)} cores  (${round.cpuSeconds.toFixed(1)} CPU s over ${round.wallSeconds.toFixed(1)} s, ${round.processes} processes, ${round.framesPerSecond.toFixed(0)} frames shown/s)${starved}`
}

async function main(): Promise<void> {
  const server = owned(await ParleyServer.start({ maxParticipants: 4 }), (s) => s.stop())
  const relay = owned(await startBareRelay(), (r) => r.close())
  const app: Round[] = []
  const floor: Round[] = []
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating which goes first cancels a slow drift of the machine between the two.
    const order = round % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const)
    for (const which of order) {
      const result =
        which === 'app' ? await appRound(server.url, round) : await floorRound(relay.url, round)
      ;(which === 'app' ? app : floor).push(result)
      process.stderr.write(`round ${round + 1}/${ROUNDS}${describe(which, result)}\n`)
    }
  }
  const a = percentile(
    app.map((r) => r.cores),
    50,
  )
  const f = percentile(
    floor.map((r) => r.cores),
    50,
  )
  console.log(
    `\nCPU of a steady ${PEOPLE}-person call, whole browser process tree, ${SECONDS} s per round, ${ROUNDS} rounds per side`,
  )
  for (const r of app) console.log(describe('app', r))
  for (const r of floor) console.log(describe('floor', r))
  console.log(
    `  median: app ${a.toFixed(2)} cores, floor ${f.toFixed(2)} cores, ratio ${ratio(a, f)}`,
  )
  console.log('  target: <= 1.0x')
  console.log('  by kind of process (cores, mean over rounds):         app  floor')
  const kinds = new Set([...app, ...floor].flatMap((r) => [...r.byKind.keys()]))
  const meanCores = (rounds: Round[], kind: string) =>
    rounds.reduce((sum, r) => sum + (r.byKind.get(kind) ?? 0) / r.wallSeconds, 0) / rounds.length
  for (const kind of [...kinds].sort()) {
    console.log(
      `    ${kind.padEnd(46)} ${meanCores(app, kind).toFixed(2).padStart(6)} ${meanCores(floor, kind).toFixed(2).padStart(6)}`,
    )
  }
}

runBench(main, LIMIT_MS)
