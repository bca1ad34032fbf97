/**
 * A Chromium for one side of a benchmark, launched as its own process tree (so its CPU can be read
 * from /proc), with the flags that give it fake cameras and microphones.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test'
import { chromiumMediaArgs, chromiumPath } from '../playwright.config'

/**
 * tsx (esbuild with keepNames) wraps named functions in `__name(...)`; the functions a bench hands
 * to page.evaluate run in the page, where that helper must exist too.
 */
const PAGE_HELPERS = 'globalThis.__name = (fn) => fn'

export interface BenchBrowser {
  browser: Browser
  /** The browser process; every renderer, GPU and utility process descends from it. */
  pid: number
  newContext(): Promise<BrowserContext>
  close(): Promise<void>
}

export async function launchBenchBrowser(): Promise<BenchBrowser> {
  const server = await chromium.launchServer({
    executablePath: chromiumPath,
    args: chromiumMediaArgs,
  })
  const pid = server.process().pid
  if (pid === undefined) {
    await server.close()
    throw new Error('Chromium started without a process id')
  }
  const browser = await chromium.connect(server.wsEndpoint())
  let closed: Promise<void> | null = null
  return {
    browser,
    pid,
    async newContext() {
      const context = await browser.newContext({ permissions: ['camera', 'microphone'] })
      await context.addInitScript(PAGE_HELPERS)
      return context
    },
    close() {
      closed ??= browser
        .close()
        .catch(() => undefined)
        .then(() => server.close())
      return closed
    },
  }
}
