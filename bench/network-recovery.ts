/**
 * `npm run bench:network`: how long a two-person call takes to carry media both ways again after
 * peer A's laptop changes uplink (tests/e2e/network/fixtures/uplink-switches.ts), counted from the
 * moment the new uplink is the one to use until frames advance again on both screens for good.
 *
 * Beside it, in the same run and the same namespaces, the floor: two bare pages (no server, no
 * Parley) whose offers, answers and candidates go through this script, so their signaling never
 * suffers the change; peer A's page calls `restartIce()` the moment this script changes the
 * network. Parley has to notice the change itself and signal through its server.
 *
 * Each Parley run also prints both sides' timelines, in ms from the new uplink: the app's
 * `recovery:*` User Timing marks (socket lost / up, rejoined, ICE restart offers and answers,
 * ICE states; recovery-marks.ts) and the first frame for good after the switch, so a slow run says
 * which step took the time.
 *
 * Needs root (network namespaces) and `npm run build`. Env: BENCH_RUNS (default 5), BENCH_KINDS
 * (default all three switches, comma-separated), BENCH_BOUND_MS (default 60000: a run that does
 * not recover by then counts as "no recovery"), BENCH_FLOOR=0 (Parley alone, for its timelines),
 * CHROMIUM_PATH. Prints figures; asserts nothing.
 */
import type { Browser, Page } from '@playwright/test'
import {
  flowState,
  steadilyFlowing,
  screenLog,
  frameMeterScript,
} from '../tests/e2e/network/fixtures/frame-meter'
import {
  launchBrowserIn,
  NamespacedServer,
} from '../tests/e2e/network/fixtures/namespaced-processes'
import {
  NetworkLab,
  labUnavailableReason,
  type PeerName,
} from '../tests/e2e/network/fixtures/network-lab'
import { openParley, type PageNarration } from '../tests/e2e/network/fixtures/parley-page'
import { UPLINK_SWITCHES, type UplinkSwitch } from '../tests/e2e/network/fixtures/uplink-switches'
import { wallMarks, type WallMark } from './stage-marks'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const KINDS = (process.env.BENCH_KINDS ?? Object.keys(UPLINK_SWITCHES).join(','))
  .split(',')
  .filter((kind): kind is UplinkSwitch => kind in UPLINK_SWITCHES)
const BOUND_MS = Number(process.env.BENCH_BOUND_MS ?? 60_000)
const WITH_FLOOR = process.env.BENCH_FLOOR !== '0'
const SETUP_TIMEOUT_MS = 45_000
/** tsx wraps named functions in `__name(...)`; functions handed to page.evaluate need it too. */
const PAGE_HELPERS = 'globalThis.__name = (fn) => fn;'

/** ms from the new uplink to media flowing both ways, or null when it did not within BOUND_MS. */
type Sample = number | null

interface Viewer {
  page: Page
  tile: string
}

/** Polls the screens until both flow steadily after `since`; null past the bound. */
async function recovery(viewers: Viewer[], since: number): Promise<Sample> {
  const deadline = since + BOUND_MS
  while (Date.now() < deadline) {
    const now = Date.now()
    const states = await Promise.all(
      viewers.map(async (v) => flowState(await screenLog(v.page), v.tile, since)),
    )
    if (states.every((state) => steadilyFlowing(state, now))) {
      return Math.max(...states.map((state) => state.flowingSince)) - since
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return null
}

async function flowingNow(viewers: Viewer[]): Promise<void> {
  const since = Date.now()
  const deadline = since + SETUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    const now = Date.now()
    const states = await Promise.all(
      viewers.map(async (v) => flowState(await screenLog(v.page), v.tile, 0)),
    )
    if (states.every((s) => s.lastFrameAt !== null && now - s.lastFrameAt < 500)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the call never carried media both ways before the switch')
}

/**
 * The lab, its server or its browsers could not be set up (the machine too busy to start them in
 * time): no recovery was measured, so the run is made again rather than counted as not recovered.
 */
class SetupFailure extends Error {}

/** A lab, its server, and a browser in each peer's namespace; all gone after `body`. */
async function withLab<T>(
  body: (
    lab: NetworkLab,
    server: NamespacedServer,
    browsers: Record<PeerName, Browser>,
  ) => Promise<T>,
): Promise<T> {
  const lab = await NetworkLab.create().catch((error: unknown) => {
    throw new SetupFailure(String(error))
  })
  let server: NamespacedServer | null = null
  const opened: Browser[] = []
  try {
    let browsers: Record<PeerName, Browser>
    try {
      server = await NamespacedServer.start(lab.router)
      const origin = new URL(server.url).origin
      const a = await launchBrowserIn(lab.namespaceOf('a'), origin)
      opened.push(a)
      const b = await launchBrowserIn(lab.namespaceOf('b'), origin)
      opened.push(b)
      browsers = { a, b }
    } catch (error) {
      throw new SetupFailure(String(error))
    }
    return await body(lab, server, browsers)
  } finally {
    await Promise.all(opened.map((browser) => browser.close().catch(() => undefined)))
    await server?.stop()
    await lab.destroy()
  }
}

// --- Parley ----------------------------------------------------------------------------------

async function recoveryMarks(page: Page): Promise<WallMark[]> {
  return (await wallMarks(page)).filter((m) => m.name.startsWith('recovery:'))
}

/**
 * One side's timeline as one line: `event +ms`, from the switch's first step on, the remote's id
 * left off (two people), and a run of the same event (offers re-sent) folded into `event xN`.
 */
function timelineLine(
  marks: WallMark[],
  from: number,
  usableAt: number,
  frameAt: number | null,
): string {
  const events = marks
    .filter((m) => m.at >= from)
    .map((m) => ({ name: m.name.split(':')[1] ?? m.name, at: m.at - usableAt }))
  if (frameAt !== null) events.push({ name: 'FIRST-FRAME', at: frameAt - usableAt })
  events.sort((x, y) => x.at - y.at)
  const folded: { name: string; at: number; lastAt: number; count: number }[] = []
  for (const event of events) {
    const last = folded.at(-1)
    if (last && last.name === event.name) {
      last.count++
      last.lastAt = event.at
    } else folded.push({ ...event, lastAt: event.at, count: 1 })
  }
  const signed = (ms: number) => `${ms < 0 ? '-' : '+'}${Math.abs(Math.round(ms))}`
  return folded
    .map((e) =>
      e.count > 1
        ? `${e.name} x${e.count} ${signed(e.at)}..${signed(e.lastAt)}`
        : `${e.name} ${signed(e.at)}`,
    )
    .join(', ')
}

async function printTimelines(
  viewers: Viewer[],
  names: string[],
  from: number,
  usableAt: number,
  recovered: boolean,
): Promise<void> {
  for (const [index, viewer] of viewers.entries()) {
    const marks = await recoveryMarks(viewer.page)
    const state = flowState(await screenLog(viewer.page), viewer.tile, usableAt)
    const frameAt = recovered ? state.flowingSince : null
    process.stderr.write(
      `    ${names[index]}: ${timelineLine(marks, from, usableAt, frameAt) || '(nothing marked)'}\n`,
    )
  }
}

async function parleyRun(kind: UplinkSwitch, run: number): Promise<Sample> {
  return withLab(async (lab, server, browsers) => {
    const narration: PageNarration = { lines: [], errors: [] }
    const callId = `bench-${kind}-${run}`
    const ann = await openParley(browsers.a, server.url, 'Ann', callId, narration)
    const ben = await openParley(browsers.b, server.url, 'Ben', callId, narration)
    const viewers = [
      { page: ann.page, tile: 'Ben' },
      { page: ben.page, tile: 'Ann' },
    ]
    await flowingNow(viewers)
    const from = Date.now()
    const usableAt = await UPLINK_SWITCHES[kind](lab)
    const sample = await recovery(viewers, usableAt)
    process.stderr.write(`  parley ${kind} #${run} timeline, ms from the new uplink:\n`)
    await printTimelines(viewers, ['Ann (switches)', 'Ben'], from, usableAt, sample !== null)
    if (narration.errors.length > 0) {
      process.stderr.write(
        `  parley ${kind} #${run}: ${narration.errors.length} uncaught page errors\n`,
      )
    }
    return sample
  })
}

// --- the floor -------------------------------------------------------------------------------

/** The floor's page: one RTCPeerConnection, camera and microphone, the remote video in a tile. */
const FLOOR_HTML = `<!doctype html><meta charset="utf-8"><title>floor</title>
<div role="group" aria-label="Remote"><video autoplay muted playsinline></video></div>
<script>
  let pc
  globalThis.floorStart = async (offerer) => {
    pc = new RTCPeerConnection({ iceServers: [] })
    const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true })
    for (const track of media.getTracks()) pc.addTrack(track, media)
    pc.ontrack = (event) => { document.querySelector('video').srcObject = event.streams[0] }
    pc.onicecandidate = (event) => { if (event.candidate) floorSend({ candidate: event.candidate.toJSON() }) }
    pc.onnegotiationneeded = async () => {
      if (!offerer) return
      await pc.setLocalDescription()
      floorSend({ description: pc.localDescription.toJSON() })
    }
  }
  globalThis.floorReceive = async (message) => {
    if (message.description) {
      await pc.setRemoteDescription(message.description)
      if (message.description.type === 'offer') {
        await pc.setLocalDescription()
        floorSend({ description: pc.localDescription.toJSON() })
      }
    } else if (message.candidate) {
      await pc.addIceCandidate(message.candidate).catch(() => {})
    }
  }
  globalThis.floorRestart = () => pc.restartIce()
</script>`

async function openFloorPage(browser: Browser, origin: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] })
  await context.addInitScript(PAGE_HELPERS + frameMeterScript)
  // Served by Playwright, not the network: a secure-context origin with nothing of Parley on it.
  await context.route(`${origin}/floor`, (route) =>
    route.fulfill({ contentType: 'text/html', body: FLOOR_HTML }),
  )
  const page = await context.newPage()
  await page.goto(`${origin}/floor`)
  return page
}

async function floorRun(kind: UplinkSwitch): Promise<Sample> {
  return withLab(async (lab, server, browsers) => {
    const origin = new URL(server.url).origin
    const a = await openFloorPage(browsers.a, origin)
    const b = await openFloorPage(browsers.b, origin)
    // In order, per receiving page, as a socket relay would deliver them.
    const relay = (to: Page) => {
      let queue = Promise.resolve()
      return (message: unknown) => {
        queue = queue
          .then(() =>
            to.evaluate(
              (m) =>
                (globalThis as unknown as { floorReceive(m: unknown): Promise<void> }).floorReceive(
                  m,
                ),
              message,
            ),
          )
          .catch(() => undefined)
      }
    }
    await a.exposeFunction('floorSend', relay(b))
    await b.exposeFunction('floorSend', relay(a))
    await b.evaluate(() =>
      (globalThis as unknown as { floorStart(o: boolean): Promise<void> }).floorStart(false),
    )
    await a.evaluate(() =>
      (globalThis as unknown as { floorStart(o: boolean): Promise<void> }).floorStart(true),
    )
    const viewers = [
      { page: a, tile: 'Remote' },
      { page: b, tile: 'Remote' },
    ]
    await flowingNow(viewers)
    const usableAt = await UPLINK_SWITCHES[kind](lab)
    // Told at once, which no real page is: this is the floor.
    await a.evaluate(() => (globalThis as unknown as { floorRestart(): void }).floorRestart())
    return recovery(viewers, usableAt)
  })
}

// --- figures ---------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] as number
}

function summary(samples: Sample[]): string {
  const done = samples.filter((s): s is number => s !== null).sort((x, y) => x - y)
  const lost = samples.length - done.length
  const seconds = (ms: number) =>
    Number.isNaN(ms) ? '   -  ' : `${(ms / 1000).toFixed(1).padStart(5)}s`
  const figures = `p50 ${seconds(percentile(done, 50))}  p90 ${seconds(percentile(done, 90))}`
  return `${figures}  recovered ${done.length}/${samples.length}${lost ? `  (${lost} not within ${BOUND_MS / 1000}s)` : ''}`
}

/** One run; set up again (twice at most) when the set-up failed, null when it did not recover. */
async function measured(name: string, run: () => Promise<Sample>): Promise<Sample> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      const again = error instanceof SetupFailure && attempt < 3
      process.stderr.write(
        `  ${name} ${error instanceof SetupFailure ? 'could not be set up' : 'failed'}: ${String(error)}${again ? '; setting up again' : ''}\n`,
      )
      if (!again) return null
    }
  }
}

async function main(): Promise<void> {
  const unavailable = labUnavailableReason()
  if (unavailable) {
    console.log(`bench:network skipped: ${unavailable}`)
    return
  }
  console.log(`bench:network: ${RUNS} runs per switch, recovery = new uplink -> frames both ways`)
  const results: { kind: UplinkSwitch; parley: Sample[]; floor: Sample[] }[] = []
  for (const kind of KINDS) {
    const entry = { kind, parley: [] as Sample[], floor: [] as Sample[] }
    results.push(entry)
    // Interleaved, so a busy moment on the machine hits both alike.
    for (let run = 1; run <= RUNS; run++) {
      const parley = await measured(`parley ${kind} #${run}`, () => parleyRun(kind, run))
      entry.parley.push(parley)
      const floor = !WITH_FLOOR
        ? null
        : await measured(`floor ${kind} #${run}`, () => floorRun(kind))
      if (WITH_FLOOR) entry.floor.push(floor)
      const show = (s: Sample) => (s === null ? 'none' : `${(s / 1000).toFixed(1)}s`)
      process.stderr.write(`  ${kind} #${run}: parley ${show(parley)}, floor ${show(floor)}\n`)
    }
  }
  console.log('')
  for (const { kind, parley, floor } of results) {
    console.log(`${kind}`)
    console.log(`  Parley  ${summary(parley)}`)
    if (WITH_FLOOR) console.log(`  floor   ${summary(floor)}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
