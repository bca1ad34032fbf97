/**
 * When an access token expires, read from the token itself where it says so: a JWT (the reference
 * server's tokens, and most backends') carries `exp` in seconds since the epoch. PROTOCOL.md does
 * not promise a JWT, so anything else (an opaque token, a payload that does not parse) is null and
 * the caller does without.
 */
import { z } from 'zod'

const claimsSchema = z
  .object({ exp: z.number().int().positive(), iat: z.number().int().positive().optional() })
  .passthrough()

export interface TokenTimes {
  /** Epoch ms at which the token expires. */
  expiresAt: number
  /** Epoch ms at which it was issued, when it says (`iat`). */
  issuedAt: number | null
}

/** When the token was issued and expires, or null when it does not say when it expires. */
export function tokenTimes(token: string): TokenTimes | null {
  const parts = token.split('.')
  const payload = parts.length === 3 ? parts[1] : undefined
  if (!payload || !/^[A-Za-z0-9_-]+$/.test(payload)) return null
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    const json: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')))
    const claims = claimsSchema.safeParse(json)
    if (!claims.success) return null
    const { exp, iat } = claims.data
    return { expiresAt: exp * 1000, issuedAt: iat !== undefined && iat < exp ? iat * 1000 : null }
  } catch {
    return null
  }
}

/**
 * The one refresh-margin rule: a host renews an access token a fifth of its lifetime before it
 * expires, at most a minute early (a 10-minute token at 9 minutes, a 60-second one at 48 s). Early
 * enough that a socket handshake never races expiry, and that the signaling socket's own renewal,
 * a few seconds before expiry (signaling-client.ts counts its lead from this margin), always finds
 * a fresh token; late enough not to hammer the server.
 */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 5)
}

/**
 * When a token that arrived at `arrivedAt`, valid for `lifetimeMs` by the server's word, expires by
 * this machine's clock. A token that says when it expires (a JWT's `exp`) arrived with less of
 * its life left than its lifetime when the answer was slow or the machine busy, and the server
 * closes the socket at its own expiry: so the earlier of the two counts. A JWT whose `exp` would
 * leave less than half the lifetime means the clocks disagree, not a slow answer; counting from
 * it would refresh on every use, so half the lifetime is the least it gets.
 */
export function expiresAtFor(token: string, arrivedAt: number, lifetimeMs: number): number {
  const byArrival = arrivedAt + lifetimeMs
  const stated = tokenTimes(token)?.expiresAt
  if (stated === undefined) return byArrival
  return Math.max(arrivedAt + lifetimeMs / 2, Math.min(byArrival, stated))
}

/**
 * The `details` of the reference server's rtc:error before it closes a socket whose access token
 * expired. Other fields may come along; only the reason matters.
 */
export const tokenExpiryNoticeSchema = z
  .object({ reason: z.literal('token-expired') })
  .passthrough()
