/**
 * BENCH_TRACE=1 (with BENCH_PROFILE=1): a Chromium trace of the joiner's page over one measured
 * join, the app's and the floor's, instead of CPU profiles: every main-thread task (style, layout,
 * paint, event dispatch, script) with the User Timing marks of the stages, so the busy time of the
 * main thread between Join and the first frame can be compared task by task. BENCH_TRACE_CPU=1
 * adds V8's samples to it (function names; slower, so the timings stretch). Open the JSON in
 * Chromium's performance panel. Readable names need a renderer built with `minify: false`.
 */
import type { Page } from '@playwright/test'

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'toplevel',
  'webrtc',
]

/** Starts tracing `page` into `file`; the returned function stops and writes it. */
export async function startPageTrace(page: Page, file: string): Promise<() => Promise<void>> {
  const browser = page.context().browser()
  if (!browser) throw new Error('the page has no browser to trace')
  const samples = process.env.BENCH_TRACE_CPU === '1' ? ['disabled-by-default-v8.cpu_profiler'] : []
  await browser.startTracing(page, { path: file, categories: [...CATEGORIES, ...samples] })
  return async () => {
    await browser.stopTracing()
  }
}
