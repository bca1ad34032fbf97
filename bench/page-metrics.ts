/**
 * Where a page's main thread spends a steady call, from Chromium's own counters (the DevTools
 * protocol's Performance domain): task, script, style and layout time, and how many style
 * recalculations and layouts ran. Read before and after a window, so two sides of a benchmark
 * compare by name, not only by total CPU. Also counts the compositor's layers once, after the
 * window: every layer over a video is blended again with each of its frames.
 */
import type { CDPSession, Page } from '@playwright/test'

/** The counters compared, as Chromium names them. Durations are seconds, the rest counts. */
export const MAIN_THREAD_METRICS = [
  'TaskDuration',
  'ScriptDuration',
  'RecalcStyleDuration',
  'LayoutDuration',
  'RecalcStyleCount',
  'LayoutCount',
] as const

export type MainThreadMetric = (typeof MAIN_THREAD_METRICS)[number]
export type MetricTotals = Record<MainThreadMetric, number>

export interface PageMetrics {
  /** The counters so far. */
  read(): Promise<MetricTotals>
  /** Compositing layers in the page now. */
  layers(): Promise<number>
  close(): Promise<void>
}

export async function watchPageMetrics(page: Page): Promise<PageMetrics> {
  const session: CDPSession = await page.context().newCDPSession(page)
  await session.send('Performance.enable')
  return {
    async read() {
      const { metrics } = await session.send('Performance.getMetrics')
      const totals = Object.fromEntries(MAIN_THREAD_METRICS.map((name) => [name, 0]))
      for (const { name, value } of metrics) if (name in totals) totals[name] = value
      return totals as MetricTotals
    },
    async layers() {
      const changed = new Promise<number>((resolve) => {
        session.once('LayerTree.layerTreeDidChange', (event) => resolve(event.layers?.length ?? 0))
      })
      await session.send('LayerTree.enable')
      // The tree is sent on the next commit of the page's frame: a page that changes nothing
      // (only its videos play) is nudged into one.
      await session.send('Runtime.evaluate', {
        expression: `document.documentElement.style.setProperty('--bench-nudge', '${Math.random()}')`,
      })
      const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 3000))
      const count = await Promise.race([changed, timeout])
      await session.send('LayerTree.disable')
      return count
    },
    async close() {
      await session.detach().catch(() => undefined)
    },
  }
}

/** `after - before` for each counter. */
export function metricsDelta(before: MetricTotals, after: MetricTotals): MetricTotals {
  const delta = { ...after }
  for (const name of MAIN_THREAD_METRICS) delta[name] = after[name] - before[name]
  return delta
}
