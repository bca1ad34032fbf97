import { describe, expect, it } from 'vitest'
import { backoffPolicy, endlessBackoffPolicy } from '../../../src/shared/retry-policy'

describe('retry policies', () => {
  it('backoffPolicy waits each delay in turn, then stops', () => {
    const policy = backoffPolicy([10, 20, 40])
    expect([0, 1, 2, 3].map((attempt) => policy.nextDelayMs(attempt))).toEqual([10, 20, 40, null])
  })

  it('an endless policy keeps its last delay', () => {
    const policy = endlessBackoffPolicy([10, 20])
    expect([0, 1, 2, 50].map((attempt) => policy.nextDelayMs(attempt))).toEqual([10, 20, 20, 20])
  })

  it('nonsense attempts get no delay', () => {
    for (const policy of [backoffPolicy([10]), endlessBackoffPolicy([10])]) {
      expect(policy.nextDelayMs(-1)).toBeNull()
      expect(policy.nextDelayMs(0.5)).toBeNull()
    }
    expect(endlessBackoffPolicy([]).nextDelayMs(0)).toBeNull()
  })

  it('changing the array given does not change the policy', () => {
    const delays = [10]
    const policy = backoffPolicy(delays)
    delays[0] = 99
    expect(policy.nextDelayMs(0)).toBe(10)
  })
})
