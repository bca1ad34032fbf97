/**
 * Where a page's main thread spends a steady call, from Chromium's own counters (the DevTools
 * protocol's Performance domain): task, script, style and layout time, and how many style
 * recalculations and layouts ran. Read before and after a window, so two sides of a benchmark
 * compare by name, not only by total CPU. Also counts the compositor's layers once, after the
 * window: every layer over a video is blended again with each of its frames.
 */
import type { CDPSession, Page } from '@playwright/test'

/**
 * The counters compared, as Chromium names them. Durations and ThreadTime are seconds, the rest
 * counts. The durations are wall time, which a loaded machine stretches (a task that waits for
 * another thread, or for a core, counts its wait); ThreadTime is the main thread's CPU time.
 */
export const MAIN_THREAD_METRICS = [
  'ThreadTime',
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
  /**
   * Each compositing layer in the page now, with the DOM node that owns it and why Chromium gave it
   * a layer of its own (its compositing reasons), to find the ones a change could save; null when
   * no tree came within 3 s.
   */
  layerReport(): Promise<LayerInfo[] | null>
  close(): Promise<void>
}

export interface LayerInfo {
  width: number
  height: number
  drawsContent: boolean
  /** The owning element as `tag.class`, or '' for layers no element owns. */
  owner: string
  reasons: string[]
}

interface ProtocolLayer {
  layerId: string
  width: number
  height: number
  drawsContent: boolean
  backendNodeId?: number
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
    async layerReport() {
      const report: LayerInfo[] = []
      const tree = await layerTree(session, async (layers) => {
        await session.send('DOM.getDocument', { depth: -1 })
        for (const layer of layers) {
          const { compositingReasons } = await session
            .send('LayerTree.compositingReasons', { layerId: layer.layerId })
            .catch(() => ({ compositingReasons: [] as string[] }))
          report.push({
            width: layer.width,
            height: layer.height,
            drawsContent: layer.drawsContent,
            owner: await ownerOf(session, layer.backendNodeId),
            reasons: compositingReasons ?? [],
          })
        }
      })
      return tree ? report : null
    },
    async close() {
      await session.detach().catch(() => undefined)
    },
  }
}

/**
 * The page's layer tree, handed to `inspect` while the LayerTree domain is still enabled (its
 * layer ids are only valid until then); null when no tree came within 3 s.
 */
async function layerTree(
  session: CDPSession,
  inspect: (layers: ProtocolLayer[]) => Promise<void>,
): Promise<ProtocolLayer[] | null> {
  const changed = new Promise<ProtocolLayer[]>((resolve) => {
    session.once('LayerTree.layerTreeDidChange', (event) =>
      resolve((event.layers ?? []) as ProtocolLayer[]),
    )
  })
  await session.send('LayerTree.enable')
  // The tree is sent after the page's next paint: a page that changes nothing (only its videos
  // play) is nudged into one by the root's background, a shade darker or back. It is painted under
  // everything, so it makes no layer of its own; a change that paints nothing (a custom property
  // no rule reads) got no tree from a page read before.
  await session.send('Runtime.evaluate', {
    expression: `{ const s = document.documentElement.style; s.backgroundImage = s.backgroundImage ? '' : 'linear-gradient(rgba(0, 0, 0, 0.004), rgba(0, 0, 0, 0.004))' }`,
  })
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))
  const layers = await Promise.race([changed, timeout])
  if (layers) await inspect(layers)
  await session.send('LayerTree.disable')
  return layers
}

async function ownerOf(session: CDPSession, backendNodeId: number | undefined): Promise<string> {
  if (backendNodeId === undefined) return ''
  const described = await session.send('DOM.describeNode', { backendNodeId }).catch(() => null)
  if (!described) return ''
  const { localName, attributes = [] } = described.node
  const classAt = attributes.indexOf('class')
  const classes = classAt >= 0 ? (attributes[classAt + 1] ?? '').trim().split(/\s+/) : []
  return [localName || described.node.nodeName.toLowerCase(), ...classes].join('.')
}

/** `after - before` for each counter. */
export function metricsDelta(before: MetricTotals, after: MetricTotals): MetricTotals {
  const delta = { ...after }
  for (const name of MAIN_THREAD_METRICS) delta[name] = after[name] - before[name]
  return delta
}
