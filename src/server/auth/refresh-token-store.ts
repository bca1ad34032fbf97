/**
 * Remembers refresh token ids that were used or revoked, until they would have expired anyway.
 * Refresh tokens are self-contained JWTs, so a restarted server with the same AUTH_SECRET still
 * accepts them; this store is only what makes rotation refuse a token used once.
 */
import type { RedisClient } from '../redis-client'

export interface RefreshTokenStore {
  /** Marks the id used; true only for the first caller, so two racing refreshes cannot both win. */
  consume(jti: string, expiresAtSeconds: number): Promise<boolean>
  close(): Promise<void>
}

export class MemoryRefreshTokenStore implements RefreshTokenStore {
  private readonly used = new Map<string, number>()
  private operations = 0

  constructor(private readonly now: () => number = Date.now) {}

  async consume(jti: string, expiresAtSeconds: number): Promise<boolean> {
    this.sweepSometimes()
    if (this.used.has(jti)) return false
    this.used.set(jti, expiresAtSeconds)
    return true
  }

  async close(): Promise<void> {
    this.used.clear()
  }

  private sweepSometimes(): void {
    if (++this.operations % 500 !== 0) return
    const nowSeconds = this.now() / 1000
    for (const [jti, expiresAt] of this.used) if (expiresAt < nowSeconds) this.used.delete(jti)
  }
}

export class RedisRefreshTokenStore implements RefreshTokenStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'parley:refresh-used:',
  ) {}

  async consume(jti: string, expiresAtSeconds: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(expiresAtSeconds - Date.now() / 1000))
    // SET NX is the atomic "first one wins" across every node.
    const result = await this.redis.set(this.prefix + jti, '1', {
      condition: 'NX',
      expiration: { type: 'EX', value: ttl },
    })
    return result === 'OK'
  }

  async close(): Promise<void> {
    // The client belongs to the server, which closes it.
  }
}
