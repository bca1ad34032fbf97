/** The floor's pages as a benchmark drives them (bench/bare-peer-page.js, served by the relay). */
import type { BrowserContext, Page } from '@playwright/test'
import type { BenchBrowser } from './bench-browser'

export interface BareClient {
  id: string
  context: BrowserContext
  page: Page
}

interface BarePageApi {
  bare: { ready: Promise<void>; call(): Promise<string[]>; hangUp(): void }
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

/**
 * The first signaling step: `client` joins the relay's room and offers to every page already in
 * it. Resolves with their ids once the join is answered (the offers are then on their way).
 */
export async function bareCall(client: BareClient): Promise<string[]> {
  return client.page.evaluate(() => (globalThis as unknown as BarePageApi).bare.call())
}

export async function bareHangUp(client: BareClient): Promise<void> {
  await client.page.evaluate(() => {
    ;(globalThis as unknown as BarePageApi).bare.hangUp()
  })
}
