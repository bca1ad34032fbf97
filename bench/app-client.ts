/**
 * Parley as a benchmark drives it: one signed-in page per person, in the lobby until it joins.
 * Everything Parley prepares before Join (socket, RTC config, camera) is done before `join`
 * presses the button.
 */
import type { BrowserContext, Page } from '@playwright/test'
import type { BenchBrowser } from './bench-browser'

/**
 * How long one step (a page ready, a join, the first frames of everyone) may take before the run
 * counts as failed. Long: on a loaded 2-core machine a 4-person mesh coming up in 8 pages can take
 * tens of seconds, and a failed run is thrown away. BENCH_STEP_TIMEOUT_S overrides it.
 */
export const STEP_TIMEOUT_MS = Number(process.env.BENCH_STEP_TIMEOUT_S ?? 90) * 1000

export interface AppClient {
  name: string
  context: BrowserContext
  page: Page
}

export async function openAppClient(
  side: BenchBrowser,
  url: string,
  name: string,
): Promise<AppClient> {
  const context = await side.newContext()
  const page = await context.newPage()
  // Every click and wait of the harness, not only the steps given a timeout of their own.
  page.setDefaultTimeout(STEP_TIMEOUT_MS)
  // The engine's own warnings explain a slow run; they go to stderr beside the figures.
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') {
      process.stderr.write(`  [${name}] ${message.text()}\n`)
    }
  })
  page.on('pageerror', (error) => process.stderr.write(`  [${name}] page error: ${error}\n`))
  await page.goto(url)
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('button', { name: 'Join call', exact: true }).waitFor()
  return { name, context, page }
}

/**
 * Waits until the lobby is ready (camera showing), then presses Join. `measured`: the join is
 * being timed, so nothing is asked of the page after the press (a role query walks the
 * accessibility tree on the page's main thread, work the floor's pages are never given); the
 * caller waits on the User Timing marks instead, as for the floor.
 */
export async function joinCall(
  client: AppClient,
  callId: string,
  { measured = false }: { measured?: boolean } = {},
): Promise<void> {
  await client.page.getByLabel('Call ID').fill(callId)
  await client.page
    .getByRole('status')
    .filter({ hasText: /ready to join/i })
    .waitFor({ timeout: STEP_TIMEOUT_MS })
  await client.page.waitForFunction(
    () => {
      // This file is typed for Node; the check runs in the page.
      const page = globalThis as unknown as {
        document: { querySelector(s: string): { videoWidth: number } | null }
      }
      return (
        (page.document.querySelector('[aria-label="Camera preview"] video')?.videoWidth ?? 0) > 0
      )
    },
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  )
  await client.page.getByRole('button', { name: 'Join call', exact: true }).click()
  if (measured) return
  await client.page
    .getByRole('group', { name: `${client.name} (you)`, exact: true })
    .waitFor({ timeout: STEP_TIMEOUT_MS })
}

export async function leaveCall(client: AppClient): Promise<void> {
  const { page } = client
  await page.getByRole('button', { name: 'Leave call', exact: true }).click()
  await page.getByRole('button', { name: 'Back to start', exact: true }).click()
  await page.getByRole('button', { name: 'Join call', exact: true }).waitFor()
  // The lobby after a call keeps the camera off until asked; a person joining again turns it on
  // before pressing Join, so the next measured join starts with the camera live, as the first.
  const cameraOn = page.getByRole('button', { name: 'Turn on camera', exact: true })
  if (await cameraOn.isVisible()) await cameraOn.click()
}
