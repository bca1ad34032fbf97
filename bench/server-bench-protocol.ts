/** What the bench's processes say to each other over the fork IPC channel. */

export type Target = 'real' | 'bare'
export const TARGETS: readonly Target[] = ['real', 'bare']

export interface ServeReady {
  type: 'ready'
  url: string
}

export interface ServerStats {
  type: 'stats'
  cpuUserMs: number
  cpuSystemMs: number
  rssMb: number
  /** Event-loop delay of the server process while measuring: stalls show here. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

export interface PhaseResult {
  sent: number
  received: number
  lost: number
  /** Time the phase was sending to this target. */
  seconds: number
  messagesPerSecond: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
}

export interface TargetResult {
  sockets: number
  connectSeconds: number
  paced: PhaseResult
  /** One entry per blast round. */
  blasts: PhaseResult[]
  errors: number
}

/** Sent by the clients when warm-up is over and measuring starts. */
export interface Measuring {
  type: 'measuring'
}

export interface ClientResult {
  type: 'result'
  calls: number
  results: Record<Target, TargetResult>
}

export interface BenchSettings {
  sockets: number
  callSize: number
  /** Messages per second each socket sends in the paced phase. */
  pacedRate: number
  /** Length of the paced phase, which loads both targets at once, in pairs. */
  pacedSeconds: number
  /** Messages each socket sends back to back in one blast. */
  blastPerSocket: number
  /** Blasts per target, alternating. */
  blastRounds: number
}
