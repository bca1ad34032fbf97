/**
 * The one sign-in client, shared by main's session service and the browser's web host: login,
 * refresh, logout and server-info probing over fetch (injected, with the clock), every body parsed
 * with the protocol's schemas, every failure a BridgeError in the shared words (auth-messages.ts).
 * The single-flight refresh and the one refresh-margin rule live in token-keeper.ts.
 */
import type { z } from 'zod'
import { BridgeError, phrasedBridgeError, type HostServerInfo } from '../bridge'
import {
  API_PATHS,
  authResponseSchema,
  httpErrorSchema,
  serverInfoSchema,
  type AuthResponse,
  type AuthUser,
} from '../protocol'
import { AUTH_PHRASES } from './auth-messages'
import { apiUrl } from './server-address'
import { expiresAtFor, refreshMarginMs } from './token-expiry'

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export const HTTP_TIMEOUT_MS = 10_000

/** A non-2xx answer, kept apart so callers can tell 401 from 500. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly serverMessage: string | null,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ''}${serverMessage ? `: ${serverMessage}` : ''}`)
    this.name = 'HttpStatusError'
  }
}

export interface JsonRequest {
  method: 'GET' | 'POST'
  body?: unknown
  bearer?: string
}

/**
 * Sends a request and parses a 2xx body with `schema` (or expects no body when `schema` is null).
 * Network failures throw SERVER_UNREACHABLE; a non-2xx status throws HttpStatusError; a body that
 * does not match throws SERVER_ERROR.
 */
export async function requestJson<S extends z.ZodType>(
  fetchImpl: FetchLike,
  url: string,
  request: JsonRequest,
  schema: S | null,
): Promise<z.output<S> | null> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (request.body !== undefined) headers['content-type'] = 'application/json'
  if (request.bearer) headers.authorization = `Bearer ${request.bearer}`
  let response: Response
  try {
    response = await fetchImpl(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      // A redirect could carry the bearer token elsewhere: refuse them.
      redirect: 'error',
    })
  } catch (error) {
    throw phrasedBridgeError('SERVER_UNREACHABLE', AUTH_PHRASES.unreachable(new URL(url).origin), {
      cause: error,
    })
  }
  if (!response.ok) {
    let code: string | null = null
    let message: string | null = null
    try {
      const parsed = httpErrorSchema.safeParse(await response.json())
      if (parsed.success) {
        code = parsed.data.error
        message = parsed.data.message
      }
    } catch {
      // A non-JSON error body: the status says enough.
    }
    throw new HttpStatusError(response.status, code, message)
  }
  if (schema === null) return null
  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.unreadable, { cause: error })
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.unreadable, { cause: parsed.error })
  }
  return parsed.data
}

/** Tokens as the client keeps them: the server's answer with its times made absolute. */
export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  user: AuthUser
  /** Epoch ms at which the access token expires (token-expiry.ts expiresAtFor). */
  expiresAt: number
  /** Epoch ms from which the access token is renewed before use (see refreshAtFor). */
  refreshAt: number
}

/** From when a token expiring at `expiresAt` is renewed before use (the one margin rule). */
export function refreshAtFor(expiresAt: number, lifetimeMs: number): number {
  return expiresAt - refreshMarginMs(lifetimeMs)
}

export interface Credentials {
  username: string
  password?: string
}

export interface AuthClient {
  /** What the server wants; "This is not a Parley server" when it is some other web server. */
  serverInfo(serverUrl: string): Promise<Omit<HostServerInfo, 'embedded'>>
  login(serverUrl: string, credentials: Credentials): Promise<IssuedTokens>
  /** Rotates the refresh token; a refusal (401/403) is NOT_SIGNED_IN with the shared words. */
  refresh(serverUrl: string, refreshToken: string): Promise<IssuedTokens>
  /** Revokes the refresh token; failures are the caller's to ignore. */
  logout(serverUrl: string, refreshToken: string): Promise<void>
}

export function isRefusal(error: unknown): boolean {
  return error instanceof HttpStatusError && (error.status === 401 || error.status === 403)
}

export function createAuthClient(deps: { fetch: FetchLike; now: () => number }): AuthClient {
  const issued = (response: AuthResponse | null): IssuedTokens => {
    if (!response) throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.unreadable)
    const lifetimeMs = response.expiresIn * 1000
    const expiresAt = expiresAtFor(response.accessToken, deps.now(), lifetimeMs)
    return {
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      user: response.user,
      expiresAt,
      refreshAt: refreshAtFor(expiresAt, lifetimeMs),
    }
  }

  /**
   * A server without /server-info may still speak the protocol (the endpoint is this project's
   * addition): its login route answers a bare request with a JSON error. A web server that is not
   * a calling server answers neither.
   */
  async function looksLikeProtocolServer(serverUrl: string): Promise<boolean> {
    try {
      await requestJson(
        deps.fetch,
        apiUrl(serverUrl, API_PATHS.login),
        { method: 'POST', body: {} },
        null,
      )
      return false
    } catch (error) {
      return error instanceof HttpStatusError && error.code !== null && error.status !== 404
    }
  }

  return {
    async serverInfo(serverUrl) {
      const origin = new URL(serverUrl).origin
      try {
        const info = await requestJson(
          deps.fetch,
          apiUrl(serverUrl, API_PATHS.serverInfo),
          { method: 'GET' },
          serverInfoSchema,
        )
        if (info) return { serverUrl, authMode: info.authMode }
      } catch (error) {
        const notJson = error instanceof BridgeError && error.code === 'SERVER_ERROR'
        const missing = error instanceof HttpStatusError && error.status === 404
        if (!notJson && !missing) {
          if (error instanceof HttpStatusError) {
            throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.requestFailed(error.status))
          }
          throw error
        }
      }
      if (await looksLikeProtocolServer(serverUrl)) return { serverUrl, authMode: 'users' }
      throw phrasedBridgeError('NOT_A_PARLEY_SERVER', AUTH_PHRASES.notParley(origin))
    },

    async login(serverUrl, credentials) {
      try {
        return issued(
          await requestJson(
            deps.fetch,
            apiUrl(serverUrl, API_PATHS.login),
            {
              method: 'POST',
              body: {
                username: credentials.username,
                ...(credentials.password !== undefined && credentials.password !== ''
                  ? { password: credentials.password }
                  : {}),
              },
            },
            authResponseSchema,
          ),
        )
      } catch (error) {
        if (!(error instanceof HttpStatusError)) throw error
        if (error.status === 401 || error.status === 403) {
          throw error.serverMessage
            ? new BridgeError('SIGN_IN_FAILED', error.serverMessage)
            : phrasedBridgeError('SIGN_IN_FAILED', AUTH_PHRASES.wrongCredentials)
        }
        if (error.status === 429) {
          throw phrasedBridgeError('SIGN_IN_FAILED', AUTH_PHRASES.tooManyAttempts)
        }
        if (error.status === 400) {
          throw error.serverMessage
            ? new BridgeError('SIGN_IN_FAILED', error.serverMessage)
            : phrasedBridgeError('SIGN_IN_FAILED', AUTH_PHRASES.refusedSignIn)
        }
        throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.signInFailed(error.status))
      }
    },

    async refresh(serverUrl, refreshToken) {
      try {
        return issued(
          await requestJson(
            deps.fetch,
            apiUrl(serverUrl, API_PATHS.refresh),
            { method: 'POST', body: { refreshToken } },
            authResponseSchema,
          ),
        )
      } catch (error) {
        if (isRefusal(error)) {
          throw phrasedBridgeError('NOT_SIGNED_IN', AUTH_PHRASES.refreshRefused, { cause: error })
        }
        if (error instanceof HttpStatusError) {
          throw phrasedBridgeError('SERVER_ERROR', AUTH_PHRASES.renewFailed(error.status), {
            cause: error,
          })
        }
        throw error
      }
    },

    async logout(serverUrl, refreshToken) {
      await requestJson(
        deps.fetch,
        apiUrl(serverUrl, API_PATHS.logout),
        { method: 'POST', body: { refreshToken } },
        null,
      )
    },
  }
}
