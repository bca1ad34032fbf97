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
