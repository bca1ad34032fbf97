/**
 * Access and refresh tokens: HS256 JWTs signed with AUTH_SECRET. Access tokens are short-lived
 * and checked at the socket handshake and on bearer routes. Refresh tokens carry a `jti` and
 * rotate: each one can be exchanged once (see refresh-token-store.ts).
 */
import { randomUUID } from 'node:crypto'
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose'
import { z } from 'zod'
import { MAX_DISPLAY_NAME_LENGTH, userIdSchema, type AuthResponse } from '../../shared/protocol'
import type { RefreshTokenStore } from './refresh-token-store'

const ISSUER = 'parley'
const ALGORITHM = 'HS256'

export interface TokenUser {
  id: string
  displayName: string
}

const accessClaimsSchema = z.object({
  sub: userIdSchema,
  name: z.string().max(MAX_DISPLAY_NAME_LENGTH),
  typ: z.literal('access'),
})
const refreshClaimsSchema = z.object({
  sub: userIdSchema,
  name: z.string().max(MAX_DISPLAY_NAME_LENGTH),
  typ: z.literal('refresh'),
  jti: z.string().min(1).max(128),
  exp: z.number(),
})

export class TokenError extends Error {
  override readonly name = 'TokenError'
}

export interface TokenServiceOptions {
  secret: Uint8Array
  accessTtlSeconds: number
  refreshTtlSeconds: number
  store: RefreshTokenStore
  /**
   * Looks the user up again on refresh: null refuses (the account is gone), otherwise the
   * returned user (e.g. a changed display name) goes into the new tokens. Absent: tokens carry on.
   */
  refreshUser?: (user: TokenUser) => TokenUser | null
}

export class TokenService {
  constructor(private readonly options: TokenServiceOptions) {}

  async issue(user: TokenUser): Promise<AuthResponse> {
    const { secret, accessTtlSeconds, refreshTtlSeconds } = this.options
    const now = Math.floor(Date.now() / 1000)
    const accessToken = await new SignJWT({ name: user.displayName, typ: 'access' })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + accessTtlSeconds)
      .sign(secret)
    const refreshToken = await new SignJWT({ name: user.displayName, typ: 'refresh' })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + refreshTtlSeconds)
      .sign(secret)
    return { accessToken, refreshToken, expiresIn: accessTtlSeconds, user: { ...user } }
  }

  /** The user an access token speaks for; throws TokenError for anything else. */
  async verifyAccess(token: string): Promise<TokenUser> {
    const payload = await this.verify(token)
    const claims = accessClaimsSchema.safeParse(payload)
    if (!claims.success) throw new TokenError('not an access token')
    return { id: claims.data.sub, displayName: claims.data.name }
  }

  /** Exchanges a refresh token for a new pair; the old one is spent even if signing fails later. */
  async rotate(refreshToken: string): Promise<AuthResponse> {
    const claims = await this.verifyRefresh(refreshToken)
    if (!(await this.options.store.consume(claims.jti, claims.exp))) {
      throw new TokenError('refresh token already used')
    }
    const claimed: TokenUser = { id: claims.sub, displayName: claims.name }
    const user = this.options.refreshUser ? this.options.refreshUser(claimed) : claimed
    if (!user) throw new TokenError('user no longer exists')
    return this.issue(user)
  }

  /** Revokes a refresh token; a token that is already spent or invalid is simply no-op. */
  async revoke(refreshToken: string): Promise<void> {
    const claims = await this.verifyRefresh(refreshToken)
    await this.options.store.consume(claims.jti, claims.exp)
  }

  private async verifyRefresh(token: string) {
    const claims = refreshClaimsSchema.safeParse(await this.verify(token))
    if (!claims.success) throw new TokenError('not a refresh token')
    return claims.data
  }

  private async verify(token: string): Promise<unknown> {
    try {
      const { payload } = await jwtVerify(token, this.options.secret, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
      })
      return payload
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) {
        throw new TokenError(error instanceof joseErrors.JWTExpired ? 'token expired' : 'bad token')
      }
      throw error
    }
  }
}
