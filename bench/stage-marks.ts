/**
 * Reads the User Timing marks of one measured join, on the joiner's page and on the pages of the
 * people already in the call, and turns them into ms-from-start per stage. The app marks
 * `call:<stage>` and `call:<stage>:<remoteUserId>`; the bare pages mark the same names, so one
 * reader serves both. Times from different pages are compared on the wall clock
 * (performance.timeOrigin + startTime): the pages run on one machine.
 */
import type { Page } from '@playwright/test'
import { STEP_TIMEOUT_MS } from './app-client'

/** Every stage either side may mark, in the order they happen on the way to a first frame. */
export const STAGES = [
  'join-sent',
  'call-started',
  'offer-sent',
  'offer-received',
  'answer-sent',
  'answer-received',
  'ice-connected',
  'dtls-connected',
  'track',
  'first-frame',
] as const
export type Stage = (typeof STAGES)[number]

/**
 * The stages read on the pages of the people already in the call: their half of the handshake.
 * Their later stages happen after the joiner's own and would only be read part-way.
 */
const OTHERS_STAGES: readonly Stage[] = [
  'offer-sent',
  'offer-received',
  'answer-sent',
  'answer-received',
]

export type Side = 'joiner' | 'others'
export type StageKey = `${Side}:${Stage}`

export interface JoinSample {
  /** ms from the start to the first remote frame (of any remote). */
  first: number
  /** ms from the start until every remote showed a frame. */
  all: number
  /** ms from the start to each stage, once reached for every remote; absent if never marked. */
  stages: Partial<Record<StageKey, number>>
}

export interface WallMark {
  name: string
  /** ms since the epoch. */
  at: number
}

export async function wallMarks(page: Page): Promise<WallMark[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .map((m) => ({ name: m.name, at: performance.timeOrigin + m.startTime })),
  )
}

function parse(name: string): { stage: Stage; remote: string } | null {
  if (!name.startsWith('call:')) return null
  const rest = name.slice('call:'.length)
  const colon = rest.indexOf(':')
  const stage = colon < 0 ? rest : rest.slice(0, colon)
  const remote = colon < 0 ? '' : rest.slice(colon + 1)
  return (STAGES as readonly string[]).includes(stage) ? { stage: stage as Stage, remote } : null
}

/** stage -> the time it was reached for every remote seen (the latest of the first marks). */
function stageTimes(marks: WallMark[], since: number): Map<Stage, number> {
  const firstPerRemote = new Map<Stage, Map<string, number>>()
  for (const mark of marks) {
    if (mark.at < since) continue
    const parsed = parse(mark.name)
    if (!parsed) continue
    const perRemote = firstPerRemote.get(parsed.stage) ?? new Map<string, number>()
    firstPerRemote.set(parsed.stage, perRemote)
    const seen = perRemote.get(parsed.remote)
    if (seen === undefined || mark.at < seen) perRemote.set(parsed.remote, mark.at)
  }
  return new Map([...firstPerRemote].map(([stage, times]) => [stage, Math.max(...times.values())]))
}

/** The wall-clock time of the latest `startMark` on `page`. */
async function startOf(page: Page, startMark: string): Promise<number> {
  const starts = (await wallMarks(page)).filter((m) => m.name === startMark)
  const start = starts.at(-1)
  if (!start) throw new Error(`no ${startMark} mark`)
  return start.at
}

/** Waits until the joiner's latest start has a first-frame mark from `remotes` people. */
export async function waitForFirstFrames(
  page: Page,
  startMark: string,
  remotes: number,
): Promise<void> {
  await page.waitForFunction(
    ({ startName, count }) => {
      const marks = performance.getEntriesByType('mark')
      const start = marks.filter((m) => m.name === startName).at(-1)
      if (!start) return false
      const ids = new Set(
        marks
          .filter((m) => m.name.startsWith('call:first-frame:') && m.startTime >= start.startTime)
          .map((m) => m.name),
      )
      return ids.size >= count
    },
    { startName: startMark, count: remotes },
    { timeout: STEP_TIMEOUT_MS, polling: 50 },
  )
}

/** The figures of one measured join, once `waitForFirstFrames` has returned. */
export async function readJoinSample(
  joiner: Page,
  others: Page[],
  startMark: string,
): Promise<JoinSample> {
  const start = await startOf(joiner, startMark)
  const joinerMarks = await wallMarks(joiner)
  const frames = joinerMarks
    .filter((m) => m.at >= start && m.name.startsWith('call:first-frame:'))
    .map((m) => m.at - start)
  const stages: Partial<Record<StageKey, number>> = {}
  for (const [stage, at] of stageTimes(joinerMarks, start)) stages[`joiner:${stage}`] = at - start
  const othersTimes = await Promise.all(
    others.map(async (page) => stageTimes(await wallMarks(page), start)),
  )
  for (const stage of OTHERS_STAGES) {
    const times = othersTimes.map((t) => t.get(stage)).filter((t) => t !== undefined)
    if (times.length > 0) stages[`others:${stage}`] = Math.max(...times) - start
  }
  return { first: Math.min(...frames), all: Math.max(...frames), stages }
}
