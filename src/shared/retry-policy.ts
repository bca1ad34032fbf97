/**
 * One shape for every backoff ladder (ICE recovery, unanswered offers, the signaling socket's own
 * retries): given how many attempts were already made, how long to wait before the next one, or
 * null to stop trying.
 */
export interface RetryPolicy {
  nextDelayMs(attempt: number): number | null
}

/** Waits `delays[attempt]` before each attempt and gives up once the list is used up. */
export function backoffPolicy(delays: readonly number[]): RetryPolicy {
  const ladder = [...delays]
  return {
    nextDelayMs(attempt: number): number | null {
      if (!Number.isInteger(attempt) || attempt < 0) return null
      return ladder[attempt] ?? null
    },
  }
}

/** Like backoffPolicy, but keeps retrying with the last delay for ever (a socket to the server). */
export function endlessBackoffPolicy(delays: readonly number[]): RetryPolicy {
  const ladder = [...delays]
  const last = ladder.at(-1) ?? null
  return {
    nextDelayMs(attempt: number): number | null {
      if (!Number.isInteger(attempt) || attempt < 0) return null
      return ladder[attempt] ?? last
    },
  }
}
