/**
 * `npm run bench:call`: join -> first remote frame, in real Chromium against the real server,
 * read from the app's own User Timing marks (`call:join` -> `call:first-frame:<userId>`), for 2 and
 * 4 participants. Beside it, in the same run and interleaved with it, the floor: bare pages that
 * exchange offer, answer and candidates through this script (no server, no UI, no engine), timed from the first createOffer to the first decoded frame.
 *
 * Needs `npm run build` first. Env: BENCH_RUNS (default 10), BENCH_SIZES (default "2,4"),
 * CHROMIUM_PATH. Prints figures; asserts nothing.
 */
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { chromiumMediaArgs, chromiumPath } from '../playwright.config'
import { ParleyServer } from '../tests/e2e/fixtures/parley-server'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const SIZES = (process.env.BENCH_SIZES ?? '2,4').split(',').map(Number)
const STEP_TIMEOUT_MS = 30_000
/** The floor's page side, plain browser JavaScript. */
const FLOOR_SCRIPT = fileURLToPath(new URL('./call-bench-floor.js', import.meta.url))
/**
 * tsx (esbuild with keepNames) wraps named functions in `__name(...)`; the functions this script
 * hands to page.evaluate run in the page, where that helper must exist too.
 */
const PAGE_HELPERS = 'globalThis.__name = (fn) => fn'

async function benchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] })
  await context.addInitScript(PAGE_HELPERS)
  return context
}

interface Sample {
  /** ms from the start to the first remote frame (of any remote). */
  first: number
  /** ms from the start until every remote showed a frame. */
  all: number
}

// --- the app ---------------------------------------------------------------------------------

interface AppClient {
  name: string
  context: BrowserContext
  page: Page
}

async function openAppClient(browser: Browser, url: string, name: string): Promise<AppClient> {
  const context = await benchContext(browser)
  const page = await context.newPage()
  // The engine's own warnings explain a slow run; they go to stderr beside the figures.
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') {
      process.stderr.write(`  [${name}] ${message.text()}\n`)
    }
  })
  await page.goto(url)
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('button', { name: 'Join call', exact: true }).waitFor()
  return { name, context, page }
}

async function joinCall(client: AppClient, callId: string): Promise<void> {
  await client.page.getByLabel('Call ID').fill(callId)
  const join = client.page.getByRole('button', { name: 'Join call', exact: true })
  // prepare() (media, RTC config, socket) is done: Join enabled, "Ready to join", preview live.
  await client.page
    .getByRole('status')
    .filter({ hasText: /ready to join/i })
    .waitFor({ timeout: STEP_TIMEOUT_MS })
  // A string: this file is typed for Node, and the check runs in the page.
  await client.page.waitForFunction(
    `document.querySelector('[aria-label="Camera preview"] video')?.videoWidth > 0`,
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  )
  await join.click()
  await client.page
    .getByRole('group', { name: `${client.name} (you)`, exact: true })
    .waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Waits until this page's latest join has a first-frame mark for `remotes` people. */
async function firstFrames(page: Page, remotes: number): Promise<Sample> {
  const handle = await page.waitForFunction(
    (count) => {
      const marks = performance.getEntriesByType('mark')
      const join = marks.filter((m) => m.name === 'call:join').at(-1)
      if (!join) return null
      const frames = marks
        .filter((m) => m.name.startsWith('call:first-frame:') && m.startTime >= join.startTime)
        .map((m) => m.startTime - join.startTime)
      return frames.length >= count
        ? { first: Math.min(...frames), all: Math.max(...frames) }
        : null
    },
    remotes,
    { timeout: STEP_TIMEOUT_MS, polling: 50 },
  )
  return (await handle.jsonValue()) as Sample
}

async function leave(client: AppClient): Promise<void> {
  await client.page.getByRole('button', { name: 'Leave call', exact: true }).click()
  await client.page.getByRole('button', { name: 'Back to start', exact: true }).click()
  await client.page.getByRole('button', { name: 'Join call', exact: true }).waitFor()
}

async function appRun(clients: AppClient[], callId: string): Promise<Sample> {
  const others = clients.slice(0, -1)
  const measured = clients.at(-1)
  if (!measured) throw new Error('no clients')
  for (const [index, client] of others.entries()) {
    await joinCall(client, callId)
    // The ones already there are fully connected before the measured join.
    if (index > 0) await firstFrames(client.page, index)
  }
  const firstIn = others[0]
  if (firstIn && others.length > 1) await firstFrames(firstIn.page, others.length - 1)
  await joinCall(measured, callId)
  const sample = await firstFrames(measured.page, others.length)
  for (const client of clients) await leave(client)
  return sample
}

// --- the floor -------------------------------------------------------------------------------

/** Installs the floor peer in a bare page (bench/call-bench-floor.js) under `id`. */
async function floorPeerSetup(page: Page, id: string): Promise<void> {
  await page.evaluate(async (selfId) => {
    const scope = globalThis as unknown as { floorSetup(id: string): Promise<void> }
    await scope.floorSetup(selfId)
  }, id)
}

/**
 * The floor's pages, each in its own window like the app's clients (a background tab paints no
 * frames). Their offers, answers and candidates go page -> this script -> page: one hop, like the
 * server's relay, with nothing else on the way.
 */
async function openFloor(
  browser: Browser,
  url: string,
  size: number,
): Promise<{ pages: Page[]; close(): Promise<void> }> {
  const pagesById = new Map<string, Page>()
  // Delivered in the order sent, per receiving page, as a socket relay would.
  const queues = new Map<Page, Promise<void>>()
  const deliver = (page: Page, message: unknown): Promise<void> => {
    const next = (queues.get(page) ?? Promise.resolve()).then(() =>
      page.evaluate((m) => {
        ;(globalThis as unknown as { floorDeliver(m: unknown): void }).floorDeliver(m)
      }, message),
    )
    queues.set(
      page,
      next.catch(() => undefined),
    )
    return next
  }
  const contexts: BrowserContext[] = []
  const pages: Page[] = []
  for (let i = 0; i < size; i++) {
    const id = i === size - 1 ? 'measured' : `p${i}`
    const context = await benchContext(browser)
    await context.exposeBinding('floorSend', async (_source, message: { to?: string }) => {
      const targets = [pagesById.get(message.to ?? '')].filter(
        (page): page is Page => page !== undefined,
      )
      await Promise.all(targets.map((page) => deliver(page, message)))
    })
    await context.addInitScript({ path: FLOOR_SCRIPT })
    const page = await context.newPage()
    await page.goto(`${url}/healthz`)
    await floorPeerSetup(page, id)
    pagesById.set(id, page)
    contexts.push(context)
    pages.push(page)
  }
  return {
    pages,
    async close() {
      for (const context of contexts) await context.close()
    },
  }
}

/** Starts `page` offering to `remotes` and waits until it shows a frame from each of them. */
async function floorConnect(page: Page, remotes: string[]): Promise<Sample> {
  await page.evaluate((ids) => {
    ;(globalThis as unknown as { floor: { start(ids: string[]): void } }).floor.start(ids)
  }, remotes)
  const handle = await page.waitForFunction(
    (count) => {
      const start = performance.getEntriesByName('floor:start')[0]
      if (!start) return null
      const frames = performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('floor:first-frame:'))
        .map((m) => m.startTime - start.startTime)
      return frames.length >= count
        ? { first: Math.min(...frames), all: Math.max(...frames) }
        : null
    },
    remotes.length,
    { timeout: STEP_TIMEOUT_MS, polling: 50 },
  )
  return (await handle.jsonValue()) as Sample
}

async function floorRun(pages: Page[]): Promise<Sample> {
  const measured = pages.at(-1)
  if (!measured) throw new Error('no pages')
  const remotes = pages.slice(0, -1).map((_, index) => `p${index}`)
  // As in the app run, the others are already in a full mesh (and busy with it) when the
  // measured page starts.
  for (const [i, page] of pages.slice(1, -1).entries()) {
    await floorConnect(page, remotes.slice(0, i + 1))
  }
  const sample = await floorConnect(measured, remotes)
  if (process.env.BENCH_DEBUG) {
    console.log(
      await measured.evaluate(() => {
        const start = performance.getEntriesByName('floor:start')[0]?.startTime ?? 0
        return performance
          .getEntriesByType('mark')
          .map((m) => `${m.name}@${(m.startTime - start).toFixed(0)}`)
          .join(' ')
      }),
    )
  }
  // Every page forgets this run before the next: connections closed, videos and marks gone.
  for (const page of pages) {
    await page.evaluate(() => {
      ;(globalThis as unknown as { floor: { reset(): void } }).floor.reset()
    })
  }
  return sample
}

// --- figures ---------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? NaN
}

function fmt(ms: number): string {
  return `${ms.toFixed(0).padStart(5)} ms`
}

async function main(): Promise<void> {
  const server = await ParleyServer.start({ maxParticipants: Math.max(4, ...SIZES) })
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumMediaArgs })
  const rows: string[] = []
  try {
    for (const size of SIZES) {
      const clients: AppClient[] = []
      for (let i = 0; i < size; i++) clients.push(await openAppClient(browser, server.url, `P${i}`))
      // Fresh bare pages for every floor run, each ready once its camera shows in a preview, as
      // the app's clients are before Join (a camera started just before the clock costs ~2 s).
      // Reused bare pages were slower still after their first connection, for reasons not
      // pinned down; fresh ones give the lower figure, so they are the floor.
      const floorOnce = async (): Promise<Sample> => {
        const floor = await openFloor(browser, server.url, size)
        try {
          return await floorRun(floor.pages)
        } finally {
          await floor.close()
        }
      }
      const app: Sample[] = []
      const floorSamples: Sample[] = []
      // One warm-up of each, not counted: the first codec start-up in a fresh browser is slower.
      await floorOnce()
      await appRun(clients, `bench-${size}-warmup-${Date.now()}`)
      for (let run = 0; run < RUNS; run++) {
        floorSamples.push(await floorOnce())
        app.push(await appRun(clients, `bench-${size}-${run}-${Date.now()}`))
        const a = app[app.length - 1] ?? { first: NaN, all: NaN }
        const f = floorSamples[floorSamples.length - 1] ?? { first: NaN, all: NaN }
        process.stderr.write(
          `  ${size} people, run ${run + 1}/${RUNS}: app ${a.first.toFixed(0)}/${a.all.toFixed(0)} ms, floor ${f.first.toFixed(0)}/${f.all.toFixed(0)} ms (first/all)\n`,
        )
      }
      for (const key of ['first', 'all'] as const) {
        const a50 = percentile(
          app.map((s) => s[key]),
          50,
        )
        const a90 = percentile(
          app.map((s) => s[key]),
          90,
        )
        const f50 = percentile(
          floorSamples.map((s) => s[key]),
          50,
        )
        const f90 = percentile(
          floorSamples.map((s) => s[key]),
          90,
        )
        const label = key === 'first' ? 'first remote frame' : 'frames from all'
        rows.push(
          `${String(size).padStart(2)} people  ${label.padEnd(18)}  app p50 ${fmt(a50)}  p90 ${fmt(a90)}  |  floor p50 ${fmt(f50)}  p90 ${fmt(f90)}  |  p50 ratio ${(a50 / f50).toFixed(2)}x`,
        )
      }
      for (const client of clients) await client.context.close()
    }
  } finally {
    await browser.close()
    await server.stop()
  }
  console.log(`\njoin -> first remote frame, ${RUNS} runs per size (target: p50 <= 1.1x floor)`)
  for (const row of rows) console.log(row)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
