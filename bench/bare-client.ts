/** The floor's pages as a benchmark drives them (bench/bare-peer-page.js, served by the relay). */
import type { BrowserContext, Page } from '@playwright/test'
import type { BenchBrowser } from './bench-browser'

export interface BareClient {
  id: string
  context: BrowserContext
  page: Page
}

interface BarePageApi {
  bare: { ready: Promise<void>; call(remotes: string[]): void; hangUp(): void }
}

/** Opens a bare page named `id`; resolves once its camera and microphone are open. */
export async function openBareClient(
  side: BenchBrowser,
  relayUrl: string,
  id: string,
  options: { showSelf?: boolean; tile?: { width: number; height: number } } = {},
): Promise<BareClient> {
  const context = await side.newContext()
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`  [bare ${id}] ${message.text()}\n`)
  })
  page.on('pageerror', (error) => process.stderr.write(`  [bare ${id}] page error: ${error}\n`))
  const query = new URLSearchParams({ id })
  if (options.showSelf) query.set('self', '1')
  if (options.tile) query.set('tile', `${options.tile.width}x${options.tile.height}`)
  await page.goto(`${relayUrl}/?${query}`)
  await page.evaluate(() => (globalThis as unknown as BarePageApi).bare.ready)
  return { id, context, page }
}

/** The first signaling step: `client` offers to each of `remotes`. */
export async function bareCall(client: BareClient, remotes: string[]): Promise<void> {
  await client.page.evaluate((ids) => {
    ;(globalThis as unknown as BarePageApi).bare.call(ids)
  }, remotes)
}

export async function bareHangUp(client: BareClient): Promise<void> {
  await client.page.evaluate(() => {
    ;(globalThis as unknown as BarePageApi).bare.hangUp()
  })
}
