/**
 * CPU time of a whole process tree (a browser and every renderer, GPU and utility process under
 * it), read from /proc: the sum of utime + stime. Linux only.
 */
import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'

const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

interface ProcStat {
  pid: number
  ppid: number
  /** utime + stime, in clock ticks. */
  ticks: number
}

async function readStat(pid: number): Promise<ProcStat | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return {
      pid,
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    }
  } catch {
    return null // gone between the listing and the read
  }
}

/** pid -> CPU ticks so far, for `rootPid` and all its descendants. */
async function treeTicks(rootPid: number): Promise<Map<number, number>> {
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number)
  const stats = (await Promise.all(pids.map(readStat))).filter((s) => s !== null)
  const children = new Map<number, ProcStat[]>()
  for (const stat of stats) {
    const siblings = children.get(stat.ppid) ?? []
    siblings.push(stat)
    children.set(stat.ppid, siblings)
  }
  const result = new Map<number, number>()
  const root = stats.find((s) => s.pid === rootPid)
  const queue = root ? [root] : []
  for (let stat = queue.shift(); stat; stat = queue.shift()) {
    result.set(stat.pid, stat.ticks)
    queue.push(...(children.get(stat.pid) ?? []))
  }
  return result
}

/** 'browser', 'renderer', 'gpu-process', 'utility:network.mojom.NetworkService', 'zygote'... */
async function processKind(pid: number): Promise<string> {
  try {
    // Chromium rewrites its children's command lines into one space-separated string.
    const line = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ')
    const type = /--type=(\S+)/.exec(line)?.[1] ?? 'browser'
    const sub = /--utility-sub-type=(\S+)/.exec(line)?.[1]
    return sub ? `${type}:${sub.replace(/^.*\./, '')}` : type
  } catch {
    return 'gone'
  }
}

export interface TreeCpu {
  /** CPU seconds used by the tree over the window. */
  cpuSeconds: number
  wallSeconds: number
  /** cpuSeconds / wallSeconds: how many cores the tree kept busy on average. */
  cores: number
  processes: number
  /** CPU seconds by kind of process (renderer, gpu-process, utility:AudioService ...). */
  byKind: Map<string, number>
  /**
   * CPU seconds by kind of process and thread name ('renderer CrRendererMain', 'renderer
   * Compositor', 'gpu-process VizCompositorThr' ...): CPU time, not wall time, so a busy machine
   * stretches none of it.
   */
  byThread: Map<string, number>
}

/** tid -> [thread name, CPU ticks so far] for every thread of `pid`. */
async function threadTicks(pid: number): Promise<Map<number, [string, number]>> {
  const result = new Map<number, [string, number]>()
  let tids: string[]
  try {
    tids = await readdir(`/proc/${pid}/task`)
  } catch {
    return result // gone
  }
  await Promise.all(
    tids.map(async (tid) => {
      try {
        const text = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'))
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
        // Numbered pools ('ThreadPoolForeg', 'WebRTC_W_and_N' ...) count as one name.
        const base = name.replace(/[0-9]+$/, '').trim() || name
        result.set(Number(tid), [base, Number(fields[11]) + Number(fields[12])])
      } catch {
        // the thread ended between the listing and the read
      }
    }),
  )
  return result
}

/**
 * Measures the tree over `durationMs`, sampling every second so a process that starts during the
 * window is counted from its birth.
 */
export async function measureTreeCpu(rootPid: number, durationMs: number): Promise<TreeCpu> {
  const first = await treeTicks(rootPid)
  const last = new Map(first)
  // Threads: pid -> tid -> [name, ticks], first and latest reading.
  const readThreads = async (pids: Iterable<number>) =>
    new Map(await Promise.all([...pids].map(async (pid) => [pid, await threadTicks(pid)] as const)))
  const firstThreads = await readThreads(first.keys())
  const lastThreads = new Map(firstThreads)
  const kinds = new Map<number, string>()
  const started = performance.now()
  while (performance.now() - started < durationMs) {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(1000, durationMs - (performance.now() - started))),
    )
    const now = await treeTicks(rootPid)
    for (const [pid, ticks] of now) last.set(pid, ticks)
    for (const [pid, threads] of await readThreads(now.keys())) {
      const seen = new Map(lastThreads.get(pid))
      for (const [tid, reading] of threads) seen.set(tid, reading)
      lastThreads.set(pid, seen)
    }
  }
  for (const pid of last.keys()) kinds.set(pid, await processKind(pid))
  const wallSeconds = (performance.now() - started) / 1000
  let ticks = 0
  const byKind = new Map<string, number>()
  for (const [pid, now] of last) {
    const used = now - (first.get(pid) ?? 0)
    ticks += used
    const kind = kinds.get(pid) ?? 'gone'
    byKind.set(kind, (byKind.get(kind) ?? 0) + used / CLOCK_TICKS_PER_S)
  }
  const byThread = new Map<string, number>()
  for (const [pid, threads] of lastThreads) {
    const kind = kinds.get(pid) ?? 'gone'
    for (const [tid, [name, now]] of threads) {
      const used = now - (firstThreads.get(pid)?.get(tid)?.[1] ?? 0)
      const key = `${kind} ${name}`
      byThread.set(key, (byThread.get(key) ?? 0) + used / CLOCK_TICKS_PER_S)
    }
  }
  const cpuSeconds = ticks / CLOCK_TICKS_PER_S
  return {
    cpuSeconds,
    wallSeconds,
    cores: cpuSeconds / wallSeconds,
    processes: last.size,
    byKind,
    byThread,
  }
}
