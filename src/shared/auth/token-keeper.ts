/**
 * Keeps one signed-in session's tokens: hands out an access token, renewing it from refreshAt on
 * (the one margin rule, auth-client.ts), with at most one refresh in flight (refresh tokens
 * rotate, so two parallel refreshes would spend the same token twice). A refused refresh ends the
 * session; for a guest the host may sign in again with the same name (`renewGuest`) and carry on.
 * Both hosts use it: main's session service and the browser's web host.
 */
import { BridgeError, phrasedBridgeError } from '../bridge'
import { AUTH_PHRASES } from './auth-messages'
import { isRefusal, type AuthClient, type IssuedTokens } from './auth-client'

export interface TokenKeeper {
  readonly serverUrl: string
  tokens(): IssuedTokens | null
  /** A valid access token; `forceRefresh` after the server refused the current one. */
  accessToken(options?: { forceRefresh?: boolean }): Promise<string>
  /** Renews now (single flight). */
  refresh(): Promise<IssuedTokens>
  /** Runs a request with the access token, renewing once and retrying when it answers 401. */
  withAccessToken<T>(request: (token: string) => Promise<T>): Promise<T>
  /** Signed out or replaced: an in-flight refresh's result is dropped. */
  end(): void
}

export interface TokenKeeperHooks {
  /** New tokens (a rotation): persist the refresh token. */
  onRenewed?(tokens: IssuedTokens, previous: IssuedTokens): Promise<void> | void
  /**
   * The server refused the refresh token. Return new tokens to carry on (a guest signed in again
   * with the same name), or null to end the session.
   */
  onRefused?(previous: IssuedTokens): Promise<IssuedTokens | null>
  /** The session is over (refused and not renewed). */
  onEnded?(): Promise<void> | void
}

export function isRefreshRefused(error: unknown): boolean {
  return error instanceof BridgeError && error.code === 'NOT_SIGNED_IN' && isRefusal(error.cause)
}

export function createTokenKeeper(
  client: AuthClient,
  serverUrl: string,
  initial: IssuedTokens,
  options: { now: () => number; hooks?: TokenKeeperHooks },
): TokenKeeper {
  const hooks = options.hooks ?? {}
  let current: IssuedTokens | null = initial
  let inFlight: Promise<IssuedTokens> | null = null

  async function renew(from: IssuedTokens): Promise<IssuedTokens> {
    let next: IssuedTokens
    try {
      next = await client.refresh(serverUrl, from.refreshToken)
    } catch (error) {
      if (!isRefreshRefused(error) || current !== from) throw error
      const renewed = hooks.onRefused ? await hooks.onRefused(from).catch(() => null) : null
      if (current !== from) throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.notSignedIn)
      if (!renewed) {
        current = null
        await hooks.onEnded?.()
        throw error
      }
      next = renewed
    }
    // Signed out (or in elsewhere) while this was in flight: drop the new tokens.
    if (current !== from) throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.notSignedIn)
    current = next
    await hooks.onRenewed?.(next, from)
    return next
  }

  function refresh(): Promise<IssuedTokens> {
    const from = current
    if (!from) return Promise.reject(phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.notSignedIn))
    inFlight ??= renew(from).finally(() => {
      inFlight = null
    })
    return inFlight
  }

  async function accessToken(request?: { forceRefresh?: boolean }): Promise<string> {
    if (!current) throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.notSignedIn)
    if (request?.forceRefresh || options.now() >= current.refreshAt) {
      return (await refresh()).accessToken
    }
    return current.accessToken
  }

  return {
    serverUrl,
    tokens: () => current,
    accessToken,
    refresh,
    async withAccessToken(request) {
      try {
        return await request(await accessToken())
      } catch (error) {
        if (!isRefusal(error) || (error as { status?: number }).status !== 401) throw error
        // The server may have restarted with new keys or revoked the token: renew once.
        return request(await accessToken({ forceRefresh: true }))
      }
    },
    end() {
      current = null
    },
  }
}
