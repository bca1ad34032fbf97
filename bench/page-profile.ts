/**
 * BENCH_PROFILE=1: a V8 CPU profile of a page's main thread over one measured join (or a steady
 * call), through the DevTools protocol, so a gap in the stage table has the name of the code that
 * filled it. Writes the `.cpuprofile` (open it in Chromium's performance panel) and returns the
 * functions that took the most time on their own.
 */
import { writeFile } from 'node:fs/promises'
import type { CDPSession, Page } from '@playwright/test'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

export interface PageProfiler {
  /** Stops, writes the profile to `file`, and returns the top self-time lines. */
  stop(file: string, top?: number): Promise<string[]>
}

export async function startPageProfile(page: Page): Promise<PageProfiler> {
  const session: CDPSession = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 100 })
  await session.send('Profiler.start')
  return {
    async stop(file, top = 15) {
      const { profile } = (await session.send('Profiler.stop')) as unknown as {
        profile: CpuProfile
      }
      await session.detach().catch(() => undefined)
      await writeFile(file, JSON.stringify(profile))
      return summarise(profile, top)
    },
  }
}

function summarise(profile: CpuProfile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let total = 0
  for (let index = 0; index < samples.length; index++) {
    const node = byId.get(samples[index] ?? -1)
    const delta = deltas[index + 1] ?? 0
    if (!node) continue
    const frame = node.callFrame
    const file = frame.url.split('/').at(-1) ?? ''
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
    total += delta
    selfUs.set(key, (selfUs.get(key) ?? 0) + delta)
  }
  const busy = [...selfUs].filter(([key]) => !key.startsWith('(idle)'))
  const busyUs = busy.reduce((sum, [, us]) => sum + us, 0)
  return [
    `    ${(busyUs / 1000).toFixed(1)} ms busy of ${(total / 1000).toFixed(1)} ms profiled`,
    ...busy
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => `    ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`),
  ]
}
