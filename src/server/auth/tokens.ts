/**
 * Access and refresh tokens: HS256 JWTs signed with the server's key. Every token names its
 * sign-in session (`sid`, see session-store.ts) and must carry `exp`. Access tokens are short-lived
 * and checked at the socket handshake and on bearer routes; refresh tokens carry the session's
 * generation and rotate: each can be exchanged once, and a second use ends the whole session.
 */
import { randomUUID } from 'node:crypto'
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose'
import { z } from 'zod'
import { MAX_DISPLAY_NAME_LENGTH, userIdSchema, type AuthResponse } from '../../shared/protocol'
import type { SessionStore } from './session-store'

const ISSUER = 'parley'
const ALGORITHM = 'HS256'

export interface TokenUser {
  id: string
  displayName: string
}

/** Who an access token speaks for, in which session, until when. */
export interface AccessGrant {
  user: TokenUser
  sessionId: string
  /** Epoch seconds. */
  expiresAt: number
}

const sessionIdSchema = z.string().min(1).max(128)
const accessClaimsSchema = z.object({
  sub: userIdSchema,
  name: z.string().max(MAX_DISPLAY_NAME_LENGTH),
  typ: z.literal('access'),
  sid: sessionIdSchema,
  exp: z.number(),
})
const refreshClaimsSchema = z.object({
  sub: userIdSchema,
  name: z.string().max(MAX_DISPLAY_NAME_LENGTH),
  typ: z.literal('refresh'),
  sid: sessionIdSchema,
  gen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  exp: z.number(),
})

export type TokenErrorReason = 'expired' | 'invalid' | 'revoked' | 'reused' | 'user-gone'

export class TokenError extends Error {
  override readonly name = 'TokenError'
  constructor(readonly reason: TokenErrorReason) {
    super(`token ${reason}`)
  }
}

export interface TokenServiceOptions {
  secret: Uint8Array
  accessTtlSeconds: number
  refreshTtlSeconds: number
  store: SessionStore
  /**
   * Looks the user up again on refresh: null refuses (the account is gone), otherwise the
   * returned user (e.g. a changed display name) goes into the new tokens. Absent: tokens carry on.
   */
  refreshUser?: (user: TokenUser) => TokenUser | null
  /** Told when a session ends (sign-out or a reused refresh token), to drop its sockets. */
  onSessionEnded?: (sessionId: string) => void
}

export class TokenService {
  constructor(private readonly options: TokenServiceOptions) {}

  /** A new session for a fresh sign-in. */
  issue(user: TokenUser): Promise<AuthResponse> {
    return this.sign(user, randomUUID(), 0)
  }

  /** The grant an access token carries; throws TokenError for anything else. */
  async verifyAccess(token: string): Promise<AccessGrant> {
    const claims = accessClaimsSchema.safeParse(await this.verify(token))
    if (!claims.success) throw new TokenError('invalid')
    if (await this.options.store.isRevoked(claims.data.sid)) throw new TokenError('revoked')
    return {
      user: { id: claims.data.sub, displayName: claims.data.name },
      sessionId: claims.data.sid,
      expiresAt: claims.data.exp,
    }
  }

  /** Exchanges a refresh token for a new pair; a token used before ends its session. */
  async rotate(refreshToken: string): Promise<AuthResponse> {
    const claims = await this.verifyRefresh(refreshToken)
    const outcome = await this.options.store.rotate(claims.sid, claims.gen, this.refreshExpiry())
    if (outcome === 'reused') {
      this.options.onSessionEnded?.(claims.sid)
      throw new TokenError('reused')
    }
    if (outcome === 'revoked') throw new TokenError('revoked')
    const claimed: TokenUser = { id: claims.sub, displayName: claims.name }
    const user = this.options.refreshUser ? this.options.refreshUser(claimed) : claimed
    if (!user) {
      await this.endSession(claims.sid)
      throw new TokenError('user-gone')
    }
    return this.sign(user, claims.sid, claims.gen + 1)
  }

  /** Sign-out: ends the refresh token's session, its access tokens and its sockets. */
  async revoke(refreshToken: string): Promise<void> {
    const claims = await this.verifyRefresh(refreshToken)
    await this.endSession(claims.sid)
  }

  private async endSession(sid: string): Promise<void> {
    await this.options.store.revoke(sid, this.refreshExpiry())
    this.options.onSessionEnded?.(sid)
  }

  private refreshExpiry(): number {
    return Math.floor(Date.now() / 1000) + this.options.refreshTtlSeconds
  }

  private async sign(user: TokenUser, sid: string, generation: number): Promise<AuthResponse> {
    const { secret, accessTtlSeconds, refreshTtlSeconds } = this.options
    const now = Math.floor(Date.now() / 1000)
    const accessToken = await new SignJWT({ name: user.displayName, typ: 'access', sid })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + accessTtlSeconds)
      .sign(secret)
    const refreshToken = await new SignJWT({
      name: user.displayName,
      typ: 'refresh',
      sid,
      gen: generation,
    })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + refreshTtlSeconds)
      .sign(secret)
    return { accessToken, refreshToken, expiresIn: accessTtlSeconds, user: { ...user } }
  }

  private async verifyRefresh(token: string) {
    const claims = refreshClaimsSchema.safeParse(await this.verify(token))
    if (!claims.success) throw new TokenError('invalid')
    return claims.data
  }

  private async verify(token: string): Promise<unknown> {
    try {
      const { payload } = await jwtVerify(token, this.options.secret, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
        // A token without an expiry would be good forever: never accept one.
        requiredClaims: ['exp', 'sub'],
      })
      return payload
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) {
        throw new TokenError(error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid')
      }
      throw error
    }
  }
}
