/**
 * Token buckets: one per socket for signaling, one per (address, user name) for failed logins.
 * The clock is injectable so tests need no sleeping.
 */
import type { RateLimitConfig } from './config'

export type Clock = () => number

export class TokenBucket {
  private tokens: number
  private updatedAt: number

  constructor(
    private readonly limit: RateLimitConfig,
    private readonly now: Clock = Date.now,
  ) {
    this.tokens = limit.burst
    this.updatedAt = now()
  }

  /** Takes one token if there is one. */
  take(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** True when at least one token is available, without taking it. */
  peek(): boolean {
    this.refill()
    return this.tokens >= 1
  }

  /** True when the bucket is full again, so a keyed limiter may forget it. */
  isFull(): boolean {
    this.refill()
    return this.tokens >= this.limit.burst
  }

  private refill(): void {
    const now = this.now()
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000
    this.updatedAt = now
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsedSeconds * this.limit.perSecond)
  }
}

/** Buckets by key, swept now and then so idle keys do not pile up in memory. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>()
  private operations = 0

  constructor(
    private readonly limit: RateLimitConfig,
    private readonly now: Clock = Date.now,
  ) {}

  isLimited(key: string): boolean {
    return !(this.buckets.get(key)?.peek() ?? true)
  }

  /** Records one event; false when the key had no allowance left. */
  take(key: string): boolean {
    this.sweepSometimes()
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(this.limit, this.now)
      this.buckets.set(key, bucket)
    }
    return bucket.take()
  }

  private sweepSometimes(): void {
    if (++this.operations % 1000 !== 0) return
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key)
  }
}
